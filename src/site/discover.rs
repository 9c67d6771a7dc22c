//! Finding pages and assets under `content/` (walkdir), reading them once, and parsing their
//! front matter. Everything after this stage works from memory.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::frontmatter::{self, FrontMatter};
use super::{Page, PageKind, RenderedBody, VirtualPage};
use crate::data::national_id;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Larger Markdown files are refused: nobody writes a handbook page this big, and reading one
/// would only waste memory.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// What discovery found: pages (unordered, unrendered) and asset files (relative to `content/`).
#[derive(Debug, Default)]
pub struct Discovered {
    pub pages: Vec<Page>,
    pub assets: Vec<PathBuf>,
}

/// Pages already read, by source path, with the modification time and length they had:
/// a preview reuses them instead of reading and parsing unchanged files again.
pub type PageCache = HashMap<PathBuf, (SystemTime, u64, Page)>;

/// Walks `root/content`. Symbolic links are not followed (a link loop cannot hang the build).
/// `cache`, when given, holds the pages of the previous walk and is replaced by this walk's.
pub fn discover(root: &Path, mut cache: Option<&mut PageCache>) -> (Discovered, Diagnostics) {
    let previous = cache.as_deref_mut().map(std::mem::take).unwrap_or_default();
    let content = root.join("content");
    let mut found = Discovered::default();
    let mut diags = Diagnostics::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "no `content/` folder in the project").with_hint(
                format!(
                    "create {} with Markdown pages, or pass --root",
                    content.display()
                ),
            ),
        );
        return (found, diags);
    }
    let mut markdown_files = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walker
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name()))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(path, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let rel = match entry.path().strip_prefix(&content) {
            Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
            _ => continue,
        };
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::warning(
                    display_path(root, entry.path()),
                    0,
                    0,
                    "symbolic link skipped",
                )
                .with_hint("khumue does not follow links under content/: copy the file in instead"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        // File and folder names become URLs, links and titles.
        if national_id::contains_id(rel.as_os_str().as_encoded_bytes()) {
            diags.push(
                Diagnostic::error(
                    display_path(root, entry.path()),
                    1,
                    1,
                    "a national ID number in this file's path would be published",
                )
                .with_hint("rename the file or folder"),
            );
            continue;
        }
        if rel.extension().is_some_and(|e| e == "md") {
            markdown_files.push(rel);
        } else {
            found.assets.push(rel);
        }
    }
    // Reading and parsing are independent per file: in parallel, in walk order.
    let read: Vec<_> = markdown_files
        .par_iter()
        .map(|rel| read_page(root, rel, &previous))
        .collect();
    for result in read {
        match result {
            Ok((Some(page), stamp, warnings)) => {
                diags.extend(warnings);
                if let (Some((modified, size)), Some(cache)) = (stamp, cache.as_deref_mut()) {
                    cache.insert(page.source.clone(), (modified, size, page.clone()));
                }
                found.pages.push(page);
            }
            Ok((None, _, warnings)) => diags.extend(warnings),
            Err(d) => diags.extend(d),
        }
    }
    (found, diags)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// When a file was last changed, and its length: a page read at the same stamp is reused.
type Stamp = Option<(SystemTime, u64)>;

/// Reads and parses one page, or takes it from `previous` when the file is unchanged;
/// `None` for a draft. A page holding a national ID anywhere (front matter, body, code) is
/// an error for each.
fn read_page(
    root: &Path,
    rel: &Path,
    previous: &PageCache,
) -> Result<(Option<Page>, Stamp, Vec<Diagnostic>), Vec<Diagnostic>> {
    let display = Path::new("content").join(rel);
    let full = root.join(&display);
    let metadata = std::fs::metadata(&full).ok();
    let size = metadata.as_ref().map_or(0, |m| m.len());
    let stamp = metadata
        .and_then(|m| m.modified().ok())
        .map(|modified| (modified, size));
    if let (Some(stamp), Some((seen, seen_size, page))) = (stamp, previous.get(&display)) {
        if (*seen, *seen_size) == stamp {
            return Ok((Some(page.clone()), Some(stamp), Vec::new()));
        }
    }
    if size > MAX_PAGE_BYTES {
        return Err(vec![Diagnostic::error(
            &display,
            1,
            1,
            format!(
                "file is {} MiB, over the {} MiB limit for one page",
                size >> 20,
                MAX_PAGE_BYTES >> 20
            ),
        )
        .with_hint("split it into several pages")]);
    }
    let bytes = std::fs::read(&full).map_err(|e| {
        vec![Diagnostic::error(
            &display,
            0,
            0,
            format!("cannot read: {e}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        vec![
            Diagnostic::error(&display, line, col, "file is not valid UTF-8").with_hint(
                "save the file as UTF-8 (Thai text in TIS-620 or Windows-874 must be converted)",
            ),
        ]
    })?;
    let parsed = frontmatter::parse(&text, &display).map_err(|d| vec![d])?;
    if parsed.front.draft {
        return Ok((None, stamp, parsed.warnings));
    }
    let ids = national_id::check_text(&text, &display, 1, |_, _| false);
    if !ids.is_empty() {
        return Err(ids);
    }
    let page = new_page(
        rel,
        display,
        parsed.front,
        parsed.body,
        parsed.body_line,
        false,
    );
    Ok((Some(page), stamp, parsed.warnings))
}

/// Pages generated from data enter the pipeline here, exactly like files.
pub fn from_virtual(page: VirtualPage) -> Page {
    let display = PathBuf::from(page.origin);
    new_page(&page.path, display, page.front, page.markdown, 1, true)
}

fn new_page(
    rel: &Path,
    source: PathBuf,
    front: FrontMatter,
    markdown: String,
    body_line: usize,
    generated: bool,
) -> Page {
    let id = page_id(rel);
    let (kind, url) = match id.rsplit_once('/') {
        _ if id == "_index" => (PageKind::Home, "index.html".to_string()),
        Some((dir, "_index")) => (PageKind::Section, format!("{dir}/index.html")),
        _ => (PageKind::Page, format!("{id}.html")),
    };
    Page {
        id,
        source,
        url,
        kind,
        parent: None,
        front,
        body_line,
        markdown: Some(markdown),
        body: RenderedBody::default(),
        generated,
        fingerprint: 0,
    }
}

/// `centre/procedure.md` → `centre/procedure`, always `/`-separated.
pub fn page_id(rel: &Path) -> String {
    let without_ext = rel.with_extension("");
    without_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reports pages that would overwrite each other's output.
pub fn check_unique_urls(pages: &[Page]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut by_url: BTreeMap<&str, &Path> = BTreeMap::new();
    for page in pages {
        if let Some(first) = by_url.insert(&page.url, &page.source) {
            diags.push(
                Diagnostic::error(&page.source, 1, 1, format!("`{}` and `{}` both produce `{}`", first.display(), page.source.display(), page.url))
                    .with_hint("rename one of them: `x/_index.md` and `x/index.md` (or `x.md` and `x/index.md`) collide"),
            );
        }
    }
    diags
}

/// Gives every page its parent section and creates landing pages for folders that have none
/// (and a home page when `content/_index.md` is missing).
pub fn link_sections(pages: &mut Vec<Page>, site_title: &str) {
    // Every folder that holds a page needs a section page, up to the home page.
    let mut needed: Vec<String> = Vec::new();
    for page in pages.iter() {
        let mut dir = page.dir().to_string();
        if page.kind == PageKind::Section {
            dir = parent_dir(&dir).unwrap_or_default();
            if page.dir().is_empty() {
                continue;
            }
        }
        loop {
            needed.push(section_id(&dir));
            match parent_dir(&dir) {
                Some(up) => dir = up,
                None => break,
            }
        }
    }
    let existing: HashSet<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let mut missing: Vec<String> = needed
        .into_iter()
        .filter(|id| !existing.contains(id.as_str()))
        .collect();
    missing.sort();
    missing.dedup();
    for id in missing {
        let dir = id.strip_suffix("/_index").unwrap_or("");
        let title = if dir.is_empty() {
            site_title.to_string()
        } else {
            dir.rsplit('/').next().unwrap_or(dir).to_string()
        };
        let rel = PathBuf::from(format!(
            "{}_index.md",
            if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            }
        ));
        let front = FrontMatter {
            title,
            ..FrontMatter::default()
        };
        pages.push(new_page(
            &rel,
            Path::new("content").join(&rel),
            front,
            String::new(),
            1,
            true,
        ));
    }
    for page in pages.iter_mut() {
        page.parent = match page.kind {
            PageKind::Home => None,
            PageKind::Section => Some(section_id(&parent_dir(page.dir()).unwrap_or_default())),
            PageKind::Page => Some(section_id(page.dir())),
        };
    }
}

fn section_id(dir: &str) -> String {
    if dir.is_empty() {
        "_index".into()
    } else {
        format!("{dir}/_index")
    }
}

fn parent_dir(dir: &str) -> Option<String> {
    if dir.is_empty() {
        return None;
    }
    Some(
        dir.rsplit_once('/')
            .map(|(up, _)| up.to_string())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel: &str) -> Page {
        new_page(
            Path::new(rel),
            PathBuf::from(rel),
            FrontMatter {
                title: rel.into(),
                ..Default::default()
            },
            String::new(),
            1,
            false,
        )
    }

    #[test]
    fn urls_follow_the_content_tree() {
        assert_eq!(page("a/b.md").url, "a/b.html");
        assert_eq!(page("a/_index.md").url, "a/index.html");
        assert_eq!(page("_index.md").url, "index.html");
        assert_eq!(page("_index.md").kind, PageKind::Home);
    }

    #[test]
    fn creates_missing_sections_and_links_parents() {
        let mut pages = vec![page("a/b/c.md"), page("top.md")];
        link_sections(&mut pages, "Site");
        let ids: Vec<_> = pages.iter().map(|p| p.id.as_str()).collect();
        for id in ["_index", "a/_index", "a/b/_index"] {
            assert!(ids.contains(&id), "{ids:?}");
        }
        let c = pages.iter().find(|p| p.id == "a/b/c").unwrap();
        assert_eq!(c.parent.as_deref(), Some("a/b/_index"));
        let ab = pages.iter().find(|p| p.id == "a/b/_index").unwrap();
        assert_eq!(ab.parent.as_deref(), Some("a/_index"));
        let a = pages.iter().find(|p| p.id == "a/_index").unwrap();
        assert_eq!(a.parent.as_deref(), Some("_index"));
    }

    #[test]
    fn reports_two_files_with_one_output_path() {
        let pages = vec![page("a/_index.md"), page("a/index.md")];
        assert!(check_unique_urls(&pages).has_errors());
    }
}
