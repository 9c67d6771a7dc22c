//! Report data under `data/`: the organisation, monthly SP-12 and SNB-2 reports, yearly
//! targets and the competency plan. `load` reads it, `validate` checks it, `totals` adds it
//! up and `pages` turns the results into handbook pages (counts only: no names, no IDs).

mod cache;
pub mod codes;
mod layout;
pub mod load;
pub mod model;
pub mod national_id;
mod person;
mod raw;
pub mod totals;
mod validate;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::yaml::Locations;

pub use cache::{Cache, NAME as CACHE};
pub use model::*;
pub use national_id::{format_national_id, mask_national_id};
pub use person::{mask_name, Shown};
pub use totals::Totals;

/// A loaded file's value, with where it came from for diagnostics.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sourced<T> {
    pub value: T,
    /// Relative to the project root: `data/reports/2564/sp12/klong-niyom/10.yaml`.
    pub file: PathBuf,
    /// Found again from the file's text (see `cache`), never stored.
    #[serde(skip)]
    pub locations: Locations,
}

/// Everything under `data/` except `site.yaml`, `glossary.yaml` and `synonyms.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// The project root the data was loaded from.
    pub root: PathBuf,
    pub org: Option<Sourced<Org>>,
    /// Sorted by path, i.e. by fiscal year, unit and month.
    pub sp12: Vec<Sourced<Sp12Report>>,
    pub snb2: Vec<Sourced<Snb2Report>>,
    pub targets: Vec<Sourced<Targets>>,
    pub plan: Option<Sourced<CompetencyPlan>>,
    pub staff: Option<Sourced<StaffRecords>>,
}

impl Data {
    pub fn is_empty(&self) -> bool {
        self.org.is_none()
            && self.sp12.is_empty()
            && self.snb2.is_empty()
            && self.targets.is_empty()
            && self.plan.is_none()
            && self.staff.is_none()
    }

    /// Fiscal years that have any report or targets, oldest first.
    pub fn fiscal_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .sp12
            .iter()
            .map(|r| r.value.month)
            .chain(self.snb2.iter().map(|r| r.value.month))
            .filter(|m| m.be_year != 0)
            .map(ReportMonth::fiscal_year)
            .chain(
                self.targets
                    .iter()
                    .map(|t| t.value.fiscal_year)
                    .filter(|y| *y != 0),
            )
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// Loads every YAML file under `root/data/` except site.yaml, glossary.yaml and synonyms.yaml. A project with
/// no data files gives an empty `Data`. Every file is attempted; problems come back as
/// diagnostics (YAML errors, unknown keys, values that cannot be read).
pub fn load(root: &Path) -> (Data, Diagnostics) {
    load::load(root)
}

/// Like `load`, parsing only the files that `cache` does not hold as they are now, and
/// leaving in `cache` what this load read.
pub fn load_cached(root: &Path, cache: &mut Cache) -> (Data, Diagnostics) {
    load::load_cached(root, cache)
}

/// Checks the rules that relate values to each other and to other files (national ID
/// checksums, units, fiscal years, duplicates, counts, due dates, disagreeing figures).
pub fn validate(data: &Data) -> Diagnostics {
    validate::validate(data)
}

/// Totals per month, unit, assistance type and worker type; unique persons per fiscal year;
/// indicators against their targets.
pub fn totals(data: &Data) -> Totals {
    totals::totals(data)
}
