//! Any text as any kind of data file, then validation, totals and the generated pages.
#![no_main]

use std::path::{Path, PathBuf};

use khumue::data::{self, Data};
use khumue::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 7] = [
    "data/org.yaml",
    "data/reports/2564/sp12/klong-niyom/10.yaml",
    "data/reports/2564/snb2/10.yaml",
    "data/targets/2564.yaml",
    "data/competency/plan.yaml",
    "data/competency/staff.yaml",
    "data/site.yaml",
];

fuzz_target!(|input: (u8, &str)| {
    let (kind, text) = input;
    let rel = KINDS[kind as usize % KINDS.len()];
    if rel == "data/site.yaml" {
        let _ = khumue::yaml::parse::<khumue::site::SiteConfig>(text, Path::new(rel), 1);
        return;
    }
    let mut data = Data::default();
    let mut diagnostics = Diagnostics::new();
    data::load::load_file(&mut data, PathBuf::from(rel), text, &mut diagnostics);
    let _ = data::validate(&data);
    let totals = data::totals(&data);
    let _ = khumue::generate::pages(&khumue::generate::Inputs {
        data: &data,
        totals: &totals,
        numerals: khumue::site::SiteConfig::fallback().numerals,
        pages: &[],
    });
});
