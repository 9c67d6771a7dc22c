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

  const isThaiLetter = (c) => c !== undefined && THAI.test(c) && !(c >= '\u0E50' && c <= '\u0E59');

  // thai::normalize::for_search: NFC, zero-width characters dropped, Thai digits to Arabic,
  // nikhahit + sara aa composed to sara am, `,` between digits dropped, `.` between Thai letters
  // dropped (ก.พ.ร. = กพร.), lower case. Works on
  // code points; returns the normalised characters and, for each, the index of the source
  // character it came from (snippets mark the source text).
  function normalize(text) {
    const source = Array.from(text.normalize('NFC'));
    const n = source.length;
    const chars = [];
    const map = [];
    // The next character that is not zero-width.
    const next = (i) => {
      for (let j = i + 1; j < n; j++) if (!ZERO_WIDTH.has(source[j])) return j;
      return -1;
    };
    for (let i = 0; i < n; i++) {
      const c = source[i];
      const code = c.charCodeAt(0);
      // Thai first: most of the text, and it has no case.
      if (code >= 0x0e00 && code <= 0x0e7f) {
        if (code >= 0x0e50 && code <= 0x0e59) {
          chars.push(String.fromCharCode(48 + code - 0x0e50));
          map.push(i);
          continue;
        }
        if (code === 0x0e4d) {
          const j = next(i);
          if (j >= 0 && source[j] === '\u0E32') {
            chars.push('\u0E33');
            map.push(i);
            i = j;
            continue;
          }
        }
        chars.push(c);
        map.push(i);
        continue;
      }
      if (ZERO_WIDTH.has(c)) continue;
      if (c === ',' || c === '.') {
        const j = next(i);
        const after = j >= 0 ? source[j] : undefined;
        const before = chars[chars.length - 1];
        if (c === ',' && isDigit(before) && isDigit(arabicDigit(after || ''))) continue;
        if (c === '.' && isThaiLetter(before) && isThaiLetter(after)) continue;
      }
      if (code < 128) {
        chars.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c);
        map.push(i);
        continue;
      }
      for (const lower of c.toLowerCase()) {
        chars.push(lower);
        map.push(i);
      }
    }
    return { chars, map, source };
  }

  // thai::normalize::loose: the forgiving form. Returns its characters and, for each, the index
  // of the normalised character it came from.
  const LOOSE_MAP = { 'ใ': 'ไ', 'ี': 'ิ', 'ื': 'ึ', 'ู': 'ุ', 'ณ': 'น', 'ฎ': 'ฏ', 'ศ': 'ส', 'ษ': 'ส' };
  function loose(chars) {
    const out = [];
    const map = [];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const code = c.charCodeAt(0);
      // Tone marks and the like (U+0E47 to U+0E4C) are dropped.
      if (code >= 0x0e47 && code <= 0x0e4c) continue;
      out.push(LOOSE_MAP[c] || c);
      map.push(i);
    }
    return { chars: out, map };
  }

  // The bigrams of a Thai run's loose form that the run lacks (terms.rs `loose_bigrams`),
  // spelt with a leading `~` as the index stores them.
  function looseBigrams(chars) {
    const l = loose(chars).chars;
    if (l.length === chars.length && l.every((c, i) => c === chars[i])) return [];
    const exact = new Set(bigrams(chars));
    return [...new Set(bigrams(l).filter((b) => !exact.has(b)))].map((b) => '~' + b);
  }

  // terms.rs `script`: a run never mixes Thai, digits and other letters. (Thai and ASCII, most
  // of the text, are told by their code alone: the Unicode property tests cost far more.)
  const NUMBER = /\p{N}/u;
  const scriptOf = (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x0e00 && code <= 0x0e7f) return 'thai';
    if (code < 128) return code >= 48 && code <= 57 ? 'digit' : 'letter';
    return THAI.test(c) ? 'thai' : NUMBER.test(c) ? 'digit' : 'letter';
  };
  // RUN_CHAR.test(c) for one character.
  const isRunChar = (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0x0e00 && code <= 0x0e7f) return true;
    if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
    return RUN_CHAR.test(c);
  };

  // Runs (terms.rs `runs`): [start, end) over normalised characters; `.` between digits stays
  // inside a run so `3.2.1.3` is one; a change of script starts a new run.
  function runs(chars) {
    const found = [];
    let start = -1;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const betweenDigits = c === '.' && isDigit(chars[i - 1]) && isDigit(chars[i + 1]);
      const runChar = isRunChar(c);
      if (runChar || (betweenDigits && start >= 0)) {
        const prev = chars[i - 1];
        if (start >= 0 && runChar && isRunChar(prev) && scriptOf(prev) !== scriptOf(c)) {
          found.push([start, i]);
          start = i;
        }
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

  // A query is a list of chunks, one per stretch without spaces; a chunk is one or more parts,
  // its runs ("สป-12" is สป + 12, "เกณฑ์PMQA" is เกณฑ์ + pmqa). A chunk of several parts is
  // matched as a sequence first (the parts in order with at most a few marks between them), so
  // a form code matches the code, not a lone number. A part's words and bigrams (and the
  // bigrams of its loose form) only find candidates. The last part may be a prefix while typing.
  const DIGITS_ONLY = /^[\d.]+$/;
  function part(chars, prefix) {
    const text = chars.join('');
    const thai = THAI.test(text);
    return {
      text,
      chars,
      thai,
      digits: DIGITS_ONLY.test(text),
      words: [...new Set(words(text))],
      bigrams: [...new Set(bigrams(chars))],
      looseKeys: thai ? [...new Set(bigrams(loose(chars).chars))] : [],
      prefix,
    };
  }

  function parseQuery(query) {
    const { chars } = normalize(query);
    const typing = !/\s$/.test(query);
    const chunks = [];
    let token = [];
    const flush = () => {
      const tokenRuns = runs(token);
      if (tokenRuns.length) chunks.push(tokenRuns.map(([s, e]) => token.slice(s, e)));
      token = [];
    };
    for (const c of chars) {
      if (/\s/.test(c)) flush();
      else token.push(c);
    }
    flush();
    return chunks.map((partChars, i) => {
      const parts = partChars.map((p, j) => part(p, typing && i === chunks.length - 1 && j === partChars.length - 1));
      return {
        text: parts.map((p) => p.text).join(' '),
        parts,
        digits: parts.every((p) => p.digits),
        // Letters and a number in one chunk: a form or document code.
        code: parts.some((p) => p.digits) && parts.some((p) => !p.digits),
      };
    });
  }

  return { RUN_CHAR, THAI, THAI_MARK, isRunChar, normalize, loose, looseBigrams, scriptOf, runs, bigrams, words, hashTerm, parseQuery };
});
