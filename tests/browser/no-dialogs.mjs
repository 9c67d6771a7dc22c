// Usage: node no-dialogs.mjs <file:// url> [<file:// url> ...]
// Opens each page, opens every collapsed section, focuses every link (so tooltips run), and
// lists every link whose resolved URL would run script. Prints JSON {pages, dialogs,
// scriptLinks}: every alert/confirm/prompt that opened, and every such link.
import { launchChromium } from './launch.mjs';

const urls = process.argv.slice(2);
const { context, close } = await launchChromium();
const report = { pages: 0, dialogs: [], scriptLinks: [] };
try {
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    report.dialogs.push({ page: page.url(), type: d.type(), message: d.message() });
    await d.dismiss();
  });
  for (const url of urls) {
    await page.goto(url, { waitUntil: 'load' });
    report.pages += 1;
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const href of links) {
      if (/^\s*(javascript|vbscript|data):/i.test(href)) report.scriptLinks.push({ page: url, href });
    }
    // Focus every term and link: tooltips and handlers run.
    for (const a of await page.$$('a')) {
      await a.focus().catch(() => {});
    }
    await page.waitForTimeout(50);
  }
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
