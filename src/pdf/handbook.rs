//! The whole handbook as one book: every page of the site in reading order, each converted
//! from Markdown to its own Typst source, included by `handbook.typ`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use super::engine::{GeneratedSource, Job};
use super::glyphs::Glyphs;
use super::markdown_to_typst::{
    convert, heading_prefix, plain_text, ConvertOptions, TextBlock, TypstMarkup,
};
use typst::foundations::Value;

use super::values::{array, dict, document_date, flag, layout, text, wrapping};
use crate::diagnostics::Diagnostic;
use crate::site::{Page, PageKind, Site};
use crate::thai::dates::{long_date, Numerals};

/// What the handbook needs from the engine: its page sources, image files and one job per
/// book (the whole handbook, or each of its volumes).
pub struct HandbookParts {
    pub sources: Vec<GeneratedSource>,
    pub files: Vec<(String, Vec<u8>)>,
    pub books: Vec<Book>,
    /// Characters of the pages that the fonts lack (shown replaced).
    pub warnings: Vec<Diagnostic>,
}

/// One PDF of the handbook and the `sources` it includes.
pub struct Book {
    pub job: Job,
    pub sources: Range<usize>,
}

/// Heading level of a page's title: sections and the home page at 1, their pages below.
fn page_level(id: &str, kind: PageKind) -> usize {
    let depth = id.split('/').count();
    match kind {
        PageKind::Home => 1,
        PageKind::Section => depth.saturating_sub(1).max(1),
        PageKind::Page => depth.max(1),
    }
}

/// Pages generated from the report data (results dashboards, unit pages) are left out: their
/// figures are printed in the annual report and the forms, and a book that held them would
/// be typeset again whenever one unit-month changed.
fn in_book(page: &Page) -> bool {
    !(page.generated && page.source.starts_with("data"))
}

/// Splits the book's pages into volumes: runs of whole top-level chapters (a page of level 1
/// and everything up to the next one), each closed when the next chapter would take its
/// Markdown past `limit` bytes. A chapter larger than `limit` is a volume of its own. One
/// range (the whole book) when everything fits, or when `limit` is 0.
///
/// Typst lays out a document whole and keeps all of it in memory, and its outline costs more
/// than linear time in the number of entries: a 2,000-page handbook as one book took minutes
/// and gigabytes. Volumes are laid out in parallel, one per worker, in bounded memory, and an
/// edited page typesets only its own volume again.
fn volumes(sizes: &[(usize, usize)], limit: usize) -> Vec<Range<usize>> {
    let total: usize = sizes.iter().map(|&(_, bytes)| bytes).sum();
    if limit == 0 || total <= limit {
        let whole_book = 0..sizes.len();
        return vec![whole_book];
    }
    let mut volumes: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (index, &(level, size)) in sizes.iter().enumerate() {
        let chapter_starts = level == 1 && index > start;
        if chapter_starts && bytes + chapter_size(&sizes[index..]) > limit {
            volumes.push(start..index);
            start = index;
            bytes = 0;
        }
        bytes += size;
    }
    volumes.push(start..sizes.len());
    volumes
}

/// The Markdown bytes of the chapter that starts `rest`: its first page and what follows up
/// to the next page of level 1.
fn chapter_size(rest: &[(usize, usize)]) -> usize {
    let end = rest
        .iter()
        .skip(1)
        .position(|&(level, _)| level == 1)
        .map_or(rest.len(), |i| i + 1);
    rest[..end].iter().map(|&(_, bytes)| bytes).sum()
}

/// The book's section numbers ("๒.๓"), as Typst's heading counter would give them: every
/// heading steps its level's number and drops the deeper ones; a level skipped over counts 0.
/// khumue writes them into the headings: numbered by Typst's counter, the
/// headings sent the book through its layout again for their numbers (a fifth of its time).
/// They run on through the volumes of a book published in several.
struct SectionNumbers {
    counts: RefCell<Vec<u64>>,
    numerals: Numerals,
}

impl SectionNumbers {
    fn new(numerals: Numerals) -> Self {
        SectionNumbers {
            counts: RefCell::new(vec![0]),
            numerals,
        }
    }

    /// The number of the next heading, of `level` (1 for a chapter).
    fn next(&self, level: usize) -> String {
        let mut counts = self.counts.borrow_mut();
        let level = level.max(1);
        if counts.len() < level {
            counts.resize(level, 0);
        }
        counts.truncate(level);
        if let Some(last) = counts.last_mut() {
            *last = last.saturating_add(1);
        }
        let number: Vec<String> = counts.iter().map(u64::to_string).collect();
        self.numerals.apply(&number.join("."))
    }
}

/// The book's text block: A4 less 2.2 cm margins, 14 pt text (`handbook.typ` sets its page
/// from `layout`).
const TEXT_BLOCK: TextBlock = TextBlock::a4(2.2, 14.0);

pub fn parts(site: &Site, glyphs: &Glyphs) -> Result<HandbookParts, Diagnostic> {
    let images = ImageFiles::new(&site.root);
    let numbers = SectionNumbers::new(site.config.numerals);
    let number = |level: usize| numbers.next(level);
    let mut sources = Vec::new();
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    for (index, page) in site.pages.iter().filter(|p| in_book(p)).enumerate() {
        let level = page_level(&page.id, page.kind);
        let dir = page.dir().to_owned();
        let resolve = |dest: &str| images.resolve(&dir, dest);
        // The page's title is the heading before those of its body.
        let title_number = numbers.next(level);
        let options = ConvertOptions {
            heading_base: level,
            resolve_image: &resolve,
            glyphs: Some(glyphs),
            heading_prefix: Some(&number),
            text_block: Some(TEXT_BLOCK),
        };
        let markdown = super::markdown_of(page)?;
        let bytes = markdown.len();
        let body = convert(markdown, &options);
        let mut unshown = Vec::new();
        let title = glyphs.displayable(page.title(), 0, &mut unshown);
        warnings.extend(
            unshown
                .iter()
                .map(|&(_, c)| unshown_warning(page, 0, 0, c, glyphs)),
        );
        warnings.extend(body.unshown.iter().map(|u| {
            let line = page.body_line.max(1) + u.line - 1;
            unshown_warning(page, line, u.col, u.character, glyphs)
        }));
        let path = format!("/pages/{index:04}.typ");
        sources.push(GeneratedSource {
            path: path.clone(),
            markup: with_title(&title, &title_number, level, body),
            file: page.source.clone(),
            first_line: page.body_line.max(1),
        });
        pages.push((level, bytes));
    }
    let numerals = site.config.numerals;
    let updated = site.pages.iter().filter_map(|p| p.front.updated).max();
    let date = updated
        .map(|d| format!("ปรับปรุงล่าสุด {}", long_date(d, numerals)))
        .unwrap_or_default();
    let ranges = volumes(&pages, volume_limit(site.config.book_volume_kb));
    let count = ranges.len();
    let mut books = Vec::new();
    for (number, range) in ranges.into_iter().enumerate() {
        let paths: Vec<Value> = range
            .clone()
            .map(|i| {
                Value::Dict(dict([
                    ("file", text(&sources[i].path)),
                    ("level", Value::Int(pages[i].0 as i64)),
                ]))
            })
            .collect();
        let mut inputs = dict([
            ("title", wrapping(&site.config.title)),
            ("title_text", text(&site.config.title)),
            ("organisation", wrapping(&site.config.organisation)),
            ("organisation_text", text(&site.config.organisation)),
            ("date", wrapping(&date)),
            ("date_iso", document_date(updated)),
            ("thai_digits", flag(numerals == Numerals::Thai)),
            ("layout", layout(TEXT_BLOCK)),
            ("pages", array(paths)),
        ]);
        let output = volume_output(number, count);
        if count > 1 {
            inputs.insert("volume".into(), Value::Int(number as i64 + 1));
            inputs.insert("volumes".into(), Value::Int(count as i64));
        }
        books.push(Book {
            job: Job {
                output,
                template: "handbook.typ",
                inputs,
            },
            sources: range,
        });
    }
    Ok(HandbookParts {
        sources,
        files: images.into_files(),
        books,
        warnings,
    })
}

/// A character of `page` that no font of the theme has.
fn unshown_warning(
    page: &Page,
    line: usize,
    col: usize,
    character: char,
    glyphs: &Glyphs,
) -> Diagnostic {
    Diagnostic::warning(
        &page.source,
        line,
        col,
        format!(
            "\"{character}\" (U+{:04X}) is in no font of the theme: the PDF shows \"{}\" in its place",
            u32::from(character),
            glyphs.replacement()
        ),
    )
    .with_hint(
        "a letter of another script inside Thai text is often a slip of typing or OCR; \
         or add a font that has it to the theme's fonts/",
    )
}

/// Where the book is written: `pdf/handbook.pdf`, or one file a volume when its pages are
/// split (see `volumes`). The site offers and links these, so this is the one place that
/// names them; `parts` splits the same pages by the same sizes.
pub fn outputs(pages: &[Page], volume_kb: u64) -> Vec<PathBuf> {
    let sizes: Vec<(usize, usize)> = pages
        .iter()
        .filter(|p| in_book(p))
        .map(|p| {
            let bytes = p.markdown.as_ref().map_or(0, String::len);
            (page_level(&p.id, p.kind), bytes)
        })
        .collect();
    let count = volumes(&sizes, volume_limit(volume_kb)).len();
    (0..count).map(|n| volume_output(n, count)).collect()
}

fn volume_limit(volume_kb: u64) -> usize {
    usize::try_from(volume_kb.saturating_mul(1024)).unwrap_or(usize::MAX)
}

fn volume_output(number: usize, count: usize) -> PathBuf {
    if count == 1 {
        PathBuf::from("pdf/handbook.pdf")
    } else {
        PathBuf::from(format!("pdf/handbook-{}.pdf", number + 1))
    }
}

/// The page's title, after its section `number`, as a heading above its converted body.
fn with_title(title: &str, number: &str, level: usize, body: TypstMarkup) -> TypstMarkup {
    let mut heading = format!("#heading(level: {level})[");
    heading.push_str(&heading_prefix(number));
    plain_text(title, &mut heading);
    heading.push_str("]\n\n");
    let mut line_map = vec![1; heading.matches('\n').count()];
    line_map.extend(body.line_map);
    TypstMarkup {
        source: heading + &body.source,
        line_map,
        unshown: body.unshown,
    }
}

/// Images referenced by pages: read from `content/` once and handed to Typst under
/// `/assets/...`. An image that is missing or not a PNG, JPEG or GIF file resolves to None,
/// and the page shows its alt text (SVG is left out: a malformed one would stop the book).
struct ImageFiles {
    content: PathBuf,
    loaded: RefCell<BTreeMap<String, Option<Vec<u8>>>>,
}

impl ImageFiles {
    fn new(root: &Path) -> Self {
        ImageFiles {
            content: root.join("content"),
            loaded: RefCell::new(BTreeMap::new()),
        }
    }

    fn resolve(&self, page_dir: &str, dest: &str) -> Option<String> {
        let relative = normalize(page_dir, dest)?;
        let mut loaded = self.loaded.borrow_mut();
        let bytes = loaded.entry(relative.clone()).or_insert_with(|| {
            std::fs::read(self.content.join(&relative))
                .ok()
                .filter(|b| is_image(b))
        });
        bytes.as_ref().map(|_| format!("/assets/{relative}"))
    }

    fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.loaded
            .into_inner()
            .into_iter()
            .filter_map(|(path, bytes)| Some((format!("/assets/{path}"), bytes?)))
            .collect()
    }
}

/// `dest` relative to the page's folder, as a clean path below `content/`; None for
/// URLs, absolute paths and paths that leave `content/`.
fn normalize(page_dir: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['?', '#']).next().unwrap_or_default();
    if dest.is_empty() || dest.contains(':') || dest.starts_with('/') {
        return None;
    }
    let mut parts: Vec<String> = page_dir
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    for component in Path::new(dest).components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?.to_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_stay_inside_content() {
        assert_eq!(
            normalize("centre", "img/a.png").as_deref(),
            Some("centre/img/a.png")
        );
        assert_eq!(
            normalize("centre", "../b.png?x=1").as_deref(),
            Some("b.png")
        );
        assert_eq!(normalize("", "../b.png"), None);
        assert_eq!(normalize("centre", "https://x/y.png"), None);
    }

    #[test]
    fn volumes_hold_whole_chapters_up_to_the_limit() {
        // (level, bytes): chapters of 30, 50, 20 and 100 bytes.
        let pages = [(1, 10), (2, 20), (1, 50), (1, 5), (2, 15), (1, 100)];
        assert_eq!(volumes(&pages, 1000), vec![0..6]);
        assert_eq!(volumes(&pages, 0), vec![0..6]);
        assert_eq!(volumes(&pages, 100), vec![0..5, 5..6]);
        assert_eq!(volumes(&pages, 80), vec![0..3, 3..5, 5..6]);
        assert_eq!(volumes(&pages, 60), vec![0..2, 2..3, 3..5, 5..6]);
    }

    #[test]
    fn section_numbers_count_like_typst_headings() {
        let numbers = SectionNumbers::new(Numerals::Arabic);
        let levels = [1, 2, 2, 3, 1, 3, 2, 1];
        let got: Vec<String> = levels.iter().map(|&l| numbers.next(l)).collect();
        assert_eq!(
            got,
            ["1", "1.1", "1.2", "1.2.1", "2", "2.0.1", "2.1", "3"],
            "a level skipped over counts 0"
        );
        assert_eq!(SectionNumbers::new(Numerals::Thai).next(2), "๐.๑");
    }

    #[test]
    fn levels_follow_the_section_tree() {
        assert_eq!(page_level("_index", PageKind::Home), 1);
        assert_eq!(page_level("centre/_index", PageKind::Section), 1);
        assert_eq!(page_level("centre/procedure", PageKind::Page), 2);
        assert_eq!(page_level("a/b/_index", PageKind::Section), 2);
    }
}
