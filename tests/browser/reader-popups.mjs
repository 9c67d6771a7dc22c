// Usage: node reader-popups.mjs <file:// url of a page> <query>
// The pop-ups of a page at phone width (360 px), used like a reader would:
// - the header search: type the query; the results box lies inside the viewport; Escape
//   closes it and the focus stays in the box;
// - the phone menu: opening it moves the focus into the menu, which lies inside the viewport;
//   Escape closes it and the focus returns to the menu button; its accessible name is a word;
// - at 1280 px the site title is shown whole (not cut off with an ellipsis).
// Prints JSON {search, menu, title, errors}.
import { launchChromium, watchErrors } from './launch.mjs';

const [url, query] = process.argv.slice(2);
const { context, close } = await launchChromium();
const report = {};
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.khumueSearch === 'function');
  const inViewport = (el) => {
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    return { rect: [r.left, r.top, r.right, r.bottom].map(Math.round), vw, inside: r.width > 0 && r.left >= 0 && r.right <= vw && r.top >= 0 };
  };

  // Search box.
  const box = page.locator('form.khumue-search input[type="search"]').first();
  await box.click();
  await box.pressSequentially(query, { delay: 10 });
  const list = page.locator('form.khumue-search .khumue-search-results').first();
  await page.waitForFunction((el) => !el.hidden && el.dataset.query, await list.elementHandle(), { timeout: 20000 });
  const results = await list.evaluate(inViewport);
  const options = await list.locator('[role="option"]').count();
  await box.press('Escape');
  report.search = {
    ...results,
    options,
    closedByEscape: await list.evaluate((el) => el.hidden),
    focusKept: await box.evaluate((el) => el === document.activeElement),
  };

  // Phone menu.
  const menu = page.locator('.menu-toggle');
  const name = await menu.evaluate((el) => el.getAttribute('aria-label') || el.textContent.trim());
  await menu.click();
  const opened = await page.evaluate(() => {
    const nav = document.getElementById('sidebar');
    const r = nav.getBoundingClientRect();
    return {
      visible: r.width > 0 && r.height > 0,
      inside: r.left >= 0 && r.right <= document.documentElement.clientWidth,
      focusInside: nav.contains(document.activeElement),
      expanded: document.querySelector('.menu-toggle').getAttribute('aria-expanded'),
    };
  });
  await page.keyboard.press('Escape');
  const closed = await page.evaluate(() => ({
    hidden: document.getElementById('sidebar').getBoundingClientRect().width === 0,
    focusOnButton: document.activeElement === document.querySelector('.menu-toggle'),
    expanded: document.querySelector('.menu-toggle').getAttribute('aria-expanded'),
  }));
  report.menu = { name, opened, closed };

  // Site title on a wide screen.
  await page.setViewportSize({ width: 1280, height: 900 });
  report.title = await page.$eval('.site-title', (el) => ({
    text: el.textContent,
    whole: el.scrollWidth <= el.clientWidth + 1,
  }));
  report.errors = errors;
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
