// Usage: node search-bench.mjs <site folder> <queries.json> <one-word query> <two-word query>
// Measures, in headless Chromium over file://: the index bytes a fresh page loads for each of
// the two given queries, and for every query ({"q": ...}) of the file the time of a cold run
// (index files loading) and of a warm run (after load). Prints JSON.
import { statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { launchChromium } from './launch.mjs';

const [siteDir, queriesPath, oneWord, twoWords] = process.argv.slice(2);
if (!siteDir || !queriesPath || !oneWord || !twoWords) {
  console.error('usage: node search-bench.mjs <site folder> <queries.json> <one-word query> <two-word query>');
  process.exit(2);
}
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')).map((q) => q.q);
const indexUrl = pathToFileURL(join(siteDir, 'index.html')).href;
const { context, close } = await launchChromium();

// file:// loads leave no Resource Timing entries, so record every script a page adds.
await context.addInitScript(() => {
  window.__loadedScripts = [];
  const append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    if (child instanceof HTMLScriptElement && child.src) window.__loadedScripts.push(child.src);
    return append.call(this, child);
  };
});

async function freshPage() {
  const page = await context.newPage();
  await page.goto(indexUrl);
  await page.waitForFunction(() => typeof window.khumueSearch === 'function');
  return page;
}

// Bytes of the search index files the page has loaded (read from disk: file:// has no sizes).
async function searchBytes(page) {
  const urls = await page.evaluate(() => window.__loadedScripts.filter((n) => n.includes('/search/')));
  const files = new Set(urls.map((u) => fileURLToPath(u.split('?')[0])));
  let bytes = 0;
  for (const f of files) bytes += statSync(f).size;
  return { files: files.size, bytes };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const loads = {};
  for (const [label, q] of [['oneWord', oneWord], ['twoWords', twoWords]]) {
    const page = await freshPage();
    const results = await page.evaluate((query) => window.khumueSearch(query, { limit: 10 }), q);
    loads[label] = { query: q, results: results.length, ...(await searchBytes(page)) };
    await page.close();
  }
  const page = await freshPage();
  const cold = [];
  const warm = [];
  let maxBytes = 0;
  for (const q of queries) {
    const timing = await page.evaluate(async (query) => {
      const t0 = performance.now();
      await window.khumueSearch(query, { limit: 10 });
      const t1 = performance.now();
      await window.khumueSearch(query, { limit: 10 });
      const t2 = performance.now();
      return [t1 - t0, t2 - t1];
    }, q);
    cold.push(timing[0]);
    warm.push(timing[1]);
    // Bytes per query, each from a fresh page.
    const fresh = await freshPage();
    await fresh.evaluate((query) => window.khumueSearch(query, { limit: 10 }), q);
    maxBytes = Math.max(maxBytes, (await searchBytes(fresh)).bytes);
    await fresh.close();
  }
  const round = (x) => Math.round(x * 10) / 10;
  process.stdout.write(
    JSON.stringify({
      loads,
      queries: queries.length,
      maxBytesPerQuery: maxBytes,
      medianColdMs: round(median(cold)),
      medianWarmMs: round(median(warm)),
      maxWarmMs: round(Math.max(...warm)),
    }, null, 1) + '\n'
  );
} finally {
  await close();
}
