//! Leaf helpers every stage may use; they import nothing from the crate but `thai/`.
//! One copy of each: HTML escaping, relative URLs between pages, `/`-separated paths, the
//! fingerprint hash that keys caches, and the nearest spelling for "did you mean" hints.

pub mod slug;

use std::hash::{Hash, Hasher};

/// HTML-escapes text for attributes and element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A relative path as `/`-separated text, whatever the platform.
pub fn slash_path(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A relative URL from the page at `from` to `to` (both relative to the site root).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_, d)| d.to_vec())
        .unwrap_or_default();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The prefix that leads from a page at `url` back to the site root: `""` or `"../"`.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A hash of everything a cached result was made from: equal inputs, equal fingerprints
/// within one run of khumue (not stable across versions; never written to disk).
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The candidate closest to `text` by edit distance over characters (Thai combining marks
/// count as characters, which is what a typist's slip changes), ignoring case. The first of
/// equally close candidates wins; None when there are no candidates.
pub fn nearest<'a, I>(text: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let text = text.trim().to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let distance = strsim::levenshtein(&text, &candidate.to_lowercase());
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_between_pages() {
        assert_eq!(relative_url("a/b.html", "a/c.html"), "c.html");
        assert_eq!(relative_url("a/b.html", "d/e.html"), "../d/e.html");
        assert_eq!(relative_url("index.html", "d/index.html"), "d/index.html");
        assert_eq!(relative_url("a/b/c.html", "index.html"), "../../index.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }

    #[test]
    fn nearest_spelling_counts_characters_not_bytes() {
        assert_eq!(nearest("kiten", ["sitting", "kitten"]), Some("kitten"));
        assert_eq!(nearest("ส่งเสริ", ["คุ้มครอง", "ส่งเสริม"]), Some("ส่งเสริม"));
        assert_eq!(nearest("x", std::iter::empty()), None);
    }
}
