// Usage: node units-table.mjs <file:// url of the units page>
// Enhances nothing itself: it reads the sortable units table the theme made, then
// - clicks (by keyboard: focus + Enter) the header of the column of yearly figures and records
//   the column's values in the order shown and the header's aria-sort, twice (up, then down);
// - types the last row's sub-district (column 3), then the first row's yearly figure in Thai
//   digits and the same in Arabic digits, into the filter box and records the visible rows'
//   texts each time.
// Prints JSON {headers, numericColumn, ascending, ascendingSort, descending, descendingSort,
// rows, typed: {text, thai, arabic}, filtered: {text, thai, arabic}, errors}.
import { launchChromium, watchErrors } from './launch.mjs';

const [url] = process.argv.slice(2);
const { context, close } = await launchChromium();
const report = { errors: [] };
try {
  const page = await context.newPage();
  report.errors = watchErrors(page);
  await page.goto(url, { waitUntil: 'load' });
  // The page's one table (the test checks there is one).
  const table = 'article table';
  report.headers = await page.$$eval(`${table} thead th`, (ths) =>
    ths.map((th) => ({ text: th.textContent.trim(), button: !!th.querySelector('button'), sort: th.getAttribute('aria-sort') })));
  report.numericColumn = report.headers.length - 1;
  const column = async () =>
    page.$$eval(`${table} tbody tr`, (trs, c) => trs.filter((r) => !r.hidden).map((r) => r.cells[c].textContent.trim()), report.numericColumn);
  const header = page.locator(`${table} thead th`).nth(report.numericColumn);
  await header.locator('button').focus();
  await page.keyboard.press('Enter');
  report.ascending = await column();
  report.ascendingSort = await header.getAttribute('aria-sort');
  await page.keyboard.press('Enter');
  report.descending = await column();
  report.descendingSort = await header.getAttribute('aria-sort');
  const visible = async () =>
    page.$$eval(`${table} tbody tr`, (trs) => trs.filter((r) => !r.hidden && r.getClientRects().length).map((r) => r.textContent.replace(/\s+/g, ' ').trim()));
  report.rows = await visible();
  const box = page.locator('.table-filter input');
  const cell = async (row, c) => page.$eval(`${table} tbody tr:${row}`, (r, c) => r.cells[c].textContent.trim(), c);
  const figure = (await cell('first-child', report.numericColumn)).replace(/,/g, '');
  const arabic = figure.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0E50));
  report.typed = {
    text: await cell('last-child', 2),
    thai: arabic.replace(/[0-9]/g, (d) => String.fromCharCode(0x0E50 + Number(d))),
    arabic,
  };
  report.filtered = {};
  for (const [name, text] of Object.entries(report.typed)) {
    await box.fill(text);
    report.filtered[name] = await visible();
  }
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
