// Usage: node site-nav.mjs <file:// url of index.html> [clicks]
// Opens the home page, then follows sidebar links to `clicks` different pages (default 3),
// one click after another. Prints JSON {visited: [{url, title}], requests, external, failed,
// errors}: every request the pages made, which left file://, which failed, console errors.
import { launchChromium, watchErrors } from './launch.mjs';

const [startUrl, clicksArg] = process.argv.slice(2);
const clicks = Number(clicksArg || 3);
const { context, close } = await launchChromium();
const report = { visited: [], requests: 0, external: [], failed: [], errors: [] };
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('request', (r) => {
    report.requests += 1;
    if (!r.url().startsWith('file://')) report.external.push(r.url());
  });
  page.on('requestfailed', (r) => report.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(startUrl, { waitUntil: 'load' });
  const seen = new Set([page.url()]);
  for (let i = 0; i < clicks; i++) {
    await page.waitForSelector('#sidebar a');
    // Open every collapsed section, so links at every depth can be chosen.
    await page.evaluate(() => {
      document.querySelectorAll('#sidebar details').forEach((d) => (d.open = true));
      let closed;
      while ((closed = document.querySelectorAll('#sidebar [aria-expanded="false"]')).length) closed.forEach((b) => b.click());
    });
    const handles = await page.$$('#sidebar a');
    const links = await Promise.all(handles.map((h) => h.evaluate((a) => ({ href: a.href, text: a.textContent }))));
    const unvisited = links.map((l, index) => ({ ...l, index })).filter((l) => !seen.has(l.href));
    // Go deeper each time: the last links of the tree are nested furthest from the start.
    const pick = i === 0 ? unvisited[1] : unvisited.at(-1 - i);
    if (!pick) throw new Error('no unvisited sidebar link');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), handles[pick.index].click()]);
    seen.add(page.url());
    const title = await page.$eval('h1', (h) => h.textContent.trim());
    report.visited.push({ url: page.url(), link: pick.text, title });
  }
  report.errors = errors;
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
