// Runs every case of tests/fixtures/search-analysis.json through the search analysis the site
// ships (themes/default/static/js/search-analysis.js), loaded as the browser loads it: a plain
// script evaluated with no `module`, which must leave `globalThis.khumueAnalysis` behind.
// The Rust side runs the same cases in src/search/parity.rs.
//
//   node search-parity.mjs [fixture.json]
//
// Prints one line per failing case to stderr and exits 1 if any case fails; needs no browser.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
const shipped = here('../../themes/default/static/js/search-analysis.js');
const fixturePath = process.argv[2] || here('../fixtures/search-analysis.json');

// As a <script>: a fresh global with only the language built-ins, no module system.
const context = vm.createContext({});
vm.runInContext(readFileSync(shipped, 'utf8'), context, { filename: shipped });
const analysis = context.khumueAnalysis;
if (!analysis || typeof analysis.parseQuery !== 'function') {
  console.error(`${shipped}: loaded as a script, it did not set globalThis.khumueAnalysis`);
  process.exit(1);
}
// As a CommonJS module (what other Node tools would use): the same functions.
const required = createRequire(import.meta.url)(shipped);
if (Object.keys(required).join() !== Object.keys(analysis).join()) {
  console.error(`${shipped}: module.exports differs from globalThis.khumueAnalysis`);
  process.exit(1);
}

// The distinct bigrams the index holds for `text` (src/search/mod.rs `count`), in order of
// first appearance.
function indexTerms(text) {
  const { chars } = analysis.normalize(text);
  const seen = new Set();
  for (const [s, e] of analysis.runs(chars)) for (const b of analysis.bigrams(chars.slice(s, e))) seen.add(b);
  return [...seen];
}

function looseTerms(text) {
  const { chars } = analysis.normalize(text);
  const seen = new Set();
  for (const [s, e] of analysis.runs(chars)) for (const b of analysis.looseBigrams(chars.slice(s, e))) seen.add(b);
  return [...seen];
}

const { cases } = JSON.parse(readFileSync(fixturePath, 'utf8'));
if (!Array.isArray(cases) || cases.length < 20) {
  console.error(`${fixturePath}: expected a list of at least 20 cases`);
  process.exit(1);
}
let failures = 0;
for (const c of cases) {
  const got = {
    normalized: analysis.normalize(c.input).chars.join(''),
    index_terms: indexTerms(c.input),
    loose: analysis.loose(analysis.normalize(c.input).chars).chars.join(''),
    loose_terms: looseTerms(c.input),
    query_terms: analysis.parseQuery(c.input).flatMap((chunk) => chunk.parts.map((p) => p.text)),
  };
  for (const key of Object.keys(got)) {
    if (JSON.stringify(got[key]) !== JSON.stringify(c[key])) {
      failures++;
      console.error(`${JSON.stringify(c.input)} (${c.note}): ${key} want ${JSON.stringify(c[key])}, got ${JSON.stringify(got[key])}`);
    }
  }
  // Every part a query looks up by bigram must find those bigrams among the index's terms, and
  // its loose bigrams among the index's bigrams or loose bigrams.
  for (const chunk of analysis.parseQuery(c.input)) {
    for (const p of chunk.parts) for (const b of p.bigrams) {
      if (!got.index_terms.includes(b)) {
        failures++;
        console.error(`${JSON.stringify(c.input)}: query bigram ${JSON.stringify(b)} is not an index term`);
      }
    }
    for (const p of chunk.parts) for (const b of p.looseKeys) {
      if (!got.index_terms.includes(b) && !got.loose_terms.includes('~' + b)) {
        failures++;
        console.error(`${JSON.stringify(c.input)}: query bigram ${JSON.stringify(b)} is not an index term`);
      }
    }
  }
}
if (failures) process.exit(1);
console.log(`search-parity: ${cases.length} cases agree with ${fixturePath}`);
