//! The downloads page (`downloads/index.html`): the PDFs a build copied into the site, each
//! with its size and the date its contents are as of. It is rendered after the PDF stage,
//! the only moment the sizes are known, through the theme's `downloads.html`.

use chrono::NaiveDate;
use serde::Serialize;

use super::context::SiteContext;
use super::Templates;
use crate::artifact::OutputFile;
use crate::diagnostics::Diagnostics;
use crate::site::Site;
use crate::thai::dates::{long_date, Numerals};

/// What every page links: the book PDF and the downloads page, as paths from the site root;
/// empty when the build offers no PDFs.
#[derive(Debug, Default, Clone, Hash)]
pub struct DownloadLinks {
    pub book: String,
    pub page: String,
}

/// One listed PDF.
#[derive(Debug, Clone)]
pub struct Download {
    pub title: String,
    /// The file's name in the downloads folder.
    pub file: String,
    /// `book`, `annual`, `plan` or `form`.
    pub kind: &'static str,
    pub bytes: u64,
    /// The date its contents are as of.
    pub as_of: Option<NaiveDate>,
}

/// A listed PDF as `downloads.html` sees it.
#[derive(Serialize)]
struct Listed<'a> {
    title: &'a str,
    /// Relative to the downloads page, percent-encoded.
    url: String,
    kind: &'static str,
    /// `๑.๒ MB`.
    size: String,
    /// In Thai with a Buddhist-era year, and as ISO for `<time datetime>`.
    date: Option<String>,
    date_iso: Option<String>,
}

/// `downloads/index.html` listing `downloads`, dated by the newest of them.
pub fn render_downloads(
    site: &Site,
    templates: &Templates,
    links: &DownloadLinks,
    downloads: &[Download],
) -> Result<OutputFile, Diagnostics> {
    let numerals = site.config.numerals;
    let listed: Vec<Listed> = downloads
        .iter()
        .map(|d| Listed {
            title: &d.title,
            url: crate::util::url::encode_path(&d.file),
            kind: d.kind,
            size: human_size(d.bytes, numerals),
            date: d.as_of.map(|date| long_date(date, numerals)),
            date_iso: d.as_of.map(|date| date.to_string()),
        })
        .collect();
    let updated = downloads.iter().filter_map(|d| d.as_of).max();
    let shared = SiteContext::new(site, links);
    let mut ctx = shared.for_special(&links.page, "ดาวน์โหลดเอกสาร PDF", updated);
    ctx.insert("downloads", &listed);
    let html = templates
        .render("downloads.html", &ctx)
        .map_err(Diagnostics::from)?;
    Ok(OutputFile::new(format!("site/{}", links.page), html))
}

/// A size in bytes as a reader sees it: `๓๔๕ KB`, `๑.๒ MB`.
fn human_size(bytes: u64, numerals: Numerals) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let text = if b < KB * KB {
        format!("{} KB", (b / KB).ceil().max(1.0) as u64)
    } else {
        format!("{:.1} MB", b / KB / KB)
    };
    numerals.apply(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_says_them() {
        assert_eq!(human_size(300, Numerals::Thai), "๑ KB");
        assert_eq!(human_size(353_280, Numerals::Arabic), "345 KB");
        assert_eq!(human_size(1_258_291, Numerals::Thai), "๑.๒ MB");
    }
}
