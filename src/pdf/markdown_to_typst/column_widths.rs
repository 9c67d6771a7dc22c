//! Widths for a Markdown table's columns, measured from the text of their cells.
//!
//! Typst sizes `auto` columns by laying out every cell of them before it lays out the table,
//! which made tables the costliest part of the book. The converter gives Typst the widths
//! instead, sized as Typst sizes `auto` columns: when the table's natural width fits the
//! line, each column is as wide as its widest cell; otherwise the columns narrower than an
//! even share keep their width and the others share what is left (`1fr`). Unlike `auto`
//! columns, none is narrower than its longest unbreakable run (a Thai word group as
//! `thai_break` marks it, or text between spaces), so a word never has to break.
//! Text is measured with the theme's fonts (`Glyphs::advance`).

use super::super::glyphs::{Face, Glyphs};
use super::super::thai_break::{with_breaks, BREAK};

/// The text block a document sets its tables in: its width and text size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBlock {
    pub width_pt: f32,
    pub font_size_pt: f32,
}

const A4_WIDTH_PT: f32 = 595.276;
const POINTS_PER_CM: f32 = 72.0 / 2.54;

impl TextBlock {
    /// The text block of an A4 page with `margin_cm` on either side.
    pub const fn a4(margin_cm: f32, font_size_pt: f32) -> TextBlock {
        TextBlock {
            width_pt: A4_WIDTH_PT - 2.0 * margin_cm * POINTS_PER_CM,
            font_size_pt,
        }
    }

    /// The side margin of the A4 page this block is set on, in points.
    pub fn a4_margin_pt(self) -> f32 {
        (A4_WIDTH_PT - self.width_pt) / 2.0
    }
}

/// A cell's inset on each side: Typst's default for `table`.
const INSET_PT: f32 = 5.0;
/// Code is set at this size of the text around it (`show raw` in `common.typ`).
const CODE_SIZE: f32 = 0.85;
/// Advances leave out kerning and shaping: this much more room (a share of the width, and
/// an em) keeps a line that fits by the measure from wrapping in Typst.
const SLACK_SHARE: f32 = 0.02;
const SLACK_EM: f32 = 0.1;

/// What one column's cells need, in em of the text size.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Need {
    /// The widest cell, laid out on as few lines as it has.
    natural: f32,
    /// The same, with the cells that wrap wherever they may (headers over figures) counted
    /// by their longest run.
    wrapped: f32,
    /// The widest run no line may break inside.
    least: f32,
}

/// The widths a table's columns need, gathered as its cells are written.
pub struct ColumnWidths<'g> {
    glyphs: &'g Glyphs,
    columns: Vec<Need>,
    /// False once a cell holds something of unknown width (an image).
    measurable: bool,
    column: usize,
    /// Width of the current line of the cell, of its widest line, of the run being
    /// measured and of its longest run.
    line: f32,
    widest_line: f32,
    run: f32,
    longest_run: f32,
}

impl<'g> ColumnWidths<'g> {
    pub fn new(glyphs: &'g Glyphs, columns: usize) -> Self {
        ColumnWidths {
            glyphs,
            columns: vec![Need::default(); columns.max(1)],
            measurable: true,
            column: 0,
            line: 0.0,
            widest_line: 0.0,
            run: 0.0,
            longest_run: 0.0,
        }
    }

    pub fn start_cell(&mut self, column: usize) {
        self.column = column;
        self.line = 0.0;
        self.widest_line = 0.0;
        self.run = 0.0;
        self.longest_run = 0.0;
    }

    /// Text in `face`, which a line may break at spaces and between Thai word groups.
    pub fn add_text(&mut self, text: &str, face: Face) {
        let marked;
        let text = match text.chars().any(crate::thai::is_thai) {
            true => {
                marked = with_breaks(text);
                marked.as_str()
            }
            false => text,
        };
        for c in text.chars() {
            let width = self.glyphs.advance(c, face);
            if c == BREAK || breaking_space(c) {
                self.end_run();
                self.line += width;
            } else {
                self.add(width);
            }
        }
    }

    /// A code span: breakable at spaces and after a slash (not before a digit), as Typst
    /// breaks code, which is never marked between Thai words.
    pub fn add_code(&mut self, code: &str) {
        let mut chars = code.chars().peekable();
        while let Some(c) = chars.next() {
            let width = self.glyphs.advance(c, Face::Mono) * CODE_SIZE;
            if breaking_space(c) {
                self.end_run();
                self.line += width;
                continue;
            }
            self.add(width);
            if c == '/' && chars.peek().is_some_and(|next| !next.is_ascii_digit()) {
                self.end_run();
            }
        }
    }

    /// Something no line breaks inside, `em` wide (a check box, a footnote's number).
    pub fn add(&mut self, em: f32) {
        self.run += em;
        self.line += em;
    }

    pub fn line_break(&mut self) {
        self.end_run();
        self.widest_line = self.widest_line.max(self.line);
        self.line = 0.0;
    }

    pub fn end_cell(&mut self) {
        self.line_break();
        if let Some(need) = self.columns.get_mut(self.column) {
            need.natural = need.natural.max(self.widest_line);
            need.wrapped = need.wrapped.max(self.widest_line);
            need.least = need.least.max(self.longest_run);
        }
    }

    /// Ends a cell that may wrap at every break it has when the table has no room for it (a
    /// header over figures): a long header then does not widen its column.
    pub fn end_wrapping_cell(&mut self) {
        self.line_break();
        if let Some(need) = self.columns.get_mut(self.column) {
            need.natural = need.natural.max(self.widest_line);
            need.wrapped = need.wrapped.max(self.longest_run);
            need.least = need.least.max(self.longest_run);
        }
    }

    /// A cell holds something this measure cannot know (an image): Typst measures the table.
    pub fn unmeasurable(&mut self) {
        self.measurable = false;
    }

    fn end_run(&mut self) {
        self.longest_run = self.longest_run.max(self.run);
        self.run = 0.0;
    }

    /// Each column's width for a table set in `block`, in em of its text size with the
    /// cell's insets, or None for an even share of what the others leave; None for all
    /// when Typst is to measure the columns.
    pub fn widths(&self, block: TextBlock) -> Option<Vec<Option<f32>>> {
        if !self.measurable || block.font_size_pt <= 0.0 {
            return None;
        }
        let inset_em = 2.0 * INSET_PT / block.font_size_pt;
        let room = |em: f32| em * (1.0 + SLACK_SHARE) + SLACK_EM + inset_em;
        let natural: Vec<f32> = self.columns.iter().map(|c| room(c.natural)).collect();
        let wrapped: Vec<f32> = self.columns.iter().map(|c| room(c.wrapped)).collect();
        let least: Vec<f32> = self.columns.iter().map(|c| room(c.least)).collect();
        let line = block.width_pt / block.font_size_pt;
        if natural.iter().sum::<f32>() <= line {
            return Some(natural.into_iter().map(Some).collect());
        }
        let mut widths = fit(&wrapped, &least, line);
        // A wrapping cell wraps no more than it must: when every column keeps its width, the
        // room left unwraps the columns that need the least of it first. (When some columns
        // share the line, unwrapping a header would wrap their every row more.)
        if widths.iter().all(Option::is_some) {
            let mut left = line - widths.iter().flatten().sum::<f32>();
            let mut order: Vec<usize> = (0..widths.len()).collect();
            order.sort_by(|&a, &b| (natural[a] - wrapped[a]).total_cmp(&(natural[b] - wrapped[b])));
            for i in order {
                let extra = natural[i] - widths[i].unwrap_or(natural[i]);
                if extra > 0.0 && extra <= left {
                    widths[i] = Some(natural[i]);
                    left -= extra;
                }
            }
        }
        Some(widths)
    }

    /// The `columns:` argument for a table set in `block`, or None to leave Typst to measure
    /// the columns.
    pub fn spec(&self, block: TextBlock) -> Option<String> {
        let inset_em = 2.0 * INSET_PT / block.font_size_pt;
        let widths: Vec<String> = self
            .widths(block)?
            .into_iter()
            .map(|width| match width {
                // The text's share in em (rounded up), the insets in points.
                Some(em) => format!(
                    "{:.2}em + {}pt",
                    ((em - inset_em).max(0.0) * 100.0).ceil() / 100.0,
                    2.0 * INSET_PT
                ),
                None => "1fr".to_owned(),
            })
            .collect();
        Some(format!("({},)", widths.join(", ")))
    }
}

/// A space a line may break at (not a non-breaking one).
fn breaking_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// Each column's width on a line `line` wide (all in em), or None for an even share of what
/// the others leave. As Typst sizes `auto` columns: all keep their natural width when they
/// fit; otherwise a column no wider than an even share of the room left keeps its natural
/// width, and the others share the rest, except that a column never gets less than its least
/// width.
fn fit(natural: &[f32], least: &[f32], line: f32) -> Vec<Option<f32>> {
    if natural.iter().sum::<f32>() <= line {
        return natural.iter().copied().map(Some).collect();
    }
    let mut fixed: Vec<Option<f32>> = vec![None; natural.len()];
    loop {
        let open: Vec<usize> = (0..natural.len()).filter(|&i| fixed[i].is_none()).collect();
        if open.is_empty() {
            break;
        }
        let left = line - fixed.iter().flatten().sum::<f32>();
        let even = left / open.len() as f32;
        let narrow: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| natural[i] <= even)
            .collect();
        let settled = match narrow.is_empty() {
            false => narrow
                .into_iter()
                .map(|i| (i, natural[i]))
                .collect::<Vec<_>>(),
            true => open
                .iter()
                .copied()
                .filter(|&i| least[i] > even)
                .map(|i| (i, least[i]))
                .collect(),
        };
        if settled.is_empty() {
            break;
        }
        for (i, width) in settled {
            fixed[i] = Some(width);
        }
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs() -> Glyphs {
        Glyphs::new(&super::super::super::engine::theme_fonts(
            &crate::theme::Theme::built_in(),
        ))
    }

    /// The book's text block: A4 less 2.2 cm margins, 14 pt.
    const BOOK: TextBlock = TextBlock {
        width_pt: 470.55,
        font_size_pt: 14.0,
    };

    fn measure<'g>(glyphs: &'g Glyphs, rows: &[&[&str]]) -> ColumnWidths<'g> {
        let columns = rows.first().map_or(1, |row| row.len());
        let mut widths = ColumnWidths::new(glyphs, columns);
        for row in rows {
            for (column, cell) in row.iter().enumerate() {
                widths.start_cell(column);
                widths.add_text(cell, Face::Regular);
                widths.end_cell();
            }
        }
        widths
    }

    fn text_width(glyphs: &Glyphs, text: &str, face: Face) -> f32 {
        text.chars().map(|c| glyphs.advance(c, face)).sum()
    }

    #[test]
    fn widths_come_from_the_fonts() {
        let glyphs = glyphs();
        // IBM Plex Mono: every letter 600 units of 1,000.
        for c in ['i', 'W', '/', ' '] {
            assert!((glyphs.advance(c, Face::Mono) - 0.6).abs() < 1e-3, "{c}");
        }
        // Sarabun: proportional, bold wider than regular, Thai marks take no room, and code
        // falls back to Sarabun for Thai letters.
        assert!(glyphs.advance('i', Face::Regular) < glyphs.advance('W', Face::Regular));
        assert!(text_width(&glyphs, "ราย", Face::Bold) > text_width(&glyphs, "ราย", Face::Regular));
        for mark in ['ั', 'ิ', '่', '้', '์', 'ุ'] {
            assert_eq!(glyphs.advance(mark, Face::Regular), 0.0, "{mark}");
        }
        assert_eq!(
            text_width(&glyphs, "ปีงบประมาณ", Face::Regular),
            text_width(&glyphs, "ปงบประมาณ", Face::Regular)
        );
        assert_eq!(
            glyphs.advance('ก', Face::Mono),
            glyphs.advance('ก', Face::Regular)
        );
    }

    #[test]
    fn columns_that_fit_keep_their_natural_width() {
        let glyphs = glyphs();
        let widths = measure(&glyphs, &[&["ไฟล์", "เนื้อหา"], &["a", "ชื่อเว็บไซต์"]]);
        let spec = widths.spec(BOOK).unwrap_or_default();
        let natural = |text: &str| {
            let em = text_width(&glyphs, text, Face::Regular) * (1.0 + SLACK_SHARE) + SLACK_EM;
            format!("{:.2}em + 10pt", (em * 100.0).ceil() / 100.0)
        };
        assert_eq!(
            spec,
            format!("({}, {},)", natural("ไฟล์"), natural("ชื่อเว็บไซต์"))
        );
    }

    #[test]
    fn long_columns_share_the_line_and_short_ones_keep_their_width() {
        let glyphs = glyphs();
        let long = "คำอธิบาย ".repeat(40);
        let spec = measure(&glyphs, &[&["ลำดับ", &long, &long], &["1", "", "2"]])
            .spec(BOOK)
            .unwrap_or_default();
        assert!(
            spec.starts_with('(') && spec.ends_with(", 1fr, 1fr,)"),
            "{spec}"
        );
        assert!(!spec.starts_with("(1fr"), "{spec}");
    }

    #[test]
    fn no_column_is_narrower_than_its_longest_unbreakable_run() {
        let glyphs = glyphs();
        let long = "ก ".repeat(300);
        // A run with no space in it, wider than a third of the line.
        let word = "x".repeat(60);
        let widths = measure(&glyphs, &[&[&long, &long, &word]]);
        let spec = widths.spec(BOOK).unwrap_or_default();
        let least = text_width(&glyphs, &word, Face::Regular);
        assert!(
            spec.starts_with("(1fr, 1fr, ") && spec.ends_with("em + 10pt,)"),
            "{spec}"
        );
        let em: f32 = spec["(1fr, 1fr, ".len()..]
            .split("em")
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        assert!(em >= least && em < least * 1.1, "{em} for {least}");
        // Thai words break only between word groups: a long Thai cell needs no more than its
        // longest group.
        let thai = measure(&glyphs, &[&["ประชาสัมพันธ์".repeat(8).as_str()]]);
        assert!(
            thai.columns[0].least < thai.columns[0].natural / 4.0,
            "{:?}",
            thai.columns
        );
    }

    #[test]
    fn a_header_wraps_only_when_the_table_has_no_room_for_it() {
        let glyphs = glyphs();
        let header = "ผู้ได้รับความช่วยเหลือ (คน)";
        let table = |name: &str| {
            let mut widths = ColumnWidths::new(&glyphs, 2);
            widths.start_cell(0);
            widths.add_text("หน่วยบริการ", Face::Bold);
            widths.end_wrapping_cell();
            widths.start_cell(1);
            widths.add_text(header, Face::Bold);
            widths.end_wrapping_cell();
            widths.start_cell(0);
            widths.add_text(name, Face::Regular);
            widths.end_cell();
            widths.start_cell(1);
            widths.add_text("๑๒", Face::Regular);
            widths.end_cell();
            widths.widths(BOOK).unwrap_or_default()
        };
        let em = |text: &str| text_width(&glyphs, text, Face::Bold);
        let inset_em = 2.0 * INSET_PT / BOOK.font_size_pt;
        // Room on the line: the header keeps its one line.
        let short = table("บ้านคลองนิยม");
        let Some(unwrapped) = short[1] else {
            panic!("{short:?}")
        };
        assert!(unwrapped > em(header) + inset_em, "{short:?}");
        // A name that needs the line: the header wraps to its longest word, no narrower.
        let long = table(&"หน่วยบริการชุมชนแรงงานนอกระบบ ".repeat(6));
        assert_eq!(long[0], None, "{long:?}");
        let Some(wrapped) = long[1] else {
            panic!("{long:?}")
        };
        assert!(wrapped < unwrapped / 2.0, "{long:?}");
        assert!(wrapped > em("ช่วยเหลือ") + inset_em, "{long:?}");
    }

    #[test]
    fn code_breaks_at_spaces_and_after_slashes() {
        let glyphs = glyphs();
        let mut widths = ColumnWidths::new(&glyphs, 1);
        widths.start_cell(0);
        widths.add_code("data/reports/<ปีงบประมาณ>/sp12");
        widths.end_cell();
        let mono = |text: &str| text_width(&glyphs, text, Face::Mono) * CODE_SIZE;
        let need = widths.columns[0];
        assert!((need.least - mono("<ปีงบประมาณ>/")).abs() < 1e-4, "{need:?}");
        assert!((need.natural - mono("data/reports/<ปีงบประมาณ>/sp12")).abs() < 1e-4);
    }

    #[test]
    fn a_line_break_ends_a_line_of_the_cell() {
        let glyphs = glyphs();
        let mut widths = ColumnWidths::new(&glyphs, 1);
        widths.start_cell(0);
        widths.add_text("abc", Face::Regular);
        widths.line_break();
        widths.add_text("a", Face::Regular);
        widths.end_cell();
        let need = widths.columns[0];
        assert!((need.natural - text_width(&glyphs, "abc", Face::Regular)).abs() < 1e-4);
    }

    #[test]
    fn a_cell_with_an_image_leaves_typst_to_measure() {
        let glyphs = glyphs();
        let mut widths = measure(&glyphs, &[&["a", "b"]]);
        assert!(widths.spec(BOOK).is_some());
        widths.unmeasurable();
        assert_eq!(widths.spec(BOOK), None);
    }
}
