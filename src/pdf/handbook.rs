//! The whole handbook as one book: every page of the site in reading order, each converted
//! from Markdown to its own Typst source, included by `handbook.typ`.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::engine::{GeneratedSource, Job};
use super::markdown_to_typst::{convert, plain_text, ConvertOptions, TypstMarkup};
use typst::foundations::Value;

use super::values::{array, dict, document_date, flag, text, wrapping};
use crate::site::{PageKind, Site};
use crate::thai::dates::{long_date, Numerals};

/// What the handbook needs from the engine: its page sources, image files and the job.
pub struct HandbookParts {
    pub sources: Vec<GeneratedSource>,
    pub files: Vec<(String, Vec<u8>)>,
    pub job: Job,
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
fn in_book(page: &crate::site::Page) -> bool {
    !(page.generated && page.source.starts_with("data"))
}

pub fn parts(site: &Site) -> HandbookParts {
    let images = ImageFiles::new(&site.root);
    let mut sources = Vec::new();
    let mut paths = Vec::new();
    for (index, page) in site.pages.iter().filter(|p| in_book(p)).enumerate() {
        let level = page_level(&page.id, page.kind);
        let dir = page.dir().to_owned();
        let resolve = |dest: &str| images.resolve(&dir, dest);
        let options = ConvertOptions {
            heading_base: level,
            resolve_image: &resolve,
        };
        let body = convert(&page.markdown, &options);
        let path = format!("/pages/{index:04}.typ");
        sources.push(GeneratedSource {
            path: path.clone(),
            markup: with_title(page.title(), level, body),
            file: page.source.clone(),
            first_line: page.body_line.max(1),
        });
        paths.push(Value::Dict(dict([
            ("file", text(path)),
            ("level", Value::Int(level as i64)),
        ])));
    }
    let numerals = site.config.numerals;
    let updated = site.pages.iter().filter_map(|p| p.front.updated).max();
    let date = updated
        .map(|d| format!("ปรับปรุงล่าสุด {}", long_date(d, numerals)))
        .unwrap_or_default();
    let inputs = dict([
        ("title", wrapping(&site.config.title)),
        ("title_text", text(&site.config.title)),
        ("organisation", wrapping(&site.config.organisation)),
        ("organisation_text", text(&site.config.organisation)),
        ("date", wrapping(&date)),
        ("date_iso", document_date(updated)),
        ("thai_digits", flag(numerals == Numerals::Thai)),
        ("pages", array(paths)),
    ]);
    HandbookParts {
        sources,
        files: images.into_files(),
        job: Job {
            output: PathBuf::from(BOOK),
            template: "handbook.typ",
            inputs,
        },
    }
}

/// Where the book is written. The site links to its copy in `downloads/` from every page
/// (`pdf::offers`), so this is the one place that names it.
pub const BOOK: &str = "pdf/handbook.pdf";

/// The page's title as a heading above its converted body.
fn with_title(title: &str, level: usize, body: TypstMarkup) -> TypstMarkup {
    let mut heading = format!("#heading(level: {level})[");
    plain_text(title, &mut heading);
    heading.push_str("]\n\n");
    let mut line_map = vec![1; heading.matches('\n').count()];
    line_map.extend(body.line_map);
    TypstMarkup {
        source: heading + &body.source,
        line_map,
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
    fn levels_follow_the_section_tree() {
        assert_eq!(page_level("_index", PageKind::Home), 1);
        assert_eq!(page_level("centre/_index", PageKind::Section), 1);
        assert_eq!(page_level("centre/procedure", PageKind::Page), 2);
        assert_eq!(page_level("a/b/_index", PageKind::Section), 2);
    }
}
