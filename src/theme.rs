//! The theme: templates, static files (CSS, JS, fonts), Typst templates and PDF fonts. A
//! project's own `themes/<name>/` is used when present, each of its files replacing the
//! built-in default theme's file of the same path; without one the built-in theme is used
//! as it is, so a bare folder of Markdown builds with no set-up.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// All files of a theme by `/`-separated path relative to the theme folder
/// (`templates/page.html`, `static/css/style.css`, `typst/sp12.typ`).
#[derive(Debug, Clone)]
pub struct Theme {
    /// Where the files came from, for messages: `themes/default` or `(built-in default theme)`.
    pub origin: String,
    pub files: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let rel = Path::new("themes").join(name);
        let dir = root.join(&rel);
        if dir.is_dir() {
            // File by file over the built-in theme, as mdBook's `theme/` does: a theme that
            // only restyles the site still has every template and the PDF fonts.
            let mut files = Self::built_in().files;
            for entry in WalkDir::new(&dir).follow_links(false) {
                let entry = entry.map_err(|e| {
                    Diagnostic::error(&rel, 0, 0, format!("cannot read theme: {e}"))
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path();
                let key = crate::util::slash_path(path.strip_prefix(&dir).unwrap_or(path));
                let bytes = std::fs::read(path).map_err(|e| {
                    Diagnostic::error(rel.join(&key), 0, 0, format!("cannot read: {e}"))
                })?;
                files.insert(key, Cow::Owned(bytes));
            }
            return Ok(Theme {
                origin: rel.display().to_string(),
                files,
            });
        }
        if name == "default" {
            return Ok(Self::built_in());
        }
        Err(
            Diagnostic::error("data/site.yaml", 0, 0, format!("theme `{name}` not found"))
                .with_hint(format!("create {} or set `theme: default`", rel.display())),
        )
    }

    pub fn built_in() -> Theme {
        let mut files = BTreeMap::new();
        collect(&DEFAULT_THEME, &mut files);
        Theme {
            origin: "(built-in default theme)".into(),
            files,
        }
    }

    /// Files under `prefix/` (e.g. `templates`), with the prefix removed.
    pub fn folder<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files.iter().filter_map(move |(k, v)| {
            k.strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| (r, v.as_ref()))
        })
    }

    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_ref())
    }
}

fn collect(dir: &Dir<'static>, files: &mut BTreeMap<String, Cow<'static, [u8]>>) {
    for file in dir.files() {
        files.insert(
            crate::util::slash_path(file.path()),
            Cow::Borrowed(file.contents()),
        );
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}
