// Usage: node reader-offline.mjs <http base url of the site, ending in /> <site folder> <queries.json> [pages]
// Offline on a phone, in headless Chromium over HTTP:
// 1. the home page registers the service worker; once it is active and in control,
// 2. a missing URL three folders deep gets the site's 404 page with its styles and working
//    links, and the browser context goes offline;
// 3. `pages` (default 20) random pages open, every request answered by the worker;
// 4. each query of queries.json (["…", …]) finds results with window.khumueSearch, offline.
// Then, from file://, the home page and a page two folders deep log no error and register no
// worker. Prints JSON {notFound, worker, pages: [...], searches: [...], file, errors}.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, watchErrors } from './launch.mjs';

const [base, siteDir, queriesFile, pagesArg] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
const count = Number(pagesArg || 20);

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(relative(siteDir, path));
  }
  return out.sort();
}

// A fixed shuffle (mulberry32), so a failure can be replayed.
function shuffled(list, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const encode = (path) => path.split('/').map(encodeURIComponent).join('/');
const report = { pages: [], searches: [], errors: [] };
const { context, close } = await launchChromium();
try {
  const page = await context.newPage();
  const errors = watchErrors(page);

  // 1. One visit, then the worker takes over.
  await page.goto(base + 'index.html', { waitUntil: 'load' });
  report.worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    const keys = await caches.keys();
    const cached = keys.length ? (await (await caches.open(keys[0])).keys()).length : 0;
    return {
      state: registration.active && registration.active.state,
      scope: registration.scope,
      caches: keys,
      cached,
      manifest: !!document.querySelector('link[rel="manifest"]'),
    };
  });
  // 2. The 404 page, three folders deep, online (its 404 status is expected, not an error).
  const missing = await page.goto(base + 'no/such/folder/page.html', { waitUntil: 'load' });
  report.notFound = await page.evaluate(() => ({
    heading: document.querySelector('h1') && document.querySelector('h1').textContent,
    styled: getComputedStyle(document.body).fontFamily.includes('Sarabun'),
    home: document.querySelector('main a[href$="index.html"]') && document.querySelector('main a[href$="index.html"]').href,
    sidebarLinks: document.querySelectorAll('#sidebar a').length,
  }));
  report.notFound.status = missing.status();
  errors.splice(0).filter((e) => !e.includes('no/such/folder')).forEach((e) => report.errors.push(e));

  await context.setOffline(true);

  // 3. Random pages, offline: every response must come from the worker.
  const notFromWorker = [];
  page.on('response', (r) => {
    if (!r.fromServiceWorker()) notFromWorker.push(r.url());
  });
  for (const file of shuffled(htmlFiles(siteDir), 2564).filter((f) => f !== '404.html').slice(0, count)) {
    const response = await page.goto(base + encode(file), { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      title: document.querySelector('h1') ? document.querySelector('h1').textContent.trim() : '',
      styled: getComputedStyle(document.body).fontFamily.includes('Sarabun'),
      sidebarLinks: document.querySelectorAll('#sidebar a').length,
    }));
    report.pages.push({ file, status: response && response.status(), ...seen });
  }

  // 4. Searches, offline.
  await page.goto(base + 'search.html', { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.khumueSearch === 'function');
  for (const q of queries) {
    const results = await page.evaluate((q) => window.khumueSearch(q, { limit: 5 }), q);
    report.searches.push({ q, results: results.length, first: results[0] && results[0].title });
  }
  report.notFromWorker = notFromWorker;
  // The favicon and the manifest are fetched by the browser itself, outside the page and its
  // worker, so they fail offline whatever the site does; anything else is an error.
  report.errors.push(...errors.filter((e) => !/^failed: .*(favicon\.svg|manifest\.webmanifest)$/.test(e)));
  await context.setOffline(false);
  await page.close();

  // 5. From disk: no worker, no error.
  const disk = await context.newPage();
  const diskErrors = watchErrors(disk);
  const deep = htmlFiles(siteDir).find((f) => f.split('/').length >= 2) || 'index.html';
  const registered = [];
  for (const file of ['index.html', deep]) {
    await disk.goto(pathToFileURL(join(siteDir, file)).href, { waitUntil: 'load' });
    await disk.waitForTimeout(300);
    registered.push(
      await disk.evaluate(async () =>
        navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0
      ).catch(() => 0)
    );
  }
  report.file = { pages: ['index.html', deep], registered, errors: diskErrors };
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
