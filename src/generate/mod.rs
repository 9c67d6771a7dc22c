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
    date_data_pages(&mut out, inputs);
    let plan = inputs.data.plan.as_ref().map(|p| &p.value);
    let handbook_pages = out.len();
    out.extend(paths::paths(inputs.pages, plan, inputs.numerals));
    out.extend(paths::whats_new(inputs.pages, inputs.numerals));
    // Reading paths and "what changed" list the handbook's pages: they are as new as the
    // newest of them.
    let newest = inputs.pages.iter().filter_map(|p| p.front.updated).max();
    for page in &mut out[handbook_pages..] {
        page.front.updated = page.front.updated.or(newest);
    }
    out
}

/// Pages made from the data show the date their figures are as of (the last day of the last
/// month reported: the year's for a year's dashboard, else the data's) and the office that
/// reports them (`office` in `data/org.yaml`), never the build's date.
fn date_data_pages(pages: &mut [VirtualPage], inputs: &Inputs) {
    let last_reported = |years: &mut dyn Iterator<Item = &crate::data::totals::YearTotals>| {
        years
            .flat_map(|y| &y.months)
            .filter(|m| m.reports > 0)
            .map(|m| m.month)
            .max()
            .and_then(|m| m.last_day())
    };
    let as_of = last_reported(&mut inputs.totals.years.iter());
    let office = inputs
        .data
        .org
        .as_ref()
        .map(|o| o.value.office.clone())
        .filter(|o| !o.trim().is_empty());
    for page in pages {
        let year = page
            .path
            .strip_prefix("results")
            .ok()
            .and_then(|p| p.file_stem())
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i32>().ok());
        let of_year = year.and_then(|fy| {
            last_reported(&mut inputs.totals.years.iter().filter(|y| y.fiscal_year == fy))
        });
        page.front.updated = page.front.updated.or(of_year).or(as_of);
        if page.front.owner.is_none() {
            page.front.owner.clone_from(&office);
        }
    }
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
