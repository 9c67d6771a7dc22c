// Usage: node screenshots.mjs <site folder> <output folder>
// Screenshots of eight pages of a built site, light and dark, phone (360 px) and desktop
// (1280 px), as <page>-<phone|desktop>-<light|dark>.png: the images in docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './launch.mjs';

const [siteDir, outDir] = process.argv.slice(2);
const PAGES = [
  ['home', 'index.html'],
  ['table', 'centre/service-units.html'],
  ['results', 'results/2564.html'],
  ['path', 'paths/new-staff.html'],
  ['glossary', 'reference/glossary.html'],
  ['search', 'search.html?q=' + encodeURIComponent('แบบ สป-๑๒')],
  ['downloads', 'downloads/index.html'],
  // The foot of a page: its date and owner, and the links to the book and the downloads.
  ['footer', 'reference/abbreviations.html'],
];
const VIEWS = [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
];
mkdirSync(outDir, { recursive: true });
const { context, close } = await launchChromium();
try {
  const page = await context.newPage();
  for (const [name, file] of PAGES) {
    const [path, query] = file.split('?');
    const url = pathToFileURL(join(siteDir, path)).href + (query ? '?' + query : '');
    for (const [view, size] of VIEWS) {
      await page.setViewportSize(size);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        if (name === 'search') await page.waitForSelector('.khumue-search-page-results li');
        if (name === 'footer') await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.screenshot({ path: join(outDir, `${name}-${view}-${scheme}.png`) });
      }
    }
  }
} finally {
  await close();
}
