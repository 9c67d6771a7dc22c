//! The generate stage: every page khumue writes itself — results dashboards and unit pages,
//! the competency plan, the report forms' documentation, reading paths, "what changed" and the
//! glossary listing — made as Markdown only, from typed inputs (the checked data, its totals,
//! the handbook's own pages in reading order, the glossary). It sits between load/validate
//! and render: it reads nothing from disk and knows nothing of HTML or Typst, so the site and
//! the PDFs render the same pages each in their own way.

pub mod figures;
mod forms;
mod glossary;
mod paths;
mod plan;
mod results;

use std::path::PathBuf;

use crate::data::{Data, Totals};
use crate::site::{Audience, FrontMatter, Page, VirtualPage};
use crate::thai::dates::Numerals;

pub use glossary::listing as glossary_listing;
pub use paths::{reading_minutes, PATHS_DIR};

/// What the generators read.
pub struct Inputs<'a> {
    pub data: &'a Data,
    pub totals: &'a Totals,
    pub numerals: Numerals,
    /// The handbook's own pages (from `content/`), in reading order.
    pub pages: &'a [Page],
}

/// Every generated page of the project.
pub fn pages(inputs: &Inputs) -> Vec<VirtualPage> {
    let mut out = Vec::new();
    if !inputs.data.is_empty() {
        let forms = forms::Handbook::find(inputs.pages);
        out.extend(results::pages(inputs, &forms));
        if let Some(plan) = &inputs.data.plan {
            out.push(plan::plan_page(&plan.value, inputs.numerals));
        }
        out.extend(forms::pages(&forms));
    }
    let plan = inputs.data.plan.as_ref().map(|p| &p.value);
    out.extend(paths::paths(inputs.pages, plan, inputs.numerals));
    out.extend(paths::whats_new(inputs.pages, inputs.numerals));
    out
}

pub(crate) fn page(path: &str, origin: &str, front: FrontMatter, markdown: String) -> VirtualPage {
    VirtualPage {
        path: PathBuf::from(path),
        origin: format!("{origin} (generated)"),
        front,
        markdown,
    }
}

pub(crate) fn front(
    title: String,
    weight: i64,
    description: String,
    audience: Vec<Audience>,
) -> FrontMatter {
    FrontMatter {
        title,
        weight,
        description: Some(description),
        audience,
        tags: vec!["ผลการดำเนินงาน".into()],
        ..FrontMatter::default()
    }
}

/// A count in the site's numerals, grouped by thousands.
pub(crate) fn num(n: Numerals, value: u32) -> String {
    n.count(u64::from(value))
}

/// A value from `data/` as Markdown text (a table cell, a list item, a link's text): escaped
/// where it enters, so HTML in a unit name shows as text and a `|` cannot end a cell.
pub(crate) fn cell(text: &str) -> String {
    crate::util::escape_markdown(text)
}
