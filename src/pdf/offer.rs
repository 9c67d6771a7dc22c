//! The PDFs the site offers for download: which ones, under what title and as of which date.
//! The build copies each into `site/downloads/` as the PDF stage writes it; every page links
//! the book and the downloads page lists them all. Paths come from the stages that write the
//! PDFs (`handbook::outputs`, `annual::annual_output`, …), never repeated here.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::forms::{self, Ids};
use super::{annual, handbook};
use crate::data::{Data, Totals};
use crate::site::{Page, Site};

/// What a download is, in the order the downloads page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Book,
    Annual,
    Plan,
    Form,
}

/// One PDF offered in `site/downloads/`.
#[derive(Debug, Clone)]
pub struct Offer {
    pub kind: Kind,
    /// Where the PDF stage writes it (`pdf/handbook.pdf`).
    pub output: PathBuf,
    pub title: String,
    /// The date its contents are as of: the book's latest page update, the last day of the
    /// last month a report covers, the latest course a member of staff completed.
    pub as_of: Option<NaiveDate>,
}

/// The folder of the site that holds the copies.
pub const FOLDER: &str = "downloads";

impl Offer {
    /// Its copy inside the site, relative to the site root: `downloads/handbook.pdf`.
    pub fn site_path(&self) -> String {
        let name = self
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{FOLDER}/{name}")
    }
}

/// Every PDF a build with PDFs offers: the book, each fiscal year's annual report, the plan
/// and, when `data/site.yaml` asks for them (`downloads: {forms: true}`), the monthly forms
/// as written to `pdf/` (national IDs and names masked). Full-ID forms are never offered.
pub fn offers(site: &Site, data: &Data, totals: &Totals) -> Vec<Offer> {
    let numerals = site.config.numerals;
    let books = handbook::outputs(&site.pages, site.config.book_volume_kb);
    let count = books.len();
    let updated = site.pages.iter().filter_map(|p| p.front.updated).max();
    let mut offers: Vec<Offer> = books
        .into_iter()
        .enumerate()
        .map(|(number, output)| Offer {
            kind: Kind::Book,
            output,
            title: match count {
                1 => format!("{} (ทั้งเล่ม)", site.config.title),
                _ => numerals.apply(&format!(
                    "{} เล่ม {} จาก {}",
                    site.config.title,
                    number + 1,
                    count
                )),
            },
            as_of: updated,
        })
        .collect();
    for year in &totals.years {
        let last = year
            .months
            .iter()
            .filter(|m| m.reports > 0)
            .map(|m| m.month)
            .max();
        offers.push(Offer {
            kind: Kind::Annual,
            output: annual::annual_output(year.fiscal_year),
            title: numerals.apply(&format!(
                "รายงานผลการดำเนินงาน ปีงบประมาณ {}",
                year.fiscal_year
            )),
            as_of: last.and_then(|m| m.last_day()),
        });
    }
    if let Some(plan) = &data.plan {
        let completed = annual::latest_completion(data);
        offers.push(Offer {
            kind: Kind::Plan,
            output: PathBuf::from(annual::COMPETENCY_OUTPUT),
            title: annual::plan_title(&plan.value).to_string(),
            as_of: completed,
        });
    }
    if site.config.downloads.forms {
        let unit_name = |id: &str| {
            data.org
                .as_ref()
                .and_then(|o| o.value.unit(id))
                .map_or(id.to_string(), |u| u.name.clone())
        };
        for report in &data.snb2 {
            let report = &report.value;
            offers.push(Offer {
                kind: Kind::Form,
                output: forms::snb2_output(report, Ids::Masked),
                title: numerals.apply(&format!("แบบ สนบ.๒ เดือน{}", report.month.thai())),
                as_of: report.month.last_day(),
            });
        }
        for report in &data.sp12 {
            let report = &report.value;
            offers.push(Offer {
                kind: Kind::Form,
                output: forms::sp12_output(report, Ids::Masked),
                title: numerals.apply(&format!(
                    "แบบ สป-๑๒ {} เดือน{}",
                    unit_name(&report.unit),
                    report.month.thai()
                )),
                as_of: report.month.last_day(),
            });
        }
    }
    offers.sort_by(|a, b| (a.kind, &a.output).cmp(&(b.kind, &b.output)));
    offers
}

/// What a page may link among the downloads, from the site root: the downloads page and the
/// book (or its volumes), whose names depend only on the pages.
pub fn linkable(pages: &[Page], volume_kb: u64) -> Vec<PathBuf> {
    let mut paths = vec![PathBuf::from(FOLDER).join("index.html")];
    paths.extend(
        handbook::outputs(pages, volume_kb)
            .into_iter()
            .map(|output| {
                let book = Offer {
                    kind: Kind::Book,
                    output,
                    title: String::new(),
                    as_of: None,
                };
                PathBuf::from(book.site_path())
            }),
    );
    paths
}
