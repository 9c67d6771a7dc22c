//! The section tree and reading order: sections by `weight`, then title, as Zola orders them.

use std::collections::HashMap;

use super::{Page, PageKind, Site};

/// Sorts `pages` into reading order: the home page, then a depth-first walk where each
/// section's landing page comes before its children.
pub fn order(pages: Vec<Page>) -> Vec<Page> {
    let mut children: HashMap<Option<String>, Vec<Page>> = HashMap::new();
    for page in pages {
        children.entry(page.parent.clone()).or_default().push(page);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            (a.front.weight, &a.front.title, &a.id).cmp(&(b.front.weight, &b.front.title, &b.id))
        });
    }
    let mut ordered = Vec::new();
    let roots = children.remove(&None).unwrap_or_default();
    for root in roots {
        walk(root, &mut children, &mut ordered);
    }
    // Anything whose parent is missing (cannot happen after `link_sections`) is kept, not lost.
    let mut rest: Vec<Page> = children.into_values().flatten().collect();
    rest.sort_by(|a, b| a.id.cmp(&b.id));
    ordered.extend(rest);
    ordered
}

fn walk(page: Page, children: &mut HashMap<Option<String>, Vec<Page>>, out: &mut Vec<Page>) {
    let is_section = page.kind != PageKind::Page;
    let id = page.id.clone();
    out.push(page);
    if is_section {
        for child in children.remove(&Some(id)).unwrap_or_default() {
            walk(child, children, out);
        }
    }
}

/// One entry of the navigation tree.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub children: Vec<NavItem>,
}

/// The navigation tree under the home page, in reading order.
pub fn tree(site: &Site) -> Vec<NavItem> {
    fn items<'a>(site: &Site, pages: impl Iterator<Item = &'a Page>) -> Vec<NavItem> {
        pages
            .map(|p| NavItem {
                title: p.front.title.clone(),
                url: p.url.clone(),
                children: if p.kind == PageKind::Section {
                    items(site, site.children(p))
                } else {
                    Vec::new()
                },
            })
            .collect()
    }
    match site.page("_index") {
        Some(home) => items(site, site.children(home)),
        None => Vec::new(),
    }
}

/// Pages with an `updated` date, newest first (ties by reading order).
pub fn recently_updated(pages: &[Page]) -> Vec<&Page> {
    let mut dated: Vec<&Page> = pages
        .iter()
        .filter(|p| p.front.updated.is_some() && !p.generated)
        .collect();
    dated.sort_by_key(|p| std::cmp::Reverse(p.front.updated));
    dated
}

/// How many changes "what changed" and the feed list.
pub const RECENT_LIMIT: usize = 30;
