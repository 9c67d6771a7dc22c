// Usage: node chart-contrast.mjs <site folder>
// Opens every page of a built site that has a chart, light and dark, at 1280 and 360 px, and
// measures each SVG chart text: its contrast against what it is painted on (the topmost shape
// of the chart under its centre, else the first ancestor with a background colour), from
// getComputedStyle, and its rendered font size. Prints JSON {pages, texts, low: [...],
// small: [...], errors}: every text under 4.5:1, every text drawn smaller than 11 px.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { launchChromium, watchErrors } from './launch.mjs';

const [siteDir] = process.argv.slice(2);

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

// Charts are drawn from headings of class chart or chart-progress.
const files = htmlFiles(siteDir).filter((f) => /class="[^"]*chart/.test(readFileSync(f, 'utf8')));

// Runs in the page.
function measure() {
  function rgba(text) {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a: a === undefined ? 1 : a };
  }
  function luminance(c) {
    const ch = [c.r, c.g, c.b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  }
  function over(top, under) {
    const a = top.a;
    return { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1 };
  }
  function pageBackground(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  }
  const out = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const shapes = Array.from(svg.querySelectorAll('rect, path, circle, polygon'));
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const box = text.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      let bg = pageBackground(svg);
      // Shapes before the text in document order are painted under it.
      for (const shape of shapes) {
        if (shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING) {
          const r = shape.getBoundingClientRect();
          if (cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom) {
            const fill = rgba(getComputedStyle(shape).fill);
            if (fill && fill.a > 0) bg = over(fill, bg);
          }
        }
      }
      const fill = rgba(getComputedStyle(text).fill);
      const fg = fill ? over(fill, bg) : { r: 0, g: 0, b: 0, a: 1 };
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      // The size drawn on screen: the font's size in user units times the SVG's scale.
      const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      out.push({ text: text.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, size: Math.round(size * 10) / 10 });
    }
  }
  return out;
}

const report = { pages: files.length, texts: 0, low: [], small: [], errors: [] };
const { context, close } = await launchChromium();
try {
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const file of files) {
    const name = relative(siteDir, file);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const texts = await page.evaluate(measure);
        report.texts += texts.length;
        for (const t of texts) {
          if (t.ratio < 4.5) report.low.push({ page: name, width, scheme, ...t });
          if (scheme === 'light' && t.size < 11) report.small.push({ page: name, width, ...t });
        }
      }
    }
  }
  report.errors = errors;
} finally {
  await close();
}
process.stdout.write(JSON.stringify(report) + '\n');
