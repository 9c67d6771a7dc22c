//! Markdown → Typst markup over pulldown-cmark events.
//!
//! Every construct is written as a function call with content blocks (`#strong[..]`,
//! `#list([..], [..])`, `#table(..)`) rather than Typst's own indentation-sensitive markup, and
//! every ASCII punctuation character of the text is backslash-escaped, so any Markdown input
//! gives markup that compiles. Thai text is wrapped word by word (see `thai_break`).
//! The converter records, for every line of its output, the Markdown line it came from, so a
//! Typst error can be reported at the Markdown source.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::glyphs::{Face, Glyphs, Unshown};
use super::thai_break::write_with_breaks;

mod column_widths;

pub use column_widths::{ColumnWidths, TextBlock};

/// Converted markup plus, for each output line (0-based), the 1-based Markdown line it
/// came from.
#[derive(Debug, Clone, Default)]
pub struct TypstMarkup {
    pub source: String,
    pub line_map: Vec<usize>,
    /// Characters of the Markdown that no font has: replaced in `source` (see `glyphs`).
    pub unshown: Vec<Unshown>,
}

impl TypstMarkup {
    /// The Markdown line for a 1-based line of the markup.
    pub fn markdown_line(&self, typst_line: usize) -> usize {
        typst_line
            .checked_sub(1)
            .and_then(|i| self.line_map.get(i).or(self.line_map.last()))
            .copied()
            .unwrap_or(1)
    }
}

/// How a page's Markdown is placed in a bigger document.
pub struct ConvertOptions<'a> {
    /// Level given to a Markdown `#` heading; `##` gets one more, and so on.
    pub heading_base: usize,
    /// Maps an image destination to a path Typst can load, or None when the image cannot be
    /// loaded (the alt text is shown instead).
    pub resolve_image: &'a dyn Fn(&str) -> Option<String>,
    /// The fonts' characters: text with others is shown with a replacement mark instead.
    pub glyphs: Option<&'a Glyphs>,
    /// Plain text put before each heading's own, given the heading's level (the book's
    /// section numbers).
    pub heading_prefix: Option<&'a dyn Fn(usize) -> String>,
    /// The text block the document sets tables in: with `glyphs`, tables get column widths
    /// measured from their text instead of `auto` columns Typst measures (see
    /// `column_widths`).
    pub text_block: Option<TextBlock>,
}

impl Default for ConvertOptions<'_> {
    fn default() -> Self {
        ConvertOptions {
            heading_base: 1,
            resolve_image: &|_| None,
            glyphs: None,
            heading_prefix: None,
            text_block: None,
        }
    }
}

/// The Markdown extensions the handbook uses (the same as the HTML renderer).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn convert(markdown: &str, options: &ConvertOptions<'_>) -> TypstMarkup {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(markdown, markdown_options())
        .into_offset_iter()
        .collect();
    let footnotes = footnote_definitions(&events);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut writer = Writer {
        options,
        events: &events,
        footnotes: &footnotes,
        line_starts,
        out: String::new(),
        line_map: Vec::new(),
        current_line: 1,
        current_offset: 0,
        unshown: Vec::new(),
        containers: Vec::new(),
        hidden_html_depth: 0,
        expanding_footnote: false,
        nesting: 0,
        strong: 0,
        emphasis: 0,
    };
    writer.run(0, events.len(), true);
    let unshown: Vec<Unshown> = writer
        .unshown
        .iter()
        .map(|&(offset, character)| {
            let line = writer.markdown_line(offset);
            let line_start = writer.line_starts.get(line - 1).copied().unwrap_or(0);
            let col = markdown
                .get(line_start..offset)
                .map_or(0, |before| before.chars().count() + 1);
            Unshown {
                line,
                col,
                character,
            }
        })
        .collect();
    let mut source = writer.out;
    if !source.ends_with('\n') {
        source.push('\n');
    }
    let mut line_map = writer.line_map;
    line_map.push(writer.current_line);
    TypstMarkup {
        source,
        line_map,
        unshown,
    }
}

/// `prefix` as markup before a heading's text, spaced from it as Typst spaces a heading's own
/// number; nothing when it is empty.
pub fn heading_prefix(prefix: &str) -> String {
    if prefix.is_empty() {
        return String::new();
    }
    let mut markup = String::new();
    escape_markup(prefix, &mut markup);
    markup.push_str("#h(0.3em)");
    markup
}

/// Event index ranges (start tag .. end tag, inclusive) of each footnote definition.
fn footnote_definitions<'e>(
    events: &[(Event<'e>, Range<usize>)],
) -> HashMap<String, (usize, usize)> {
    let mut found = HashMap::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    for (index, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => open.push((label.to_string(), index)),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, start)) = open.pop() {
                    found.entry(label).or_insert((start, index));
                }
            }
            _ => {}
        }
    }
    found
}

/// The index of the end tag of the footnote definition whose start tag is at `start`.
fn definition_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (index, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                depth -= 1;
                if depth == 0 {
                    return index;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// A table cell's markup up to this many bytes (some 200 Thai characters) is set as one
/// unbreakable block; a longer one may break across pages.
const SHORT_CELL: usize = 600;

/// The padding of a table's cells.
const CELL_INSET: &str = "5pt";

/// What an open Markdown block needs when it closes.
enum Container<'a> {
    /// A table: its column count, the cells written in the current row, its columns'
    /// widths when they are measured, and where its column count is in the output (to be
    /// replaced by the widths).
    Table {
        columns: usize,
        cells_in_row: usize,
        widths: Option<ColumnWidths<'a>>,
        spec_at: Range<usize>,
    },
    /// An image: its alt text so far, where Typst loads it from, and how many tags inside
    /// the alt text are open (their markup is dropped, only the text is kept).
    Image {
        alt: String,
        path: Option<String>,
        nested: usize,
    },
    CodeBlock {
        lang: Option<String>,
        code: String,
    },
    /// A list or quote nested deeper than `MAX_NESTING` (or an item of one): plain paragraphs,
    /// because Typst refuses markup nested too deeply.
    Flattened,
    /// A list or quote that opened a Typst call (counts towards `MAX_NESTING`).
    Nested,
    Link {
        external: bool,
    },
    /// A table cell whose markup starts at `start` in the output.
    Cell {
        start: usize,
    },
    Other,
}

struct Writer<'a, 'e> {
    options: &'a ConvertOptions<'a>,
    events: &'a [(Event<'e>, Range<usize>)],
    footnotes: &'a HashMap<String, (usize, usize)>,
    line_starts: Vec<usize>,
    out: String,
    line_map: Vec<usize>,
    current_line: usize,
    /// Where the current event starts in the Markdown.
    current_offset: usize,
    /// Characters the fonts lack, by Markdown offset.
    unshown: Vec<(usize, char)>,
    containers: Vec<Container<'a>>,
    /// Inside inline `<svg>`, `<script>` or `<style>`: their text is dropped.
    hidden_html_depth: usize,
    expanding_footnote: bool,
    /// Lists and quotes open around the current event.
    nesting: usize,
    /// Strong and emphasised spans open around the current event (for measuring text).
    strong: usize,
    emphasis: usize,
}

/// Deeper lists and quotes are flattened; Typst's parser stops at a nesting depth of its own.
const MAX_NESTING: usize = 8;

impl<'a> Writer<'a, '_> {
    fn push(&mut self, text: &str) {
        for _ in text.matches('\n') {
            self.line_map.push(self.current_line);
        }
        self.out.push_str(text);
    }

    fn markdown_line(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Starts a block on a fresh paragraph.
    fn block_break(&mut self) {
        if !(self.out.is_empty() || self.out.ends_with("\n\n") || self.out.ends_with('[')) {
            self.push(if self.out.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
    }

    /// Walks events `from..to`; `skip_footnotes` leaves definitions out of the main flow.
    fn run(&mut self, from: usize, to: usize, skip_footnotes: bool) {
        let mut index = from;
        while index < to {
            let (event, range) = &self.events[index];
            self.current_line = self.markdown_line(range.start);
            self.current_offset = range.start;
            if skip_footnotes && matches!(event, Event::Start(Tag::FootnoteDefinition(_))) {
                // Past this definition's own end: a label defined twice must not send the
                // walk back to the first definition.
                index = definition_end(self.events, index) + 1;
                continue;
            }
            self.event(event);
            index += 1;
        }
    }

    fn in_code_or_image(&mut self) -> Option<&mut Container<'a>> {
        match self.containers.last_mut() {
            Some(c @ (Container::CodeBlock { .. } | Container::Image { .. })) => Some(c),
            _ => None,
        }
    }

    fn event(&mut self, event: &Event<'_>) {
        let replaced;
        let event = match (event, self.options.glyphs) {
            (
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t),
                Some(glyphs),
            ) => match glyphs.displayable(t, self.current_offset, &mut self.unshown) {
                std::borrow::Cow::Borrowed(_) => event,
                std::borrow::Cow::Owned(shown) => {
                    replaced = match event {
                        Event::Code(_) => Event::Code(shown.into()),
                        _ => Event::Text(shown.into()),
                    };
                    &replaced
                }
            },
            _ => event,
        };
        // Text inside code blocks and image alt text is collected, not written.
        if let Some(container) = self.in_code_or_image() {
            match (container, event) {
                (Container::CodeBlock { code, .. }, Event::Text(t)) => return code.push_str(t),
                (Container::Image { alt, .. }, Event::Text(t) | Event::Code(t)) => {
                    return alt.push_str(t)
                }
                (Container::Image { alt, .. }, Event::SoftBreak | Event::HardBreak) => {
                    return alt.push(' ')
                }
                (Container::Image { nested, .. }, Event::Start(_)) => return *nested += 1,
                (Container::Image { nested, .. }, Event::End(_)) if *nested > 0 => {
                    return *nested -= 1
                }
                (_, Event::End(_)) => {}
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) => {
                if self.hidden_html_depth == 0 {
                    self.text(text);
                }
            }
            Event::Code(code) => {
                // Code is not marked with word breaks, and Typst would break Thai in it
                // between any two letters: a code span with Thai in it stays on one line.
                let thai = code.chars().any(crate::thai::is_thai);
                if let Some(widths) = self.table_widths() {
                    widths.add_code(code);
                }
                let call = match thai {
                    true => format!("#box(raw({}))", string_literal(code)),
                    false => format!("#raw({})", string_literal(code)),
                };
                self.push(&call);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(math),
            Event::Html(_) => {}
            Event::InlineHtml(html) => self.inline_html(html),
            Event::FootnoteReference(label) => self.footnote_reference(label),
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.line_break(),
            Event::Rule => {
                self.block_break();
                self.push("#line(length: 100%, stroke: 0.5pt)\n\n");
            }
            Event::TaskListMarker(checked) => {
                // The box, 0.7 em, and a space.
                if let Some(widths) = self.table_widths() {
                    widths.add(1.0);
                }
                self.push(if *checked { "#box(width: 0.7em, height: 0.7em, stroke: 0.6pt, baseline: 0.05em, place(dx: 0.12em, dy: 0.32em, curve(stroke: 0.8pt, curve.move((0em, 0em)), curve.line((0.15em, 0.15em)), curve.line((0.42em, -0.25em)))))" } else { "#box(width: 0.7em, height: 0.7em, stroke: 0.6pt, baseline: 0.05em)" });
                self.push(" ");
            }
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        // An item is flattened with its list; only lists and quotes count towards the depth.
        let flattening = self
            .containers
            .last()
            .is_some_and(|c| matches!(c, Container::Flattened));
        if matches!(tag, Tag::Item) && flattening {
            self.block_break();
            self.containers.push(Container::Flattened);
            return;
        }
        if matches!(tag, Tag::BlockQuote(_) | Tag::List(_)) {
            if self.nesting >= MAX_NESTING {
                self.block_break();
                self.containers.push(Container::Flattened);
                return;
            }
            self.nesting += 1;
        }
        let container = match tag {
            Tag::Paragraph => {
                self.block_break();
                Container::Other
            }
            Tag::Heading { level, .. } => {
                self.block_break();
                let level = self.options.heading_base
                    + usize::from(crate::markdown::heading_level(*level))
                    - 1;
                self.push(&format!("#heading(level: {level})["));
                if let Some(prefix) = self.options.heading_prefix {
                    self.push(&heading_prefix(&prefix(level)));
                }
                Container::Other
            }
            Tag::BlockQuote(_) => {
                self.block_break();
                self.push("#quote(block: true)[");
                Container::Nested
            }
            Tag::CodeBlock(kind) => {
                self.block_break();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .filter(|l| {
                            l.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+-_#.".contains(c))
                        })
                        .map(str::to_owned),
                    CodeBlockKind::Indented => None,
                };
                Container::CodeBlock {
                    lang,
                    code: String::new(),
                }
            }
            Tag::HtmlBlock => Container::Other,
            Tag::List(first) => {
                self.block_break();
                match first {
                    Some(n) => self.push(&format!("#enum(start: {}, ", (*n).min(1_000_000_000))),
                    None => self.push("#list("),
                }
                Container::Nested
            }
            Tag::Item => {
                self.push("[");
                Container::Other
            }
            Tag::FootnoteDefinition(_) => Container::Other,
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.block_break();
                Container::Other
            }
            Tag::Table(alignments) => {
                self.block_break();
                let align: Vec<&str> = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::None => "auto",
                        Alignment::Left => "left",
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                    })
                    .collect();
                let columns = align.len().max(1);
                self.push("#table(columns: ");
                let spec_at = self.out.len();
                self.push(&format!(
                    "{columns}, align: ({},), inset: {CELL_INSET},\n",
                    align.join(", ")
                ));
                let spec_at = spec_at..spec_at + columns.to_string().len();
                let widths = match (self.options.glyphs, self.options.text_block) {
                    (Some(glyphs), Some(_)) => Some(ColumnWidths::new(glyphs, columns)),
                    _ => None,
                };
                Container::Table {
                    columns,
                    cells_in_row: 0,
                    widths,
                    spec_at,
                }
            }
            Tag::TableHead => {
                self.push("table.header(");
                Container::Other
            }
            Tag::TableRow => Container::Other,
            Tag::TableCell => {
                if let Some(Container::Table {
                    columns,
                    cells_in_row,
                    widths,
                    ..
                }) = self
                    .containers
                    .iter_mut()
                    .rev()
                    .find(|c| matches!(c, Container::Table { .. }))
                {
                    if let Some(widths) = widths {
                        widths.start_cell(*cells_in_row % *columns);
                    }
                    *cells_in_row += 1;
                }
                // The cell's opening markup is written when it closes: it depends on its length.
                Container::Cell {
                    start: self.out.len(),
                }
            }
            Tag::Emphasis => {
                self.emphasis += 1;
                self.push("#emph[");
                Container::Other
            }
            Tag::Strong => {
                self.strong += 1;
                self.push("#strong[");
                Container::Other
            }
            Tag::Strikethrough => {
                self.push("#strike[");
                Container::Other
            }
            Tag::Superscript => {
                self.push("#super[");
                Container::Other
            }
            Tag::Subscript => {
                self.push("#sub[");
                Container::Other
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let external = is_external(dest_url) || *link_type == LinkType::Email;
                if external {
                    let url = if *link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                        format!("mailto:{dest_url}")
                    } else {
                        dest_url.to_string()
                    };
                    self.push(&format!("#link({})[", string_literal(&url)));
                }
                Container::Link { external }
            }
            Tag::Image { dest_url, .. } => Container::Image {
                alt: String::new(),
                path: (self.options.resolve_image)(dest_url),
                nested: 0,
            },
            // Front matter is never shown: collected like alt text, then dropped.
            Tag::MetadataBlock(_) => Container::Image {
                alt: String::new(),
                path: None,
                nested: 0,
            },
        };
        self.containers.push(container);
    }

    fn end(&mut self, tag: TagEnd) {
        let container = self.containers.pop().unwrap_or(Container::Other);
        match container {
            Container::Flattened => {
                self.push("\n\n");
                return;
            }
            Container::Nested => self.nesting = self.nesting.saturating_sub(1),
            _ => {}
        }
        match tag {
            TagEnd::Paragraph => self.push("\n\n"),
            TagEnd::Heading(_) => self.push("]\n\n"),
            TagEnd::BlockQuote(_) => self.push("]\n\n"),
            TagEnd::CodeBlock => {
                if let Container::CodeBlock { lang, code } = container {
                    let mut call = String::from("#raw(block: true, ");
                    if let Some(lang) = lang {
                        let _ = write!(call, "lang: {}, ", string_literal(&lang));
                    }
                    call.push_str(&string_literal(code.strip_suffix('\n').unwrap_or(&code)));
                    call.push_str(")\n\n");
                    self.push(&call);
                }
            }
            TagEnd::List(_) => self.push(")\n\n"),
            TagEnd::Item => self.push("],\n"),
            TagEnd::Table => {
                if let Container::Table {
                    columns,
                    cells_in_row,
                    widths,
                    spec_at,
                } = container
                {
                    self.pad_row(columns, cells_in_row);
                    // Typst lays out every cell of `auto` columns to measure them before it
                    // lays out the table: measured widths spare it that.
                    let spec = widths
                        .zip(self.options.text_block)
                        .and_then(|(widths, block)| widths.spec(block));
                    if let Some(spec) = spec {
                        // The spec has no newline, so the line map still holds.
                        self.out.replace_range(spec_at, &spec);
                    }
                }
                self.push(")\n\n");
            }
            TagEnd::TableHead => {
                self.pad_current_row();
                self.push("),\n");
            }
            TagEnd::TableRow => {
                self.pad_current_row();
                self.push("\n");
            }
            TagEnd::TableCell => {
                if let Some(widths) = self.table_widths() {
                    widths.end_cell();
                }
                // Typst lays out a cell of an auto row twice, to measure it and then in the
                // row's height. A cell's text is a block beside a zero spacing, padded itself:
                // an unbreakable such block is laid out in the same region both times and the
                // first layout is reused (the cell has no padding of its own, which would be
                // laid out twice). A long cell's block may break across pages (an unbreakable
                // block taller than a page would run off it). No newline: the line map holds.
                let start = match container {
                    Container::Cell { start } => start,
                    _ => self.out.len(),
                };
                if start < self.out.len() {
                    let breakable = self.out.len() - start > SHORT_CELL;
                    let open = format!(
                        "table.cell(inset: 0pt)[#block(breakable: {breakable}, above: 0pt, \
                         below: 0pt, inset: {CELL_INSET})["
                    );
                    self.out.insert_str(start, &open);
                    self.push("]#v(0pt)], ");
                } else {
                    self.push("[], ");
                }
            }
            TagEnd::Emphasis => {
                self.emphasis = self.emphasis.saturating_sub(1);
                self.push("]");
            }
            TagEnd::Strong => {
                self.strong = self.strong.saturating_sub(1);
                self.push("]");
            }
            TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => self.push("]"),
            TagEnd::Link => {
                if let Container::Link { external: true } = container {
                    self.push("]");
                }
            }
            TagEnd::Image => {
                if let Container::Image { alt, path, .. } = container {
                    match path {
                        Some(path) => {
                            // An image's width is not known here: Typst measures its table.
                            if let Some(widths) = self.table_widths() {
                                widths.unmeasurable();
                            }
                            let call = format!(
                                "#box(image({}, alt: {}, width: auto))",
                                string_literal(&path),
                                string_literal(&alt)
                            );
                            self.push(&call);
                        }
                        None => self.text(&alt),
                    }
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// Fills a short table row with empty cells so every row has all its columns.
    fn pad_current_row(&mut self) {
        if let Some(Container::Table {
            columns,
            cells_in_row,
            ..
        }) = self
            .containers
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Container::Table { .. }))
        {
            let (columns, cells) = (*columns, *cells_in_row);
            *cells_in_row = 0;
            self.pad_row(columns, cells);
        }
    }

    fn pad_row(&mut self, columns: usize, cells: usize) {
        let missing = (columns - cells % columns) % columns;
        for _ in 0..missing {
            self.push("[], ");
        }
    }

    /// The measured column widths of the table the current event is in, if any.
    fn table_widths(&mut self) -> Option<&mut ColumnWidths<'a>> {
        self.containers.iter_mut().rev().find_map(|c| match c {
            Container::Table { widths, .. } => widths.as_mut(),
            _ => None,
        })
    }

    fn line_break(&mut self) {
        if let Some(widths) = self.table_widths() {
            widths.line_break();
        }
        self.push("#linebreak()");
    }

    fn text(&mut self, text: &str) {
        let face = match (self.strong > 0, self.emphasis > 0) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        };
        if let Some(widths) = self.table_widths() {
            widths.add_text(text, face);
        }
        let mut out = String::with_capacity(text.len() + 16);
        plain_text(text, &mut out);
        self.push(&out);
    }

    fn inline_html(&mut self, html: &str) {
        let tag = html.trim_start_matches('<').trim_start();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let self_closing = html.trim_end().ends_with("/>");
        match name.as_str() {
            "svg" | "script" | "style" | "math" if !self_closing => {
                if closing {
                    self.hidden_html_depth = self.hidden_html_depth.saturating_sub(1);
                } else {
                    self.hidden_html_depth += 1;
                }
            }
            "br" if self.hidden_html_depth == 0 => self.line_break(),
            _ => {}
        }
    }

    fn footnote_reference(&mut self, label: &str) {
        match self.footnotes.get(label) {
            Some(&(start, end)) if !self.expanding_footnote => {
                // The footnote's number, as wide as two digits at most.
                if let Some(widths) = self.table_widths() {
                    widths.add(1.0);
                }
                self.expanding_footnote = true;
                self.push("#footnote[");
                let saved_line = self.current_line;
                // Keep the open containers apart from the definition's own blocks.
                let outer = std::mem::take(&mut self.containers);
                self.run(start + 1, end, false);
                self.containers = outer;
                self.current_line = saved_line;
                self.push("]");
                self.expanding_footnote = false;
            }
            _ => self.text(&format!("[^{label}]")),
        }
    }
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// Writes `text` as Typst markup showing exactly that text, with the places a Thai line may
/// break marked, so lines break only between words.
pub fn plain_text(text: &str, out: &mut String) {
    write_with_breaks(text, out, escape_markup);
}

/// Writes text for Typst markup mode: ASCII punctuation backslash-escaped, whitespace
/// folded to plain spaces (a newline would end a heading or start a paragraph), control
/// characters dropped.
pub fn escape_markup(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_whitespace() {
            // A run of spaces is one space in Typst anyway; non-breaking spaces are kept.
            if c == '\u{a0}' || c == '\u{202f}' {
                out.push(c);
            } else {
                out.push(' ');
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
}

/// A Typst string literal holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typst(md: &str) -> String {
        convert(md, &ConvertOptions::default()).source
    }

    #[test]
    fn escapes_every_typst_special_character() {
        let out = typst("a #b $c$ *d* _e_ `f` @g < h > [i] {j} = - + / \\ ~ \" ' k");
        for special in [
            "\\#", "\\$", "\\@", "\\<", "\\>", "\\[", "\\]", "\\{", "\\}", "\\=", "\\-", "\\+",
            "\\/", "\\~", "\\\"", "\\'",
        ] {
            assert!(out.contains(special), "{special} not escaped in {out}");
        }
        assert!(
            out.contains("#emph[d]") && out.contains("#emph[e]"),
            "{out}"
        );
        assert!(out.contains("#raw(\"f\")"), "{out}");
    }

    #[test]
    fn headings_are_offset_by_the_base_level() {
        let options = ConvertOptions {
            heading_base: 3,
            ..ConvertOptions::default()
        };
        let out = convert("# A\n\n## B\n", &options).source;
        assert!(out.contains("#heading(level: 3)[A]"), "{out}");
        assert!(out.contains("#heading(level: 4)[B]"), "{out}");
    }

    #[test]
    fn nested_and_task_lists_become_calls() {
        let out = typst("1. one\n   - [x] done\n   - [ ] open\n2. two\n");
        assert!(out.contains("#enum(start: 1, "), "{out}");
        assert!(out.contains("#list("), "{out}");
        assert_eq!(out.matches("#box(width: 0.7em").count(), 2, "{out}");
    }

    #[test]
    fn short_table_rows_are_padded() {
        let out = typst("| a | b | c |\n|---|:-:|--:|\n| 1 |\n");
        assert!(
            out.contains("#table(columns: 3, align: (auto, center, right,), inset: 5pt,"),
            "{out}"
        );
        assert!(out.contains("[1]#v(0pt)], [], [], "), "{out}");
    }

    #[test]
    fn short_cells_are_unbreakable_blocks_and_long_ones_breakable() {
        let long = "ยาว ".repeat(SHORT_CELL / 5);
        let out = typst(&format!("| a | b |\n|---|---|\n| สั้น | {long} |\n"));
        let cell = |text: &str| out.split("]#v(0pt)], ").find(|c| c.contains(text)).unwrap();
        assert!(cell("สั้น").contains("#block(breakable: false,"), "{out}");
        assert!(cell("ยาว").contains("#block(breakable: true,"), "{out}");
    }

    #[test]
    fn tables_get_column_widths_measured_from_their_text() {
        let glyphs = Glyphs::new(&super::super::engine::theme_fonts(
            &crate::theme::Theme::built_in(),
        ));
        let options = ConvertOptions {
            glyphs: Some(&glyphs),
            text_block: Some(TextBlock {
                width_pt: 470.0,
                font_size_pt: 14.0,
            }),
            resolve_image: &|_| Some("a.png".to_owned()),
            ..ConvertOptions::default()
        };
        let long = "คำอธิบายยาว ".repeat(30);
        let out = convert(
            &format!("| ลำดับ | รายการ | **จำนวน** |\n|---|---|--:|\n| 1 | {long} | `12` |\n"),
            &options,
        )
        .source;
        // Short columns keep their width; the long one takes the rest of the line.
        let spec = out
            .split("#table(columns: ")
            .nth(1)
            .and_then(|rest| rest.split(", align:").next())
            .unwrap_or_default();
        let widths: Vec<&str> = spec.trim_matches(['(', ')', ',']).split(", ").collect();
        assert_eq!(widths.len(), 3, "{out}");
        assert_eq!(widths[1], "1fr", "{out}");
        assert!(
            widths[0].ends_with("em + 10pt") && widths[2].ends_with("em + 10pt"),
            "{out}"
        );
        assert!(out.contains("align: (auto, auto, right,),"), "{out}");
        // An image's width is not known: its table keeps columns Typst measures.
        let out = convert("| a | b |\n|---|---|\n| ![x](a.png) | b |\n", &options).source;
        assert!(out.contains("#table(columns: 2, align:"), "{out}");
        // Without the fonts or the text block, nothing is measured.
        let out = typst("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.contains("#table(columns: 2, align:"), "{out}");
    }

    #[test]
    fn code_blocks_are_string_literals() {
        let out = typst("```rust\nlet x = \"]\\n\";\n```\n");
        assert!(
            out.contains("#raw(block: true, lang: \"rust\", \"let x = \\\"]\\\\n\\\";\")"),
            "{out}"
        );
    }

    #[test]
    fn footnotes_are_placed_at_their_reference() {
        let out = typst("text[^a] more\n\n[^a]: the note\n");
        assert!(out.contains("text#footnote[the note"), "{out}");
        assert_eq!(out.matches("the note").count(), 1, "{out}");
    }

    #[test]
    fn a_label_defined_twice_uses_the_first_definition_and_ends() {
        // This walked back to the first definition forever (found by the property test).
        let out = typst("text[^n]\n\n[^n]: first [^n]\n\n[^n]: second [^n]\n");
        assert!(out.contains("text#footnote[first"), "{out}");
        assert!(!out.contains("second"), "{out}");
    }

    #[test]
    fn missing_images_become_alt_text_and_inline_svg_is_dropped() {
        let out = typst("![ภาพ *ผัง*](x.png) <svg><text>secret</text></svg> after");
        assert!(out.contains("ภาพ") && out.contains("ผัง"), "{out}");
        assert!(!out.contains("image("), "{out}");
        assert!(!out.contains("secret"), "{out}");
        assert!(out.contains("after"), "{out}");
    }

    #[test]
    fn relative_links_keep_only_their_text() {
        let out = typst("[หน้า](other.md) and [web](https://example.org/a)");
        assert!(!out.contains("other"), "{out}");
        assert!(
            out.contains("#link(\"https://example.org/a\")[web]"),
            "{out}"
        );
    }

    #[test]
    fn thai_word_breaks_are_marked() {
        use super::super::thai_break::BREAK;
        let out = typst("ศูนย์ประสานงานแรงงาน");
        assert!(out.matches(BREAK).count() >= 2, "{out}");
        assert!(!out.contains("#box["), "{out}");
    }

    #[test]
    fn line_map_points_back_to_markdown_lines() {
        let markup = convert(
            "para one\n\n## head\n\n- item\n",
            &ConvertOptions::default(),
        );
        let heading_line = markup
            .source
            .lines()
            .position(|l| l.starts_with("#heading"))
            .map(|i| i + 1);
        assert_eq!(heading_line.map(|l| markup.markdown_line(l)), Some(3));
        let list_line = markup
            .source
            .lines()
            .position(|l| l.starts_with("#list"))
            .map(|i| i + 1);
        assert_eq!(list_line.map(|l| markup.markdown_line(l)), Some(5));
    }
}
