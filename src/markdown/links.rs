//! Link targets: a link to `other.md` becomes a relative link to `other.html`, and a link to a
//! page, heading or file that does not exist, or that leaves `content/`, is an error.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::site::Page;
use crate::util::{relative_url, slash_path};

/// A link into a heading (`page.md#anchor`), checked after all pages have their anchors.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub source: PathBuf,
    pub line: usize,
    pub col: usize,
    pub target_id: String,
    pub fragment: String,
}

/// Everything a link may point at: pages by id and asset files, both relative to `content/`.
#[derive(Debug, Default)]
pub struct LinkTargets {
    urls: HashMap<String, String>,
    assets: HashSet<String>,
}

impl LinkTargets {
    pub fn new<'a>(
        pages: impl IntoIterator<Item = &'a Page>,
        assets: impl IntoIterator<Item = &'a PathBuf>,
    ) -> Self {
        LinkTargets {
            urls: pages
                .into_iter()
                .map(|p| (p.id.clone(), p.url.clone()))
                .collect(),
            assets: assets.into_iter().map(|a| slash_path(a)).collect(),
        }
    }

    /// The output URL of the page with id `id`.
    pub fn url_of(&self, id: &str) -> Option<&str> {
        self.urls.get(id).map(String::as_str)
    }

    /// The URL to write for a link in `page`, and the heading to check if it names one.
    pub fn resolve_link(
        &self,
        page: &Page,
        dest: &str,
        line: usize,
        col: usize,
    ) -> Result<(String, Option<AnchorCheck>), Diagnostic> {
        let anchor = |target_id: &str, fragment: &str| {
            (!fragment.is_empty()).then(|| AnchorCheck {
                source: page.source.clone(),
                line,
                col,
                target_id: target_id.to_string(),
                fragment: percent_decode(fragment),
            })
        };
        if dest.is_empty() || has_scheme(dest) {
            return Ok((dest.to_string(), None));
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return Ok((dest.to_string(), anchor(&page.id, fragment)));
        }
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        let resolved = self.resolve_path(page, path, dest, line, col)?;
        let page_id = resolved
            .strip_suffix(".md")
            .map(str::to_string)
            .or_else(|| {
                // `folder/` or `folder` links mean the folder's landing page.
                let folder = resolved.trim_end_matches('/');
                let id = if folder.is_empty() {
                    "_index".to_string()
                } else {
                    format!("{folder}/_index")
                };
                (path.ends_with('/')
                    || (!self.assets.contains(folder) && self.urls.contains_key(&id)))
                .then_some(id)
            });
        match page_id {
            Some(id) => match self.urls.get(&id) {
                Some(url) => {
                    let mut rel = relative_url(&page.url, url);
                    if !fragment.is_empty() {
                        rel.push('#');
                        rel.push_str(fragment);
                    }
                    Ok((rel, anchor(&id, fragment)))
                }
                None => Err(Diagnostic::error(
                    &page.source,
                    line,
                    col,
                    format!("link to a missing page `{dest}`"),
                )
                .with_hint(format!(
                    "there is no content/{resolved}: paths are relative to this page's folder"
                ))),
            },
            None if self.assets.contains(&resolved) => Ok((dest.to_string(), None)),
            None => Err(Diagnostic::error(
                &page.source,
                line,
                col,
                format!("link to a missing file `{dest}`"),
            )
            .with_hint(format!("there is no content/{resolved}"))),
        }
    }

    /// Checks an image (or other embedded file) reference.
    pub fn check_asset(
        &self,
        page: &Page,
        dest: &str,
        line: usize,
        col: usize,
        embedded: bool,
    ) -> Result<(), Diagnostic> {
        if dest.starts_with("data:") {
            return Ok(());
        }
        if has_scheme(dest) || dest.starts_with("//") {
            if embedded {
                return Err(Diagnostic::error(&page.source, line, col, format!("image from another site `{dest}`"))
                    .with_hint("pages must open offline with no network request: save the image next to the page and link it by a relative path"));
            }
            return Ok(());
        }
        let path = dest.split(['#', '?']).next().unwrap_or(dest);
        let resolved = self.resolve_path(page, path, dest, line, col)?;
        if self.assets.contains(&resolved) {
            Ok(())
        } else {
            Err(
                Diagnostic::error(&page.source, line, col, format!("image not found `{dest}`"))
                    .with_hint(format!("there is no content/{resolved}")),
            )
        }
    }

    /// Resolves a relative path against the page's folder, refusing to leave `content/`.
    fn resolve_path(
        &self,
        page: &Page,
        path: &str,
        dest: &str,
        line: usize,
        col: usize,
    ) -> Result<String, Diagnostic> {
        if path.starts_with('/') || path.starts_with('\\') || path.contains(":\\") {
            return Err(Diagnostic::error(
                &page.source,
                line,
                col,
                format!("absolute path in link `{dest}`"),
            )
            .with_hint("write links relative to the page, e.g. `../reporting/sp12.md`"));
        }
        let mut parts: Vec<String> = page
            .dir()
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let decoded = percent_decode(path);
        for part in decoded.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err(Diagnostic::error(&page.source, line, col, format!("link leaves the content folder `{dest}`"))
                            .with_hint("only pages and files under content/ can be linked; nothing outside is copied"));
                    }
                }
                other => parts.push(other.to_string()),
            }
        }
        let mut joined = parts.join("/");
        if decoded.ends_with('/') && !joined.is_empty() {
            joined.push('/');
        }
        Ok(joined)
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) if colon > 1 => dest[..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
        _ => false,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("c:\\x"));
        assert!(!has_scheme("page.md"));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("%E0%B8%81.md"), "ก.md");
        assert_eq!(percent_decode("50%"), "50%");
    }
}
