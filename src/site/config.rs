//! `data/site.yaml`: the site's title and display settings.

use std::path::Path;

use serde::Deserialize;

use crate::data::national_id;
use crate::diagnostics::Diagnostic;
use crate::thai::dates::Numerals;
use crate::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The office that publishes the handbook, shown in the footer and on PDF covers.
    #[serde(default)]
    pub organisation: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Digits for dates and figures in pages and reports.
    #[serde(default)]
    pub numerals: Numerals,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// How a reader proposes a change to a page (shown at the foot of every page).
    #[serde(default)]
    pub change_process: String,
    /// The handbook book is published in volumes when its pages hold more Markdown than
    /// this many kilobytes (see `pdf/handbook.rs`); 0 never splits it.
    #[serde(default = "default_book_volume_kb")]
    pub book_volume_kb: u64,
    /// Which PDFs the site offers in `downloads/`.
    #[serde(default)]
    pub downloads: Downloads,
}

/// `downloads:` in `data/site.yaml`. The book, the annual reports and the plan are always
/// offered; the monthly forms (national IDs and names masked) only when `forms: true`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Downloads {
    #[serde(default)]
    pub forms: bool,
}

fn default_language() -> String {
    "th".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_book_volume_kb() -> u64 {
    1024
}

impl SiteConfig {
    /// Settings for a project without `data/site.yaml` (e.g. a bare content folder).
    pub fn fallback() -> Self {
        SiteConfig {
            title: "คู่มือ".into(),
            description: String::new(),
            organisation: String::new(),
            language: default_language(),
            numerals: Numerals::default(),
            theme: default_theme(),
            change_process: String::new(),
            book_volume_kb: default_book_volume_kb(),
            downloads: Downloads::default(),
        }
    }

    /// The settings, or every problem with them (the site title is on every page, so it is
    /// checked for national IDs like page text).
    pub fn load(root: &Path) -> Result<Self, Vec<Diagnostic>> {
        let rel = Path::new("data/site.yaml");
        match crate::input::read_text(root, rel).map_err(|d| vec![d])? {
            Some(text) => {
                let ids = national_id::check_text(&text, rel, 1, |_, _| false);
                let config = yaml::parse::<SiteConfig>(&text, rel, 1).map_err(|d| vec![d])?;
                if ids.is_empty() {
                    Ok(config.value)
                } else {
                    Err(ids)
                }
            }
            None => Ok(Self::fallback()),
        }
    }
}
