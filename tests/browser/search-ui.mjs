// Usage: node search-ui.mjs <page url> <query> <enter|click>
// Types the query into the header search box (after pressing "/" to focus it), waits for the
// results, opens the first one with Enter (after ArrowDown) or a click, and prints JSON:
// {focused, results: [{title, href}], expectedHref, landed, landedTitle, bodyHasQuery}.
// Then opens search.html?q=<query> and adds {pageResults} (count of results on that page).
import { launchChromium, watchErrors } from './launch.mjs';

const [pageUrl, query, how] = process.argv.slice(2);
if (!pageUrl || !query || !['enter', 'click'].includes(how)) {
  console.error('usage: node search-ui.mjs <page url> <query> <enter|click>');
  process.exit(2);
}
const { context, close } = await launchChromium();
let failed = false;
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(pageUrl);
  const box = page.locator('form.khumue-search input[type="search"]').first();
  await page.waitForFunction(() => typeof window.khumueSearch === 'function');
  await page.keyboard.press('/');
  const focused = await box.evaluate((el) => el === document.activeElement);
  await box.pressSequentially(query, { delay: 15 });
  const list = page.locator('form.khumue-search .khumue-search-results').first();
  await page.waitForFunction(
    ([el, q]) => el.dataset.query === q && !el.hidden,
    [await list.elementHandle(), query],
    { timeout: 10000 }
  );
  const items = list.locator('a[role="option"]');
  const results = await items.evaluateAll((links) =>
    links.map((a) => ({ title: a.querySelector('.khumue-search-title').textContent, href: a.href }))
  );
  const expectedHref = results[0].href;
  if (how === 'enter') {
    await box.press('ArrowDown');
    await Promise.all([page.waitForURL((u) => u.href === expectedHref), box.press('Enter')]);
  } else {
    await Promise.all([page.waitForURL((u) => u.href === expectedHref), items.first().click()]);
  }
  const landed = page.url();
  const landedTitle = await page.title();
  const bodyHasQuery = await page.evaluate((q) => document.body.innerText.includes(q), query);

  const searchPage = new URL('search.html?q=' + encodeURIComponent(query), new URL(document_root(pageUrl)));
  await page.goto(searchPage.href);
  const pageItems = page.locator('#khumue-search-page .khumue-search-page-results li a');
  await pageItems.first().waitFor({ state: 'visible', timeout: 10000 });
  const pageResults = await pageItems.count();
  process.stdout.write(
    JSON.stringify({ focused, results, expectedHref, landed, landedTitle, bodyHasQuery, pageResults }) + '\n'
  );
  if (errors.length) {
    console.error('page errors:\n' + errors.join('\n'));
    failed = true;
  }
} finally {
  await close();
}
process.exit(failed ? 1 : 0);

// The folder of the given page URL (the site root when the test opens index.html).
function document_root(url) {
  return url.slice(0, url.lastIndexOf('/') + 1);
}
