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

  const { normalize, loose, scriptOf, runs, hashTerm, parseQuery, isRunChar, THAI, THAI_MARK } = window.khumueAnalysis;
  const root = document.documentElement.getAttribute('data-root') || '';
  const indexBase = root + 'search/';

  // ---- loading index files ------------------------------------------------------------------

  const loaded = new Map();
  const waiting = new Map();
  let version = '';
  const pageLoad = Date.now().toString(36);
  // Page documents per file d/<n>.js, from the manifest.
  let perFile = 1;

  window.__khumueSearchLoad = function (key, data) {
    loaded.set(key, data);
    const wait = waiting.get(key);
    if (wait) {
      waiting.delete(key);
      wait.resolve(data);
    }
  };

  // A small site's shards and documents come in two files (index.js says "bundled"), each
  // loading every key it holds; otherwise each key is its own file.
  let bundled = false;
  const fileOf = (key) => (!bundled || key === 'index' ? key : key[0] === 'd' ? 'documents' : 'postings');
  // The keys waited for, by the file asked for that holds them.
  const requested = new Map();

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
    const file = fileOf(key);
    const keys = requested.get(file);
    if (keys) {
      keys.add(key);
      return wait.promise;
    }
    requested.set(file, new Set([key]));
    const script = document.createElement('script');
    // Every index file carries the build's hash, so a browser never mixes two builds over HTTP;
    // the manifest, which holds that hash, is asked for afresh once per page load.
    script.src = indexBase + file + '.js?v=' + (file === 'index' ? pageLoad : version);
    script.async = true;
    // A script runs before its load event: the keys it held are loaded by then, and any key
    // still waiting is not in it.
    const settle = (error) => {
      script.remove();
      for (const k of requested.get(file) || []) {
        const w = waiting.get(k);
        if (w) {
          waiting.delete(k);
          w.reject(error);
        }
      }
      requested.delete(file);
    };
    script.onerror = () => settle(new Error('khumue search: cannot load ' + script.src));
    script.onload = () => settle(new Error('khumue search: a key is not in ' + script.src));
    document.head.appendChild(script);
    return wait.promise;
  }

  let indexPromise = null;
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = load('index').then((index) => {
        version = index.version;
        bundled = !!index.bundled;
        perFile = index.documentsPerFile || 1;
        const lengths = index.lengths ? index.lengths.split(',').map((l) => parseInt(l, 36)) : [];
        return {
          pages: index.pages,
          average: index.averageLength || 1,
          lengths,
          wordShards: index.wordShards,
          bigramShards: index.bigramShards,
          synonyms: index.synonyms || [],
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
  // Loose bigrams (no tone marks, confusable letters made one) count for less than exact ones.
  const LOOSE_FACTOR = 0.7;

  function shardKeys(index, chunks) {
    const keys = new Set();
    for (const chunk of chunks) {
      for (const part of chunk.parts) {
        for (const w of part.words) keys.add('w/' + (hashTerm(w) % index.wordShards));
        for (const b of part.bigrams) keys.add('b/' + (hashTerm(b) % index.bigramShards));
        for (const b of part.looseKeys) {
          keys.add('b/' + (hashTerm(b) % index.bigramShards));
          keys.add('b/' + (hashTerm('~' + b) % index.bigramShards));
        }
      }
    }
    return keys;
  }

  // Bigram evidence for one part: in proportion to how many of its bigrams a page has, so pages
  // holding the whole part (or all but a typo) rise above those sharing a few. Returns the
  // pages' scores and how many pages have every bigram.
  function bigramEvidence(lists, index) {
    const n = index.pages;
    const present = new Map();
    const score = new Map();
    lists.forEach((list) => {
      const weight = idf(list.size, n) / lists.length;
      for (const [page, tf] of list) {
        present.set(page, (present.get(page) || 0) + 1);
        score.set(page, (score.get(page) || 0) + weight * saturate(tf, index.lengths[page], index.average));
      }
    });
    let complete = 0;
    const out = new Map();
    for (const [page, count] of present) {
      const coverage = count / lists.length;
      if (coverage === 1) complete++;
      out.set(page, score.get(page) * coverage * coverage * coverage);
    }
    return { scores: out, complete };
  }

  // Phase 1: candidate pages from the inverted index, best first; sets each part's idf.
  function candidates(index, shards, chunks) {
    const lookup = (kind, count, term) => {
      const shard = shards.get(kind + '/' + (hashTerm(term) % count));
      return shard && shard[term] ? decodePostings(shard[term]) : new Map();
    };
    const n = index.pages;
    const scores = new Map();
    const add = (page, value) => scores.set(page, (scores.get(page) || 0) + value);
    for (const chunk of chunks) {
      for (const part of chunk.parts) {
        const wordLists = part.words.map((w) => lookup('w', index.wordShards, w));
        part.wordIdf = new Map(part.words.map((w, i) => [w, idf(wordLists[i].size || 1, n)]));
        wordLists.forEach((list) => {
          const weight = idf(list.size, n) / wordLists.length;
          for (const [page, tf] of list) add(page, weight * saturate(tf, index.lengths[page], index.average));
        });
        const exact = bigramEvidence(part.bigrams.map((b) => lookup('b', index.bigramShards, b)), index);
        const looseLists = part.looseKeys.map((b) => {
          const union = new Map(lookup('b', index.bigramShards, b));
          for (const [page, tf] of lookup('b', index.bigramShards, '~' + b)) union.set(page, Math.max(tf, union.get(page) || 0));
          return union;
        });
        const looser = bigramEvidence(looseLists, index);
        const pages = new Set([...exact.scores.keys(), ...looser.scores.keys()]);
        for (const page of pages) {
          add(page, Math.max(exact.scores.get(page) || 0, LOOSE_FACTOR * (looser.scores.get(page) || 0)));
        }
        // A document frequency for the whole part: its one word's list, or the pages with all
        // its bigrams (an upper bound on the pages that contain it).
        // (A part of three letters or more that the index knows as a word is that word, even
        // while it is being typed: a rare abbreviation keeps its weight.)
        part.df =
          part.words.length === 1 && wordLists[0].size > 0 && (!part.prefix || part.chars.length >= 3)
            ? Math.min(wordLists[0].size, exact.complete || wordLists[0].size)
            : exact.complete || looser.complete || (wordLists[0] ? wordLists[0].size : 0) || 1;
        part.idf = idf(Math.min(part.df, n), n);
      }
      chunk.idf = chunk.parts.reduce((sum, p) => sum + p.idf, 0);
    }
    return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  // ---- phase 2: matching on the page text ----------------------------------------------------

  function field(text) {
    const n = normalize(text);
    return { text, chars: n.chars, joined: n.chars.join(''), map: n.map, source: n.source };
  }

  // The loose form of a field, made when first asked for.
  function looseOf(f) {
    if (!f.loose) {
      const l = loose(f.chars);
      f.loose = { joined: l.chars.join(''), map: l.map, same: l.chars.length === f.chars.length && l.chars.join('') === f.joined };
    }
    return f.loose;
  }

  const documents = new Map();
  function loadDocument(page) {
    if (documents.has(page)) return Promise.resolve(documents.get(page));
    // d/<n>.js holds the documents of pages kn to kn + k - 1 (src/search/mod.rs).
    const k = perFile;
    return load('d/' + Math.floor(page / k)).then((list) => {
      const doc = list[page % k];
      const title = field(doc.title);
      const sections = doc.sections.map(([heading, anchor, text]) => ({ heading: field(heading), anchor, body: field(text) }));
      const entries = new Set(doc.entries || []);
      const prepared = {
        page,
        url: doc.url,
        meta: field(doc.meta || ''),
        tags: (doc.tags || []).map(field),
        // The page's own path as words (mod.rs `url_words`), indexed as body text: the folders,
        // and the file's own name, which names the page (results/units/klong-niyom).
        urlWords: field(urlFolders(doc.url)),
        slug: field(urlName(doc.url)),
        code: (doc.code || 0) / 100,
        title,
        titleLength: titleLength(title),
        path: doc.path || [],
        list: !!doc.list,
        sections: sections.filter((_, i) => !entries.has(i)),
        // Glossary entries: each its own result, scored on its own heading and text.
        entries: sections
          .filter((_, i) => entries.has(i))
          .map((s) => ({
            heading: s.heading,
            anchor: s.anchor,
            body: s.body,
            titleLength: titleLength(s.heading),
            length: Math.max(runs(s.body.chars).reduce((sum, [a, b]) => sum + b - a, 0), 1),
          })),
      };
      documents.set(page, prepared);
      return prepared;
    });
  }

  const urlPath = (url) => decoded(url).replace(/\.html$/, '').split('/');
  const urlFolders = (url) => urlPath(url).slice(0, -1).join(' ');
  // A section's landing page (…/index) is named by its folder.
  const urlName = (url) => {
    const path = urlPath(url);
    const last = path[path.length - 1];
    return last === 'index' && path.length > 1 ? path[path.length - 2] : last;
  };

  function decoded(url) {
    try {
      return decodeURIComponent(url);
    } catch (_) {
      return url;
    }
  }

  function titleLength(title) {
    const length = runs(title.chars)
      .filter(([s, e]) => !/^[\d.]+$/.test(title.joined.slice(s, e)))
      .reduce((sum, [s, e]) => sum + e - s, 0);
    return Math.max(length, 1);
  }

  // Whether the character at `at` continues a Latin word or a number of the same script as `c`.
  const sameScriptAt = (joined, at, c) => at >= 0 && at < joined.length && isRunChar(joined[at]) && scriptOf(joined[at]) === scriptOf(c);

  // Thai signs that continue the syllable before them (vowels above, below and after, tone
  // marks), and vowels written before their consonant.
  const SYLLABLE_GOES_ON = /[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/;
  const LEADING_VOWEL = /[\u0E40-\u0E44]/;
  // A match that cuts a syllable counts for this much of one that does not.
  const CUT_FACTOR = 0.4;

  // Exact occurrences of a part in a field, as [start, end) character ranges. Latin words and
  // numbers must start and end as whole tokens (a number ends unless typed as a prefix); Thai
  // has no such marks.
  function exactMatches(f, p) {
    const found = [];
    if (!p.text) return found;
    let from = 0;
    const joined = f.joined;
    // joined is a string of code points that are all single UTF-16 units in Thai and Latin;
    // fall back to nothing when the field holds astral characters.
    const simple = joined.length === f.chars.length;
    while (simple) {
      const at = joined.indexOf(p.text, from);
      if (at < 0) break;
      const end = at + p.chars.length;
      from = at + 1;
      if (!p.thai) {
        if (sameScriptAt(joined, at - 1, p.chars[0])) continue;
        if (!p.prefix && sameScriptAt(joined, end, p.chars[p.chars.length - 1])) continue;
        if (p.digits && !p.prefix && joined[end] === '.' && /\d/.test(joined[end + 1] || '')) continue;
      }
      const range = [at, end];
      // A Thai match that cuts a syllable (อสร in เพื่อสร้าง) is most likely another word.
      if (p.thai && (SYLLABLE_GOES_ON.test(joined[end] || '') || LEADING_VOWEL.test(joined[at - 1] || ''))) range.cut = true;
      found.push(range);
      from = end;
    }
    return found;
  }

  // Whether `range` covers all of the field's letters and digits (a tone mark or vowel sign
  // left outside belongs to the letter inside: a loose match ends before the marks it drops).
  function covers(f, [start, end]) {
    const outside = f.joined.slice(0, start) + f.joined.slice(end);
    return !Array.from(outside).some((c) => isRunChar(c) && !THAI_MARK.test(c));
  }

  // The parts in order, each as a whole token, with at most GAP marks (no letters or digits)
  // between them: "สป12" finds สป-๑๒, "สนบ2" finds สนบ.๒, "0027/66" finds ๐๐๒๗/๖๖.
  const GAP = 3;
  function sequenceMatches(f, parts) {
    const found = [];
    const joined = f.joined;
    for (const [start, firstEnd] of exactMatches(f, parts[0])) {
      let at = firstEnd;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) {
        let gap = 0;
        while (gap < GAP && at < joined.length && !isRunChar(joined[at])) {
          if (joined.startsWith(parts[k].text, at)) break;
          at++;
          gap++;
        }
        const p = parts[k];
        if (!joined.startsWith(p.text, at)) ok = false;
        else {
          const end = at + p.chars.length;
          if (!p.thai && !p.prefix && sameScriptAt(joined, end, p.chars[p.chars.length - 1])) ok = false;
          at = end;
        }
      }
      if (ok) found.push([start, at]);
    }
    return found;
  }

  // Occurrences of the loose form of a Thai part in the loose form of a field, mapped back.
  function looseMatches(f, p) {
    const l = looseOf(f);
    const pattern = loose(p.chars).chars.join('');
    const found = [];
    if (!pattern) return found;
    let from = 0;
    for (;;) {
      const at = l.joined.indexOf(pattern, from);
      if (at < 0) break;
      const end = at + pattern.length;
      found.push([l.map[at], l.map[end - 1] + 1]);
      from = end;
    }
    return found;
  }

  // Occurrences within one edit (substitution, insertion, deletion) of a part (Sellers).
  function fuzzyMatches(f, part) {
    const p = part.chars;
    const m = p.length;
    const t = f.chars;
    const found = [];
    // With one edit, one half of the part is still there exactly: skip fields with neither.
    const half = Math.floor(m / 2);
    const left = p.slice(0, half).join('');
    const right = p.slice(half + 1).join('');
    if (!f.joined.includes(left) && !f.joined.includes(right)) return found;
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
  // A piece of a chunk whose parts were not found in sequence ("ปัจจัย" of "ปัจจัย4M").
  const PIECE_FACTOR = 0.6;
  const NEAR = 24;
  // Priors: a page that lists many things (a section's landing page, the glossary page) says
  // little about any one of them; a glossary entry is short and to the point, but only a
  // definition.
  const LIST_PRIOR = 0.85;
  const NAMED_LIST = 0.75;
  // A page that is largely code (file names, field names, commands: a technical reference)
  // lists many terms that prose pages are about: its prior falls with its share of code.
  const CODE_PENALTY = 1.5;
  const CODE_FLOOR = 0.5;
  // A query that is all of a tag or of the page's file name names the page, as a title would.
  const NAME_COVER = 0.8;
  const ENTRY_PRIOR = 0.35;
  // A query rewritten through a synonym group counts for less than the words typed.
  const SYNONYM_FACTOR = 0.8;

  // What one part matched in a document, as groups of hits that each carry the weight they
  // earn: the part exactly, else its loose form (Thai), else within one edit (4+ characters),
  // else its own words found separately, each worth only its own (lower) idf.
  function matchPart(fields, p, weight) {
    const collect = (finder, term) =>
      fields.map((f) => ({ ...f, ranges: finder(f.field, term) })).filter((f) => f.ranges.length);
    const exact = collect(exactMatches, p);
    if (exact.length) {
      const clean = exact.map((f) => ({ ...f, ranges: f.ranges.filter((r) => !r.cut) })).filter((f) => f.ranges.length);
      if (clean.length) return [{ weight, length: p.chars.length, hits: clean, whole: true }];
      return [{ weight: weight * CUT_FACTOR, length: p.chars.length, hits: exact, whole: true }];
    }
    if (p.thai) {
      const looser = collect(looseMatches, p);
      if (looser.length) return [{ weight: weight * LOOSE_FACTOR, length: p.chars.length, hits: looser, whole: true }];
    }
    if (p.chars.length >= 4) {
      const fuzzy = collect(fuzzyMatches, p);
      if (fuzzy.length) return [{ weight: weight * FUZZY_FACTOR, length: p.chars.length, hits: fuzzy, whole: true }];
    }
    if (p.words.length < 2) return [];
    const groups = [];
    for (const word of p.words) {
      const term = { text: word, chars: Array.from(word), thai: THAI.test(word), prefix: false };
      const hits = collect(exactMatches, term);
      const w = ((p.wordIdf && p.wordIdf.get(word)) || 0) * PARTIAL_FACTOR * (weight / (p.idf || 1));
      if (hits.length && w > 0) groups.push({ weight: w / p.words.length, length: term.chars.length, hits, whole: false });
    }
    return groups;
  }

  // Pieces of a chunk: its parts cut where Thai meets Latin or digits.
  function piecesOf(chunk) {
    const pieces = [];
    for (const p of chunk.parts) {
      const last = pieces[pieces.length - 1];
      if (last && last[0].thai === p.thai) last.push(p);
      else pieces.push([p]);
    }
    return pieces;
  }

  function matchChunk(fields, chunk) {
    const parts = chunk.parts;
    if (parts.length === 1) return matchPart(fields, parts[0], parts[0].idf);
    const collect = (ps) =>
      fields.map((f) => ({ ...f, ranges: sequenceMatches(f.field, ps) })).filter((f) => f.ranges.length);
    const whole = collect(parts);
    if (whole.length) return [{ weight: chunk.idf, length: parts.reduce((s, p) => s + p.chars.length, 0), hits: whole, whole: true }];
    // Not in sequence: the pieces on their own, for less, and never a number alone.
    const groups = [];
    for (const piece of piecesOf(chunk)) {
      if (piece.every((p) => p.digits)) continue;
      const weight = PIECE_FACTOR * piece.reduce((s, p) => s + p.idf, 0);
      if (piece.length === 1) {
        for (const g of matchPart(fields, piece[0], weight)) groups.push({ ...g, whole: false });
      } else {
        const hits = collect(piece);
        if (hits.length) groups.push({ weight, length: piece.reduce((s, p) => s + p.chars.length, 0), hits, whole: false });
      }
    }
    return groups;
  }

  // Scores a document (or one glossary entry) for the chunks of one reading of the query.
  function scoreFields(fields, titleLen, length, chunks, index) {
    let score = 0;
    let matched = 0;
    let words = false;
    const sectionScores = new Map();
    const sectionRanges = new Map();
    const bodyHits = [];
    let codeMissing = false;
    // The most of a name of the page one chunk covers.
    let pageNamed = 0;
    chunks.forEach((chunk, c) => {
      const groups = matchChunk(fields, chunk);
      if (!groups.length) {
        if (chunk.code) codeMissing = true;
        return;
      }
      if (!chunk.digits) words = true;
      matched += groups.length === 1 && groups[0].whole ? 1 : 0.5;
      for (const group of groups) {
        let body = 0;
        let heading = 0;
        let title = 0;
        // How much of a name of the page the group covers: of its title, or all of a tag or of
        // the page's file name (a name matched only in part is a mention, counted as a heading).
        let named = 0;
        const whole = group.whole;
        for (const hit of group.hits) {
          const count = hit.ranges.length;
          if (hit.kind === 'title') {
            title += count;
            named = Math.max(named, Math.min(1, group.length / titleLen));
          } else if (hit.kind === 'name' && hit.ranges.some((r) => covers(hit.field, r))) {
            named = Math.max(named, NAME_COVER);
            heading += count;
          } else if (hit.kind === 'heading' || hit.kind === 'meta' || hit.kind === 'name') heading += count;
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
        if (named) value += TITLE_BOOST * (TITLE_BASE + (1 - TITLE_BASE) * named);
        if (whole) pageNamed = Math.max(pageNamed, named);
        if (heading) value += HEADING_BOOST * 0.5;
        score += group.weight * value;
      }
    });
    // A number matches only beside the words it was typed with: a page that has the query's
    // numbers but none of its words is not a result.
    if (!matched || (!words && chunks.some((c) => !c.digits))) return null;
    // A form code (letters and a number run together: สป-๑๒, ม.๔๐) is what was asked for: a
    // page without it, even one with the query's other words, is not a result.
    if (codeMissing) return null;
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
      adjacency += best * ((chunks[c].idf || 0) + (chunks[c + 1].idf || 0)) * 0.5;
    }
    score += adjacency;
    // The whole query, in order, in the title: the page is named after what was asked.
    if (chunks.length > 1 && fields[0].kind === 'title') {
      const parts = chunks.flatMap((c) => c.parts);
      if (sequenceMatches(fields[0].field, parts).length) score += chunks.reduce((sum, c) => sum + (c.idf || 0), 0);
    }
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
    return { score, section, sectionRanges, named: pageNamed };
  }

  function pageFields(doc) {
    const fields = [
      { kind: 'title', field: doc.title, section: -1 },
      { kind: 'meta', field: doc.meta, section: -1 },
      { kind: 'url', field: doc.urlWords, section: -1 },
      { kind: 'name', field: doc.slug, section: -1 },
    ];
    // A section's landing page goes by its tags (the section's topics); another page's tags say
    // what it mentions.
    const landing = /(^|\/)index\.html$/.test(doc.url);
    for (const tag of doc.tags) fields.push({ kind: landing ? 'name' : 'meta', field: tag, section: -1 });
    doc.sections.forEach((s, i) => {
      if (s.heading.chars.length) fields.push({ kind: 'heading', field: s.heading, section: i });
      fields.push({ kind: 'body', field: s.body, section: i });
    });
    return fields;
  }

  function entryFields(entry) {
    return [
      { kind: 'title', field: entry.heading, section: -1 },
      { kind: 'body', field: entry.body, section: 0 },
    ];
  }

  // The results one document gives for one reading of the query: the page itself and, for the
  // glossary, each entry that matched.
  function scoreDocument(doc, chunks, index, factor) {
    const out = [];
    const page = scoreFields(pageFields(doc), doc.titleLength, index.lengths[doc.page] || 1, chunks, index);
    if (page) {
      const section = page.section;
      const heading = section >= 0 ? doc.sections[section].heading : null;
      const anchor = section >= 0 ? doc.sections[section].anchor : '';
      out.push({
        key: doc.page + '',
        url: doc.url + (anchor ? '#' + anchor : ''),
        title: doc.title.text,
        heading: heading && heading.text ? heading.text : null,
        path: doc.path,
        snippet: () => snippet(doc.sections, section, page.sectionRanges.get(section + ':body')),
        // A list the query names (a section's landing page by its title) is what was asked for.
        score: page.score * factor * (doc.list && page.named < NAMED_LIST ? LIST_PRIOR : 1) * Math.max(CODE_FLOOR, 1 - CODE_PENALTY * doc.code),
        page: doc.page,
      });
    }
    doc.entries.forEach((entry, i) => {
      // Scored as if as long as an average page: a definition is short, not more relevant.
      const scored = scoreFields(entryFields(entry), entry.titleLength, Math.max(entry.length, index.average), chunks, index);
      if (!scored) return;
      out.push({
        key: doc.page + '#' + i,
        url: doc.url + '#' + entry.anchor,
        title: entry.heading.text,
        heading: null,
        path: doc.path.concat([doc.title.text]),
        snippet: () => snippet([entry], 0, scored.sectionRanges.get('0:body')),
        score: scored.score * factor * ENTRY_PRIOR,
        page: doc.page + i / 1000,
      });
    });
    return out;
  }

  // ---- synonyms ------------------------------------------------------------------------------

  // The synonym groups of the index (glossary terms with their aliases, data/synonyms.yaml),
  // normalised once: each word as typed and run together ("ม.40" also as "ม40").
  let synonymTable = null;
  function synonyms(index) {
    if (!synonymTable) {
      synonymTable = (index.synonyms || []).map((group) =>
        group.map((word) => {
          const chars = normalize(word).chars;
          const text = chars.join('').trim();
          const compact = runs(chars)
            .map(([s, e]) => chars.slice(s, e).join(''))
            .join('');
          return { text, compact, chars };
        })
      );
    }
    return synonymTable;
  }

  // Where `key` stands in the normalised query `q` as a whole word: Latin and digits must not
  // continue on either side; a Thai key of three letters or more may sit inside a Thai run,
  // a shorter one must be the whole run.
  function findKey(q, key) {
    const found = [];
    if (!key) return found;
    const keyChars = Array.from(key);
    const thaiKey = THAI.test(keyChars[0]) && THAI.test(keyChars[keyChars.length - 1]);
    let from = 0;
    for (;;) {
      const at = q.indexOf(key, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + key.length;
      const before = q[at - 1];
      const after = q[end];
      const loose = thaiKey && keyChars.length >= 3;
      const joins = (c, edge) => c !== undefined && isRunChar(c) && scriptOf(c) === scriptOf(edge);
      if (!loose && (joins(before, keyChars[0]) || joins(after, keyChars[keyChars.length - 1]))) continue;
      found.push([at, end]);
    }
    return found;
  }

  // Other readings of the query: each group word found in it replaced by each other word of its
  // group (longest words first, at most MAX_READINGS).
  const MAX_READINGS = 6;
  function readings(index, query) {
    const q = normalize(query).chars.join('');
    const out = [];
    const seen = new Set([q]);
    const candidates = [];
    for (const group of synonyms(index)) {
      group.forEach((word, i) => {
        for (const form of new Set([word.text, word.compact])) {
          for (const [at, end] of findKey(q, form)) {
            // Inside a longer Thai run, only a Thai word keeps the run readable.
            const inside = THAI.test(q[at - 1] || '') || THAI.test(q[end] || '');
            candidates.push({ group, i, at, end, inside, length: end - at });
          }
        }
      });
    }
    candidates.sort((a, b) => b.length - a.length || a.at - b.at);
    for (const c of candidates) {
      c.group.forEach((other, j) => {
        if (j === c.i || out.length >= MAX_READINGS || (c.inside && !THAI.test(other.text))) return;
        const text = q.slice(0, c.at) + other.text + q.slice(c.end);
        if (!seen.has(text)) {
          seen.add(text);
          out.push(text + (/\s$/.test(query) ? ' ' : ''));
        }
      });
    }
    return out;
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

  function snippet(sections, section, ranges) {
    const body = section >= 0 ? sections[section].body : (sections.find((s) => s.body.chars.length) || {}).body;
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
    const text = String(query || '');
    const first = parseQuery(text);
    if (!first.length) return [];
    const index = await loadIndex();
    const readingsOf = [{ chunks: first, factor: 1 }].concat(
      readings(index, text).map((q) => ({ chunks: parseQuery(q), factor: SYNONYM_FACTOR }))
    );
    const keys = new Set();
    for (const r of readingsOf) for (const k of shardKeys(index, r.chunks)) keys.add(k);
    const shards = new Map();
    await Promise.all([...keys].map((key) => load(key).then((data) => shards.set(key, data))));
    // Candidates: the best of each reading, the query as typed first.
    const wanted = Math.max(30, limit * 3);
    const pages = [];
    const taken = new Set();
    readingsOf.forEach((r, i) => {
      const share = i === 0 ? wanted : Math.ceil(wanted / 3);
      for (const [page] of candidates(index, shards, r.chunks).slice(0, share)) {
        if (!taken.has(page)) {
          taken.add(page);
          pages.push(page);
        }
      }
    });
    const docs = await Promise.all(pages.map(loadDocument));
    const best = new Map();
    for (const doc of docs) {
      for (const r of readingsOf) {
        for (const result of scoreDocument(doc, r.chunks, index, r.factor)) {
          const seen = best.get(result.key);
          if (!seen || result.score > seen.score) best.set(result.key, result);
        }
      }
    }
    const results = [...best.values()].sort((a, b) => b.score - a.score || a.page - b.page).slice(0, limit);
    return results.map((r) => ({
      url: r.url,
      title: r.title,
      heading: r.heading,
      path: r.path,
      snippet: r.snippet(),
      score: Math.round(r.score * 1000) / 1000,
    }));
  }

  // Normalises every page's text a few pages at a time, yielding between them so typing is
  // never held up, then runs one query: the first real one finds its documents ready and its
  // code already compiled.
  async function prepareDocuments(index) {
    for (let page = 0; page < index.pages; page++) {
      await loadDocument(page);
      if (page % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await khumueSearch('แรงงาน 12', { limit: 8 });
  }

  // Loads the index ahead of the first query (the search box calls this on focus): the
  // manifest, and on a small site (bundled, as the default handbook is, or PRELOAD_FILES index
  // files at most) every postings shard and page document, so the first keystroke waits for
  // nothing to load. A larger site loads, at the first keystroke, only what its query needs.
  const PRELOAD_FILES = 64;
  khumueSearch.prepare = () =>
    loadIndex()
      .then((index) => {
        const documentFiles = Math.ceil(index.pages / perFile);
        if (!bundled && index.wordShards + index.bigramShards + documentFiles > PRELOAD_FILES) return undefined;
        const keys = [];
        for (let i = 0; i < index.wordShards; i++) keys.push('w/' + i);
        for (let i = 0; i < index.bigramShards; i++) keys.push('b/' + i);
        for (let i = 0; i < documentFiles; i++) keys.push('d/' + i);
        return Promise.all(keys.map(load)).then(() => prepareDocuments(index));
      })
      .then(
        () => undefined,
        () => undefined
      );

  window.khumueSearch = khumueSearch;
})();
