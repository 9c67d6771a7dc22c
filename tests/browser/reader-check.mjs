// Usage: node reader-check.mjs <site folder> [page limit]
// Opens every page of a built site from disk, at 1280 and 360 px, and checks what a reader
// sees (tests/it/site_reader.rs):
// - lines: no line of a paragraph, list item or table cell starts inside a word or a number
//   (line boxes measured with Range rects, words from Intl.Segmenter('th', {granularity: 'word'}));
// - axe: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) serious and critical violations, light
//   and dark. The DOM is the same in both schemes, only colours differ, so dark mode runs the
//   colour rule (color-contrast) and light mode runs them all. The sidebar, one tree from
//   nav.js on every page, is checked on the home page only;
// - tips (360 px): every glossary tooltip, opened by keyboard focus, lies inside the viewport
//   and on top (not clipped by a scrolling table); Escape closes it and keeps the focus.
// Prints JSON {pages, views, lineBreaks: [...], axe: [...], tips: [...], errors, seconds}.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { launchChromium, watchErrors } from './launch.mjs';

const [siteDir, limitArg] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 360];

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

const files = htmlFiles(siteDir).slice(0, Number(limitArg || Infinity));
const started = Date.now();
const timing = { load: 0, lines: 0, axe: 0, tips: 0 };
const report = { timing, pages: files.length, views: 0, lineBreaks: [], axe: [], tips: [], tipsChecked: 0, errors: [], seconds: 0 };

// Runs in the page: every line that starts inside a word or a number.
function badLineStarts() {
  const words = new Intl.Segmenter('th', { granularity: 'word' });
  const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
  const found = [];
  const blocks = document.querySelectorAll('main p, main li, main td, main th, main dd');
  for (const block of blocks) {
    // Only the block's own text: nested blocks are checked on their own.
    const nodes = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const parent = node.parentElement;
        if (!parent || parent.closest('p, li, td, th, dd, pre') !== block) return NodeFilter.FILTER_REJECT;
        if (!parent.getClientRects().length) return NodeFilter.FILTER_REJECT; // hidden (a closed tooltip)
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    let text = '';
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: text.length });
      text += walker.currentNode.data;
    }
    if (!text.trim()) continue;
    const boundaries = new Set([0, text.length]);
    for (const s of words.segment(text)) {
      boundaries.add(s.index);
      boundaries.add(s.index + s.segment.length);
    }
    let lastTop = null;
    let lastBottom = null;
    const range = document.createRange();
    for (const { node, start } of nodes) {
      for (const g of graphemes.segment(node.data)) {
        if (!g.segment.trim()) continue; // spaces may hang at a line end
        range.setStart(node, g.index);
        range.setEnd(node, g.index + g.segment.length);
        const rects = range.getClientRects();
        if (!rects.length) continue;
        const r = rects[0];
        if (r.width === 0 && r.height === 0) continue;
        if (lastTop !== null && r.top >= lastBottom - 2) {
          const at = start + g.index;
          if (!boundaries.has(at)) {
            const before = text.slice(Math.max(0, at - 12), at);
            const after = text.slice(at, at + 12);
            found.push(`${before}⏎${after}`);
          }
        }
        lastTop = r.top;
        lastBottom = r.bottom;
      }
    }
  }
  return found;
}

// At 360 px: each glossary tooltip opened by keyboard focus must lie inside the viewport and
// on top (not clipped by a table that scrolls); Escape closes it and leaves the focus on the
// term. All terms are measured in one pass in the page (Escape dispatched as a key event); the
// first one also with the real keyboard.
async function checkTips(page, name) {
  const measured = await page.evaluate(() => {
    const out = [];
    const escape = () =>
      document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    document.querySelectorAll('.glossary-term').forEach((el, i) => {
      el.focus();
      const tip = el.querySelector('.term-tip');
      if (!tip) return out.push({ term: i, missing: true });
      const r = tip.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
      const y = Math.min(Math.max(r.top + 4, 0), vh - 1);
      const top = document.elementFromPoint(x, y);
      const seen = {
        term: i,
        visible: r.width > 0 && r.height > 0,
        inside: r.left >= 0 && r.right <= vw && r.top >= 0 && r.bottom <= vh,
        onTop: !!top && tip.contains(top),
        rect: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],
      };
      escape();
      seen.closed = tip.getBoundingClientRect().width === 0;
      seen.focusKept = document.activeElement === el;
      out.push(seen);
    });
    return out;
  });
  for (const seen of measured) {
    if (seen.missing || !seen.visible || !seen.inside || !seen.onTop || !seen.closed || !seen.focusKept) {
      report.tips.push({ page: name, ...seen });
    }
  }
  if (measured.length) {
    const term = page.locator('.glossary-term').first();
    await term.focus();
    await page.keyboard.press('Escape');
    const after = await term.evaluate((el) => ({
      closed: el.querySelector('.term-tip').getBoundingClientRect().width === 0,
      focusKept: document.activeElement === el,
    }));
    if (!after.closed || !after.focusKept) report.tips.push({ page: name, term: 0, keyboard: true, ...after });
  }
  report.tipsChecked += measured.length;
}

const { context, close } = await launchChromium();
try {
  await context.addInitScript(() => {
    try { localStorage.clear(); } catch (e) {}
  });
  const queue = files.slice();
  const worker = async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (;;) {
      const file = queue.shift();
      if (!file) break;
      const name = relative(siteDir, file);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width > 500 ? 900 : 740 });
        await page.emulateMedia({ colorScheme: 'light' });
        let t = Date.now();
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        timing.load += Date.now() - t; t = Date.now();
        report.views += 1;
        for (const where of await page.evaluate(badLineStarts)) report.lineBreaks.push({ page: name, width, where });
        timing.lines += Date.now() - t; t = Date.now();
        await page.evaluate(axeSource);
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          // Colours are the same at both widths (no media query changes one), and contrast is
          // most of axe's time: it runs at 1280 px in both schemes; at 360 px on the header.
          if (scheme === 'dark' && width !== 1280) continue;
          const rules = scheme === 'dark' ? { runOnly: { type: 'rule', values: ['color-contrast'] } }
            : width === 1280 ? { runOnly: { type: 'tag', values: TAGS } }
            : { runOnly: { type: 'tag', values: TAGS }, rules: { 'color-contrast': { enabled: false } } };
          const options = { ...rules, resultTypes: ['violations'], preload: false };
          // The sidebar is the same tree on every page (nav.js): checked in full on the home
          // page, left out elsewhere, which halves the run time.
          const whole = name === 'index.html';
          const result = await page.evaluate(
            ([o, whole]) => window.axe.run(whole ? document : { exclude: [['#sidebar']] }, o),
            [options, whole]
          );
          for (const v of result.violations) {
            if (v.impact !== 'serious' && v.impact !== 'critical') continue;
            report.axe.push({
              page: name, width, scheme, rule: v.id, impact: v.impact,
              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')),
            });
          }
        }
        timing.axe += Date.now() - t; t = Date.now();
        if (width === 360) {
          await page.emulateMedia({ colorScheme: 'light' });
          const header = await page.evaluate(
            (o) => window.axe.run('.site-header', o),
            { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'], preload: false }
          );
          for (const v of header.violations) report.axe.push({ page: name, width, scheme: 'light', rule: v.id, impact: v.impact });
          await checkTips(page, name);
        }
        timing.tips += Date.now() - t;
      }
    }
    report.errors.push(...errors);
    await page.close();
  };
  await Promise.all([worker(), worker()]);
} finally {
  await close();
}
report.seconds = Math.round((Date.now() - started) / 100) / 10;
process.stdout.write(JSON.stringify(report) + '\n');
