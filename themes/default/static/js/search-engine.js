// khumue offline search engine: queries the index that src/search/ writes, from file:// or a
// server. Needs search-analysis.js (loaded before it) for every rule that turns text into terms.
//
// The index is JavaScript loaded with <script> tags (fetch of a local file fails under file://):
// search/index.js, then only the word (w/) and bigram (b/) shards the query's terms hash to,
// then the documents (d/) of the best candidates, which are re-scored on their real text.
//
// Stable entry point: window.khumueSearch(query, {limit}) → Promise of
// [{url, title, heading, path, snippet, score}], url relative to the site root, snippet as HTML
// with the matched text in <mark>.
(function () {
  'use strict';

  const { normalize, runs, hashTerm, parseQuery, RUN_CHAR, THAI, THAI_MARK } = window.khumueAnalysis;
  const root = document.documentElement.getAttribute('data-root') || '';
  const indexBase = root + 'search/';

  // ---- loading index files ------------------------------------------------------------------

  const loaded = new Map();
  const waiting = new Map();
  let version = '';

  window.__khumueSearchLoad = function (key, data) {
    loaded.set(key, data);
    const wait = waiting.get(key);
    if (wait) {
      waiting.delete(key);
      wait.resolve(data);
    }
  };

  function load(key) {
    if (loaded.has(key)) return Promise.resolve(loaded.get(key));
    const pending = waiting.get(key);
    if (pending) return pending.promise;
    const wait = {};
    wait.promise = new Promise((resolve, reject) => {
      wait.resolve = resolve;
      wait.reject = reject;
    });
    waiting.set(key, wait);
    const script = document.createElement('script');
    script.src = indexBase + key + '.js' + (version ? '?v=' + version : '');
    script.async = true;
    script.onerror = () => {
      waiting.delete(key);
      script.remove();
      wait.reject(new Error('khumue search: cannot load ' + script.src));
    };
    script.onload = () => script.remove();
    document.head.appendChild(script);
    return wait.promise;
  }

  let indexPromise = null;
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = load('index').then((index) => {
        version = index.version;
        const lengths = index.lengths ? index.lengths.split(',').map((l) => parseInt(l, 36)) : [];
        return {
          pages: index.pages,
          average: index.averageLength || 1,
          lengths,
          wordShards: index.wordShards,
          bigramShards: index.bigramShards,
        };
      });
      indexPromise.catch(() => {
        indexPromise = null;
      });
    }
    return indexPromise;
  }

  // ---- postings ------------------------------------------------------------------------------

  function decodePostings(encoded) {
    const list = new Map();
    let page = 0;
    for (const item of encoded.split(',')) {
      const colon = item.indexOf(':');
      page += parseInt(colon < 0 ? item : item.slice(0, colon), 36);
      list.set(page, colon < 0 ? 1 : parseInt(item.slice(colon + 1), 36));
    }
    return list;
  }

  // ---- phase 1: candidates from the inverted index -------------------------------------------

  const K1 = 1.2;
  const B = 0.5;
  const idf = (df, n) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const saturate = (tf, length, average) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));

  // Phase 1: candidates from the inverted index.
  async function candidates(index, chunks, wanted) {
    const keys = new Set();
    for (const chunk of chunks) {
      for (const w of chunk.words) keys.add('w/' + (hashTerm(w) % index.wordShards));
      for (const b of chunk.bigrams) keys.add('b/' + (hashTerm(b) % index.bigramShards));
    }
    const shards = new Map();
    await Promise.all([...keys].map((key) => load(key).then((data) => shards.set(key, data))));
    const lookup = (kind, count, term) => {
      const shard = shards.get(kind + '/' + (hashTerm(term) % count));
      return shard && shard[term] ? decodePostings(shard[term]) : new Map();
    };
    const n = index.pages;
    const scores = new Map();
    const add = (page, value) => scores.set(page, (scores.get(page) || 0) + value);
    for (const chunk of chunks) {
      const wordLists = chunk.words.map((w) => lookup('w', index.wordShards, w));
      chunk.wordIdf = new Map(chunk.words.map((w, i) => [w, idf(wordLists[i].size || 1, n)]));
      wordLists.forEach((list) => {
        const weight = idf(list.size, n) / wordLists.length;
        for (const [page, tf] of list) add(page, weight * saturate(tf, index.lengths[page], index.average));
      });
      // Bigram evidence counts in proportion to how many of the chunk's bigrams a page has, so
      // pages holding the whole chunk (or all but a typo) rise above those sharing a few.
      const bigramLists = chunk.bigrams.map((b) => lookup('b', index.bigramShards, b));
      const present = new Map();
      const bigramScore = new Map();
      bigramLists.forEach((list) => {
        const weight = idf(list.size, n) / bigramLists.length;
        for (const [page, tf] of list) {
          present.set(page, (present.get(page) || 0) + 1);
          bigramScore.set(page, (bigramScore.get(page) || 0) + weight * saturate(tf, index.lengths[page], index.average));
        }
      });
      let complete = 0;
      for (const [page, count] of present) {
        const coverage = count / bigramLists.length;
        if (coverage === 1) complete++;
        add(page, bigramScore.get(page) * coverage * coverage * coverage);
      }
      // A document frequency for the whole chunk: pages with all its bigrams (an upper bound
      // on the pages that contain it), or its one word's list.
      const minBigramDf = Math.min(...bigramLists.map((l) => l.size));
      chunk.df =
        chunk.words.length === 1 && wordLists[0].size > 0 && !chunk.prefix
          ? wordLists[0].size
          : complete || (bigramLists.length ? minBigramDf : wordLists[0] ? wordLists[0].size : 0) || 1;
      chunk.idf = idf(Math.min(chunk.df, n), n);
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, wanted)
      .map(([page]) => page);
  }

  // ---- phase 2: matching on the page text ----------------------------------------------------

  const documents = new Map();
  function loadDocument(page) {
    if (documents.has(page)) return Promise.resolve(documents.get(page));
    return load('d/' + page).then((doc) => {
      const field = (text) => {
        const n = normalize(text);
        return { text, chars: n.chars, joined: n.chars.join(''), map: n.map, source: n.source };
      };
      const title = field(doc.title);
      const titleLength = runs(title.chars)
        .filter(([s, e]) => !/^[\d.]+$/.test(title.joined.slice(s, e)))
        .reduce((sum, [s, e]) => sum + e - s, 0);
      const prepared = {
        page,
        url: doc.url,
        title,
        titleLength: Math.max(titleLength, 1),
        path: doc.path || [],
        sections: doc.sections.map(([heading, anchor, text]) => ({ heading: field(heading), anchor, body: field(text) })),
      };
      documents.set(page, prepared);
      return prepared;
    });
  }

  // Exact occurrences of `chunk` in a field, as [start, end) character ranges. Latin and digit
  // chunks must start a word (and end one unless typed as a prefix); Thai has no such marks.
  function exactMatches(field, chunk) {
    const found = [];
    if (!chunk.text) return found;
    let from = 0;
    const joined = field.joined;
    // joined is a string of code points that are all single UTF-16 units in Thai and Latin;
    // fall back to array search when the field holds astral characters.
    const simple = joined.length === field.chars.length;
    while (simple) {
      const at = joined.indexOf(chunk.text, from);
      if (at < 0) break;
      const end = at + chunk.chars.length;
      from = at + 1;
      if (!chunk.thai) {
        if (at > 0 && RUN_CHAR.test(joined[at - 1])) continue;
        if (!chunk.prefix && end < joined.length && RUN_CHAR.test(joined[end])) continue;
      }
      found.push([at, end]);
      from = end;
    }
    return found;
  }

  // Occurrences within one edit (substitution, insertion, deletion) of `chunk` (Sellers).
  function fuzzyMatches(field, chunk) {
    const p = chunk.chars;
    const m = p.length;
    const t = field.chars;
    const found = [];
    // With one edit, one half of the chunk is still there exactly: skip fields with neither.
    const half = Math.floor(m / 2);
    const left = p.slice(0, half).join('');
    const right = p.slice(half + 1).join('');
    if (!field.joined.includes(left) && !field.joined.includes(right)) return found;
    let column = Array.from({ length: m + 1 }, (_, i) => i);
    let lastEnd = -1;
    for (let j = 0; j < t.length; j++) {
      const next = [0];
      for (let i = 1; i <= m; i++) {
        const cost = p[i - 1] === t[j] ? 0 : 1;
        next.push(Math.min(column[i - 1] + cost, column[i] + 1, next[i - 1] + 1));
      }
      column = next;
      if (column[m] <= 1 && j - lastEnd >= m - 1) {
        // Extend to the best end nearby before recording.
        let end = j;
        if (j + 1 < t.length && column[m] === 1) {
          const cost = p[m - 1] === t[j + 1] ? 0 : 1;
          if (column[m - 1] + cost === 0) end = j + 1;
        }
        found.push([Math.max(0, end - m + 1), end + 1]);
        lastEnd = end;
      }
    }
    return found;
  }

  const TITLE_BOOST = 2.5;
  const TITLE_BASE = 0.4;
  const HEADING_BOOST = 1.5;
  const FUZZY_FACTOR = 0.6;
  const PARTIAL_FACTOR = 0.35;
  const NEAR = 24;

  function fieldsOf(doc) {
    const fields = [{ kind: 'title', field: doc.title, section: -1 }];
    doc.sections.forEach((s, i) => {
      if (s.heading.chars.length) fields.push({ kind: 'heading', field: s.heading, section: i });
      fields.push({ kind: 'body', field: s.body, section: i });
    });
    return fields;
  }

  // What one chunk matched in a document, as groups of hits that each carry the weight they
  // earn: the whole chunk exactly, else within one edit (4+ characters), else the chunk's own
  // words found separately, each worth only its own (lower) idf.
  function matchChunk(fields, chunk) {
    const collect = (finder, term) =>
      fields.map((f) => ({ ...f, ranges: finder(f.field, term) })).filter((f) => f.ranges.length);
    const exact = collect(exactMatches, chunk);
    if (exact.length) return [{ weight: chunk.idf, length: chunk.chars.length, hits: exact }];
    if (chunk.chars.length >= 4) {
      const fuzzy = collect(fuzzyMatches, chunk);
      if (fuzzy.length) return [{ weight: chunk.idf * FUZZY_FACTOR, length: chunk.chars.length, hits: fuzzy }];
    }
    if (chunk.words.length < 2) return [];
    const groups = [];
    for (const word of chunk.words) {
      const term = { text: word, chars: Array.from(word), thai: THAI.test(word), prefix: false };
      const hits = collect(exactMatches, term);
      const weight = ((chunk.wordIdf && chunk.wordIdf.get(word)) || 0) * PARTIAL_FACTOR;
      if (hits.length && weight > 0) groups.push({ weight: weight / chunk.words.length, length: term.chars.length, hits });
    }
    return groups;
  }

  function scoreDocument(doc, chunks, index) {
    const fields = fieldsOf(doc);
    const length = index.lengths[doc.page] || 1;
    let score = 0;
    let matched = 0;
    const sectionScores = new Map();
    const sectionRanges = new Map();
    const bodyHits = [];
    chunks.forEach((chunk, c) => {
      const groups = matchChunk(fields, chunk);
      if (!groups.length) return;
      matched += groups.length === 1 && groups[0].length === chunk.chars.length ? 1 : 0.5;
      for (const group of groups) {
        let body = 0;
        let heading = 0;
        let title = 0;
        for (const hit of group.hits) {
          const count = hit.ranges.length;
          if (hit.kind === 'title') title += count;
          else if (hit.kind === 'heading') heading += count;
          else body += count;
          if (hit.section >= 0) {
            const local = group.weight * (hit.kind === 'heading' ? 2 : 1) * Math.min(count, 3);
            sectionScores.set(hit.section, (sectionScores.get(hit.section) || 0) + local);
            const key = hit.section + ':' + hit.kind;
            sectionRanges.set(key, (sectionRanges.get(key) || []).concat(hit.ranges));
            if (hit.kind === 'body') bodyHits.push({ chunk: c, section: hit.section, ranges: hit.ranges });
          }
        }
        let value = saturate(body + 2 * heading, length, index.average);
        if (title) value += TITLE_BOOST * (TITLE_BASE + (1 - TITLE_BASE) * Math.min(1, group.length / doc.titleLength));
        if (heading) value += HEADING_BOOST * 0.5;
        score += group.weight * value;
      }
    });
    if (!matched) return null;
    // Adjacency: consecutive query chunks close together in one section.
    let adjacency = 0;
    for (let c = 0; c + 1 < chunks.length; c++) {
      let best = 0;
      for (const a of bodyHits.filter((h) => h.chunk === c)) {
        for (const b of bodyHits.filter((h) => h.chunk === c + 1 && h.section === a.section)) {
          for (const [, aEnd] of a.ranges) {
            for (const [bStart] of b.ranges) {
              const gap = bStart - aEnd;
              if (gap >= 0 && gap <= NEAR) best = Math.max(best, gap <= 1 ? 1 : 0.6);
              else if (gap < 0 && -gap <= NEAR * 2) best = Math.max(best, 0.3);
            }
          }
          sectionScores.set(a.section, (sectionScores.get(a.section) || 0) + best);
        }
      }
      adjacency += best * (chunks[c].idf + chunks[c + 1].idf) * 0.5;
    }
    score += adjacency;
    const coverage = matched / chunks.length;
    score *= coverage * coverage;
    let section = -1;
    let bestSection = 0;
    for (const [s, value] of sectionScores) {
      if (value > bestSection || (value === bestSection && s < section)) {
        bestSection = value;
        section = s;
      }
    }
    return { score, section, sectionRanges };
  }

  // ---- snippets ----------------------------------------------------------------------------

  const SNIPPET_BEFORE = 40;
  const SNIPPET_LENGTH = 170;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  // Source text from a field with the normalised ranges marked; ranges must not overlap.
  function markedSource(field, from, to, ranges) {
    const source = field.source;
    const srcFrom = from < field.map.length ? field.map[from] : source.length;
    const srcTo = to < field.map.length ? field.map[to] : source.length;
    let html = '';
    let at = srcFrom;
    for (const [s, e] of ranges) {
      if (e <= from || s >= to) continue;
      const ms = field.map[Math.max(s, from)];
      const me = e < field.map.length ? field.map[Math.min(e, to)] : source.length;
      if (ms < at) continue;
      html += escapeHtml(source.slice(at, ms).join('')) + '<mark>' + escapeHtml(source.slice(ms, me).join('')) + '</mark>';
      at = me;
    }
    return html + escapeHtml(source.slice(at, srcTo).join(''));
  }

  function snippet(doc, section, ranges) {
    const body = section >= 0 ? doc.sections[section].body : (doc.sections.find((s) => s.body.chars.length) || {}).body;
    if (!body || !body.chars.length) return '';
    const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    const n = body.chars.length;
    let start = merged.length ? Math.max(0, merged[0][0] - SNIPPET_BEFORE) : 0;
    // Do not start on a vowel or tone mark, which would show detached from its consonant.
    while (start > 0 && THAI_MARK.test(body.chars[start])) start--;
    let end = Math.min(n, start + SNIPPET_LENGTH);
    while (end < n && THAI_MARK.test(body.chars[end])) end++;
    return (start > 0 ? '…' : '') + markedSource(body, start, end, merged) + (end < n ? '…' : '');
  }

  // ---- entry point -------------------------------------------------------------------------

  async function khumueSearch(query, options) {
    const limit = (options && options.limit) || 10;
    const chunks = parseQuery(String(query || ''));
    if (!chunks.length) return [];
    const index = await loadIndex();
    const pages = await candidates(index, chunks, Math.max(30, limit * 3));
    const docs = await Promise.all(pages.map(loadDocument));
    const results = [];
    for (const doc of docs) {
      const scored = scoreDocument(doc, chunks, index);
      if (!scored) continue;
      const section = scored.section;
      const heading = section >= 0 ? doc.sections[section].heading : null;
      const anchor = section >= 0 ? doc.sections[section].anchor : '';
      results.push({
        url: doc.url + (anchor ? '#' + anchor : ''),
        title: doc.title.text,
        heading: heading && heading.text ? heading.text : null,
        path: doc.path,
        snippet: snippet(doc, section, scored.sectionRanges.get(section + ':body')),
        score: Math.round(scored.score * 1000) / 1000,
        page: doc.page,
      });
    }
    results.sort((a, b) => b.score - a.score || a.page - b.page);
    return results.slice(0, limit).map(({ page, ...result }) => result);
  }

  window.khumueSearch = khumueSearch;
})();
