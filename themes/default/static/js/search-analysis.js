// khumue search text analysis: how text becomes search terms. The same rules as
// src/thai/normalize.rs (`for_search`) and src/search/terms.rs (`runs`, `bigrams`,
// `shard_hash`), checked case by case against tests/fixtures/search-analysis.json by both the
// Rust tests and tests/browser/search-parity.mjs (which loads this very file in Node).
//
// A plain script (no modules, so it loads from file://): in the browser it sets
// `globalThis.khumueAnalysis`, in Node it is also `module.exports`. It touches no DOM.
(function (root, factory) {
  'use strict';
  const analysis = factory();
  if (typeof module === 'object' && module.exports) module.exports = analysis;
  root.khumueAnalysis = analysis;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const ZERO_WIDTH = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD']);
  // terms.rs `is_run_char`: letters, numbers and the Thai block.
  const RUN_CHAR = /[\p{Alphabetic}\p{N}\u0E00-\u0E7F]/u;
  const THAI = /[\u0E00-\u0E7F]/;
  // Thai vowels and tone marks written above or below a consonant.
  const THAI_MARK = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/;

  function arabicDigit(c) {
    const code = c.charCodeAt(0);
    return code >= 0x0e50 && code <= 0x0e59 && c.length === 1 ? String.fromCharCode(48 + code - 0x0e50) : c;
  }
  const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';

  // thai::normalize::for_search: NFC, zero-width characters dropped, Thai digits to Arabic,
  // nikhahit + sara aa composed to sara am, `,` between digits dropped, lower case. Works on
  // code points; returns the normalised characters and, for each, the index of the source
  // character it came from (snippets mark the source text).
  function normalize(text) {
    const source = Array.from(text.normalize('NFC'));
    const kept = [];
    const from = [];
    source.forEach((c, i) => {
      if (!ZERO_WIDTH.has(c)) {
        kept.push(c);
        from.push(i);
      }
    });
    const chars = [];
    const map = [];
    for (let i = 0; i < kept.length; i++) {
      const c = arabicDigit(kept[i]);
      if (c === '\u0E4D' && kept[i + 1] === '\u0E32') {
        chars.push('\u0E33');
        map.push(from[i]);
        i++;
        continue;
      }
      if (c === ',' && isDigit(chars[chars.length - 1]) && isDigit(arabicDigit(kept[i + 1] || ''))) continue;
      for (const lower of c.toLowerCase()) {
        chars.push(lower);
        map.push(from[i]);
      }
    }
    return { chars, map, source };
  }

  // Runs (terms.rs `runs`): [start, end) over normalised characters; `.` between digits stays
  // inside a run so `3.2.1.3` is one.
  function runs(chars) {
    const found = [];
    let start = -1;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const betweenDigits = c === '.' && isDigit(chars[i - 1]) && isDigit(chars[i + 1]);
      if (RUN_CHAR.test(c) || (betweenDigits && start >= 0)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        found.push([start, i]);
        start = -1;
      }
    }
    if (start >= 0) found.push([start, chars.length]);
    return found;
  }

  // Neighbouring pairs of characters (terms.rs `bigrams`); none for a single character.
  function bigrams(chars) {
    const out = [];
    for (let i = 1; i < chars.length; i++) out.push(chars[i - 1] + chars[i]);
    return out;
  }

  // Dictionary words. The index uses ICU4X, the browser Intl.Segmenter('th'): the same algorithm
  // family, but the two dictionaries may split a Thai compound differently, which is why the
  // bigrams (dictionary-independent) carry recall and the parity fixture checks those.
  const segmenter =
    typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('th', { granularity: 'word' }) : null;

  function words(text) {
    if (!segmenter) return [text];
    const out = [];
    for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out.length ? out : [text];
  }

  // FNV-1a over code points (terms.rs `shard_hash`): which shard holds a term.
  function hashTerm(term) {
    let hash = 0x811c9dc5;
    for (const c of term) {
      hash ^= c.codePointAt(0);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  // A query is a list of chunks (its runs). Each chunk is matched as a whole in the text; its
  // words and bigrams only find candidates. The last chunk may be a prefix while typing.
  function parseQuery(query) {
    const { chars } = normalize(query);
    const typing = !/\s$/.test(query);
    const chunkRuns = runs(chars);
    return chunkRuns.map(([s, e], i) => {
      const chunkChars = chars.slice(s, e);
      const text = chunkChars.join('');
      return {
        text,
        chars: chunkChars,
        thai: THAI.test(text),
        words: [...new Set(words(text))],
        bigrams: [...new Set(bigrams(chunkChars))],
        prefix: typing && i === chunkRuns.length - 1,
      };
    });
  }

  return { RUN_CHAR, THAI, THAI_MARK, normalize, runs, bigrams, words, hashTerm, parseQuery };
});
