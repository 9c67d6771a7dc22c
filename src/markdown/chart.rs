//! Charts drawn at build time as inline SVG: no script, readable in print, every figure also
//! written as text on the chart (the tables beside them carry the same numbers).

use std::fmt::Write;

use crate::thai::dates::Numerals;

/// One coloured series of a stacked bar chart.
pub struct Series<'a> {
    pub label: &'a str,
    pub colour: &'a str,
    pub values: Vec<u32>,
}

use crate::util::escape;

const WIDTH: f64 = 720.0;
const PLOT_LEFT: f64 = 40.0;
const PLOT_TOP: f64 = 40.0;
const PLOT_HEIGHT: f64 = 200.0;

/// Vertical bars, one per category, stacked by series, with each bar's total above it.
/// Wrapped in a `<figure>` so Markdown keeps it as one raw HTML block (no blank lines inside).
pub fn stacked_bars(
    caption: &str,
    categories: &[String],
    series: &[Series],
    numerals: Numerals,
) -> String {
    let totals: Vec<u32> = (0..categories.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = f64::from(totals.iter().copied().max().unwrap_or(0).max(1));
    let slot = (WIDTH - PLOT_LEFT - 10.0) / categories.len().max(1) as f64;
    let bar = slot * 0.6;
    let height = PLOT_TOP + PLOT_HEIGHT + 60.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}" font-size="12" font-family="inherit">"#,
        escape(caption)
    );
    let baseline = PLOT_TOP + PLOT_HEIGHT;
    let _ = write!(
        svg,
        r##"<line x1="{PLOT_LEFT}" y1="{baseline}" x2="{}" y2="{baseline}" stroke="#555" stroke-width="1"/>"##,
        WIDTH - 10.0
    );
    for (i, category) in categories.iter().enumerate() {
        let x = PLOT_LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = baseline;
        for s in series {
            let value = s.values.get(i).copied().unwrap_or(0);
            if value == 0 {
                continue;
            }
            let h = f64::from(value) / max * PLOT_HEIGHT;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"><title>{} {}: {}</title></rect>"#,
                s.colour,
                escape(category),
                escape(s.label),
                numerals.apply(&value.to_string())
            );
        }
        let centre = x + bar / 2.0;
        let _ = write!(
            svg,
            r#"<text x="{centre:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="{centre:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            y - 4.0,
            numerals.apply(&totals[i].to_string()),
            baseline + 16.0,
            escape(category)
        );
    }
    legend(
        &mut svg,
        series.iter().map(|s| (s.label, s.colour)),
        baseline + 40.0,
    );
    let _ = write!(
        svg,
        "</svg><figcaption>{}</figcaption></figure>",
        escape(caption)
    );
    svg
}

fn legend<'a>(svg: &mut String, items: impl Iterator<Item = (&'a str, &'a str)>, y: f64) {
    let mut x = PLOT_LEFT;
    for (label, colour) in items {
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{y:.1}">{}</text>"#,
            y - 10.0,
            x + 16.0,
            escape(label)
        );
        x += 30.0 + 14.0 * label.chars().count() as f64 * 0.6;
    }
}

/// One bar of a horizontal bar chart: `value` drawn against `scale`, with `text` at its end.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: f64,
    pub text: String,
    pub colour: &'a str,
    /// A marker line (e.g. the target) at this value.
    pub marker: Option<f64>,
}

/// Horizontal bars sharing one scale (`scale` = full width).
pub fn horizontal_bars(caption: &str, bars: &[Bar], scale: f64) -> String {
    const LABEL_WIDTH: f64 = 260.0;
    const ROW: f64 = 28.0;
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let plot = WIDTH - LABEL_WIDTH - 80.0;
    let height = ROW * bars.len() as f64 + 10.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}" font-size="12" font-family="inherit">"#,
        escape(caption)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 5.0 + ROW * i as f64;
        let w = (b.value / scale).clamp(0.0, 1.0) * plot;
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{LABEL_WIDTH}" y="{y:.1}" width="{plot:.1}" height="18" fill="#eee"/><rect x="{LABEL_WIDTH}" y="{y:.1}" width="{w:.1}" height="18" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            LABEL_WIDTH - 8.0,
            y + 13.0,
            escape(b.label),
            b.colour,
            LABEL_WIDTH + plot + 6.0,
            y + 13.0,
            escape(&b.text)
        );
        if let Some(marker) = b.marker {
            let mx = LABEL_WIDTH + (marker / scale).clamp(0.0, 1.0) * plot;
            let _ = write!(
                svg,
                r##"<line x1="{mx:.1}" y1="{:.1}" x2="{mx:.1}" y2="{:.1}" stroke="#000" stroke-width="2" stroke-dasharray="3 2"/>"##,
                y - 2.0,
                y + 20.0
            );
        }
    }
    let _ = write!(
        svg,
        "</svg><figcaption>{}</figcaption></figure>",
        escape(caption)
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_bars_are_one_html_block_with_totals() {
        let svg = stacked_bars(
            "a < b",
            &["ต.ค.".to_string(), "พ.ย.".to_string()],
            &[
                Series {
                    label: "x",
                    colour: "#000",
                    values: vec![3, 4],
                },
                Series {
                    label: "y",
                    colour: "#fff",
                    values: vec![1, 0],
                },
            ],
            Numerals::Arabic,
        );
        assert!(!svg.contains("\n\n"));
        assert!(svg.starts_with("<figure"));
        assert!(svg.contains(">4</text>"), "total of first bar");
        assert!(svg.contains("a &lt; b"));
    }
}
