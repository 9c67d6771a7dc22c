// Usage: node search-latency.mjs <site folder> <queries.json> [count, default 20]
// Search latency as a reader meets it, in headless Chromium over file://, through the header's
// search box (search-ui.js): from the input event of a typed query to its results in the list.
//
// - cold: each query in a new browser context (no cache, nothing loaded): open the home page,
//   focus the box (which loads the index manifest), then type the query;
// - warm: the same queries again in one page that has already searched them.
//
// Prints JSON with the median and the largest time of each, and the engine's own time for the
// warm queries (window.khumueSearch alone, without rendering). PAUSE_MS (default 150) is the
// time between focusing the box and typing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [siteDir, queriesPath, countArg] = process.argv.slice(2);
if (!siteDir || !queriesPath) {
  console.error('usage: node search-latency.mjs <site folder> <queries.json> [count]');
  process.exit(2);
}
const count = Number(countArg || 20);
const pause = Number(process.env.PAUSE_MS || 150);
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'))
  .map((q) => q.q)
  .slice(0, count);
const home = pathToFileURL(join(siteDir, 'index.html')).href;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

// Types `query` into the header box at once and resolves with the milliseconds from its input
// event to the list showing its results.
function typeAndWait(page, query) {
  return page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        const input = document.querySelector('form.khumue-search input[type="search"]');
        const list = document.querySelector('form.khumue-search .khumue-search-results');
        if (!input || !list) return reject(new Error('no search box'));
        const observer = new MutationObserver(() => {
          if (list.dataset.query === q) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(list, { attributes: true, childList: true, subtree: true });
        input.value = q;
        const start = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => reject(new Error('no results for ' + q)), 10000);
      }),
    query
  );
}

async function openHome(context) {
  const page = await context.newPage();
  await page.goto(home, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.khumueSearch === 'function');
  await page.focus('form.khumue-search input[type="search"]');
  // A reader takes longer than this between focusing the box and the first keystroke.
  await page.waitForTimeout(pause);
  return page;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

try {
  const cold = [];
  const coldBusy = [];
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await openHome(context);
    // The page's main-thread busy time over the same span (Chrome's TaskDuration): what the
    // query costs in CPU, which a loaded machine inflates far less than wall time.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
    const before = await busy();
    cold.push(await typeAndWait(page, q));
    coldBusy.push((await busy()) - before);
    await context.close();
  }
  const context = await browser.newContext();
  const page = await openHome(context);
  for (const q of queries) await typeAndWait(page, q);
  const warm = [];
  const engine = [];
  for (const q of queries) {
    // Another query in between, so the list really changes.
    await typeAndWait(page, 'ก' + q);
    warm.push(await typeAndWait(page, q));
    engine.push(
      await page.evaluate(async (query) => {
        const t0 = performance.now();
        await window.khumueSearch(query, { limit: 8 });
        return performance.now() - t0;
      }, q)
    );
  }
  await context.close();
  process.stdout.write(
    JSON.stringify(
      {
        queries: queries.length,
        pauseAfterFocusMs: pause,
        coldMedianMs: round(median(cold)),
        coldMaxMs: round(Math.max(...cold)),
        coldMainThreadBusyMedianMs: round(median(coldBusy)),
        warmMedianMs: round(median(warm)),
        warmMaxMs: round(Math.max(...warm)),
        warmEngineMedianMs: round(median(engine)),
      },
      null,
      1
    ) + '\n'
  );
} finally {
  await browser.close();
}
