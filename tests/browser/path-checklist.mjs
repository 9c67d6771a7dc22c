// Usage: node path-checklist.mjs <file:// url of a reading-path page>
// Ticks the first two items, reloads the page, and prints JSON {before, after, progress}:
// which boxes were ticked before and after the reload, and the progress text after it.
import { launchChromium, watchErrors } from './launch.mjs';

const [url] = process.argv.slice(2);
const { context, close } = await launchChromium();
let report;
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url, { waitUntil: 'load' });
  const boxes = await page.$$('.path-list input[data-item]');
  await boxes[0].check();
  await boxes[1].check();
  const ticked = () => page.$$eval('.path-list input[data-item]', (bs) => bs.filter((b) => b.checked).map((b) => b.dataset.item));
  const before = await ticked();
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.path-progress [data-done]').textContent !== '0');
  const after = await ticked();
  const progress = await page.$eval('.path-progress', (p) => p.textContent.trim());
  report = { before, after, progress, errors };
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
