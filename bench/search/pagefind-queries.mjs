// Usage: node pagefind-queries.mjs <page url over http> <queries.json> [limit]
// The Pagefind counterpart of tests/browser/search-queries.mjs: opens a page of a site that
// `pagefind --site` has indexed (Pagefind cannot load its index from file://, so serve it),
// runs every query ({"q": ...} objects) through Pagefind's own JS API in headless Chromium and
// prints the same JSON shape: [{q, results: [{url, title}]}], one result per page, best first.
import { readFileSync } from 'node:fs';
import { launchChromium, watchErrors } from '../../tests/browser/launch.mjs';

const [pageUrl, queriesPath, limitArg] = process.argv.slice(2);
if (!pageUrl || !queriesPath) {
  console.error('usage: node pagefind-queries.mjs <page url> <queries.json> [limit]');
  process.exit(2);
}
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const limit = Number(limitArg || 10);
const { context, close } = await launchChromium();
let failed = false;
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(pageUrl, { waitUntil: 'domcontentloaded' });
  await page.evaluate(async () => {
    window.pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
    await window.pf.init();
  });
  const out = [];
  for (const query of queries) {
    const results = await page.evaluate(async ([q, l]) => {
      const found = await window.pf.search(q);
      const data = await Promise.all(found.results.slice(0, l).map((r) => r.data()));
      return data.map((d) => ({ url: d.url, title: d.meta && d.meta.title }));
    }, [query.q, limit]);
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
