//! The section tree and reading order: sections by `weight`, then title, as Zola orders them.

use std::collections::HashMap;

use super::{Page, PageKind};

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

/// The navigation tree under the home page, from pages already in reading order.
pub fn tree(pages: &[Page]) -> Vec<NavItem> {
    fn build(parent: &str, pages: &[Page]) -> Vec<NavItem> {
        pages
            .iter()
            .filter(|p| p.parent.as_deref() == Some(parent))
            .map(|p| NavItem {
                title: p.front.title.clone(),
                url: p.url.clone(),
                children: if p.kind == PageKind::Section {
                    build(&p.id, pages)
                } else {
                    Vec::new()
                },
            })
            .collect()
    }
    build("_index", pages)
}
