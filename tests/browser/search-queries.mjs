// Usage: node search-queries.mjs <page url> <queries.json> [limit]
// Opens the page, runs every query ({"q": ...} objects) through window.khumueSearch and prints
// JSON: [{q, results: [{url, title, heading, snippet, score}]}]. Exits 1 on a page error.
import { readFileSync } from 'node:fs';
import { launchChromium, watchErrors } from './launch.mjs';

const [pageUrl, queriesPath, limitArg] = process.argv.slice(2);
if (!pageUrl || !queriesPath) {
  console.error('usage: node search-queries.mjs <page url> <queries.json> [limit]');
  process.exit(2);
}
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const limit = Number(limitArg || 10);
const { context, close } = await launchChromium();
let failed = false;
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The search needs its scripts, not every font: wait for the DOM, then for the entry point.
  await page.goto(pageUrl, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => typeof window.khumueSearch === 'function', null, { timeout: 10000 });
  const out = [];
  for (const query of queries) {
    const results = await page.evaluate(([q, l]) => window.khumueSearch(q, { limit: l }), [query.q, limit]);
    out.push({ q: query.q, results });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  if (errors.length) {
    console.error('page errors:\n' + errors.join('\n'));
    failed = true;
  }
} finally {
  await close();
}
process.exit(failed ? 1 : 0);
