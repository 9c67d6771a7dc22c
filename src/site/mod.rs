//! The site model: configuration, pages (from `content/` or generated from data) and the
//! section tree. Later stages read this model; they never go back to the disk.

pub mod config;
pub mod discover;
pub mod frontmatter;
pub mod nav;
pub mod updated;

use std::collections::HashMap;
use std::path::PathBuf;

pub use config::SiteConfig;
pub use frontmatter::{Audience, FrontMatter};

/// Whether a page is an ordinary page, a section's landing page (`_index.md`) or the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Page,
    Section,
    Home,
}

/// Markdown that does not come from a file under `content/`: pages generated from `data/`.
/// It goes through the same Markdown pipeline as files do.
#[derive(Debug, Clone)]
pub struct VirtualPage {
    /// Path as if it were under `content/`, e.g. `results/2564.md` or `results/_index.md`.
    pub path: PathBuf,
    /// Shown in diagnostics instead of a content path, e.g. `data/reports/2564 (generated)`.
    pub origin: String,
    pub front: FrontMatter,
    pub markdown: String,
}

/// A heading inside a page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// Plain text of a page, cut at headings: what search indexes and quotes in snippets.
#[derive(Debug, Clone, Default)]
pub struct TextSection {
    /// The heading this text follows, None for text before the first heading.
    pub heading: Option<Heading>,
    pub text: String,
}

/// What the later stages read of a page body rendered from Markdown. The HTML itself is not
/// here: it is handed to the page renderer once, by value (`build::Loaded`), and let go batch
/// by batch, so nothing can read a body that was already released.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub headings: Vec<Heading>,
    pub sections: Vec<TextSection>,
    /// `id`s given in raw HTML, which links may point at as they do at headings.
    pub html_ids: Vec<String>,
    /// Bytes of the text that stand in tables: a page that is mostly tables is a list (an
    /// abbreviation list, a field reference), which search ranks lower.
    pub table_text: usize,
    /// Bytes of the text that is code (spans and blocks): file names, field names, commands. A
    /// page with much of it is a technical reference, which search ranks lower for words that
    /// prose pages are about.
    pub code_text: usize,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path below `content/` without `.md`: `centre/procedure`; `centre/_index` for a section
    /// and `_index` for the home page.
    pub id: String,
    /// Where the page came from, relative to the project root (for diagnostics).
    pub source: PathBuf,
    /// Output path relative to the site root, always `/`-separated: `centre/procedure.html`,
    /// `centre/index.html`, `index.html`.
    pub url: String,
    pub kind: PageKind,
    /// Id of the section this page belongs to (`centre/_index`), None for the home page.
    pub parent: Option<String>,
    pub front: FrontMatter,
    /// Line in `source` where the Markdown body starts (after front matter).
    pub body_line: usize,
    /// The page's Markdown; `None` once released. A build without PDFs lets it go as soon as
    /// the page is rendered (a large site would otherwise hold its text three times), so a
    /// stage that reads it after loading (the PDFs) must handle `None` as an error.
    pub markdown: Option<String>,
    pub body: RenderedBody,
    /// True when generated from data rather than read from `content/`.
    pub generated: bool,
    /// Changes whenever anything the page's body was rendered from changes; a preview
    /// re-renders only pages whose fingerprint (or whose neighbours) changed.
    pub fingerprint: u64,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.front.title
    }

    /// The folder of the page's source below `content/` (`centre` for `centre/procedure.md`).
    pub fn dir(&self) -> &str {
        match self.id.rfind('/') {
            Some(cut) => &self.id[..cut],
            None => "",
        }
    }
}

/// What search knows besides the pages, set by the build from the glossary and
/// `data/synonyms.yaml`.
#[derive(Debug, Clone, Default)]
pub struct SearchVocabulary {
    /// Groups of words that mean the same thing, as written: a query word expands to the
    /// others of its group, at a lower weight.
    pub synonyms: Vec<Vec<String>>,
    /// The glossary page's id and the anchors of its entries: search returns each entry as a
    /// result of its own.
    pub glossary: Option<(String, Vec<String>)>,
}

/// Everything loaded and rendered from one project.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub vocabulary: SearchVocabulary,
    /// In reading order: home first, then a depth-first walk of sections by weight and title.
    pub pages: Vec<Page>,
    /// Files next to pages (images, attachments), relative to `content/`, copied as they are.
    pub assets: Vec<PathBuf>,
    /// Page index by id, and each page's children in reading order: every page asks for its
    /// ancestors and children, and a scan of all pages for each would make a build quadratic.
    by_id: HashMap<String, usize>,
    children: Vec<Vec<usize>>,
}

impl Site {
    /// `pages` in reading order; their ids and parents are final.
    pub fn new(root: PathBuf, config: SiteConfig, pages: Vec<Page>, assets: Vec<PathBuf>) -> Site {
        let by_id: HashMap<String, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let mut children = vec![Vec::new(); pages.len()];
        for (i, page) in pages.iter().enumerate() {
            if let Some(parent) = page.parent.as_deref().and_then(|id| by_id.get(id)) {
                children[*parent].push(i);
            }
        }
        Site {
            root,
            config,
            vocabulary: SearchVocabulary::default(),
            pages,
            assets,
            by_id,
            children,
        }
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        self.by_id.get(id).map(|&i| &self.pages[i])
    }

    /// The pages whose parent is `page`, in reading order.
    pub fn children(&self, page: &Page) -> impl Iterator<Item = &Page> {
        let list = match self.by_id.get(&page.id) {
            Some(&i) => self.children[i].as_slice(),
            None => &[],
        };
        list.iter().map(|&i| &self.pages[i])
    }

    /// The chain of section pages from the home page down to `page`'s parent.
    pub fn ancestors(&self, page: &Page) -> Vec<&Page> {
        let mut chain = Vec::new();
        let mut next = page.parent.as_deref();
        while let Some(p) = next.and_then(|id| self.page(id)) {
            chain.push(p);
            next = p.parent.as_deref();
        }
        chain.reverse();
        chain
    }
}
