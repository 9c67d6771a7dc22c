//! A province at scale: 30 community service units (scripts/gen_sample_data.py --units 30),
//! built with every PDF. Each PDF exists, shows no full national ID and has a plausible page
//! count; a rebuild with nothing changed reuses every PDF byte for byte, and one edited
//! unit-month typesets again only the PDFs made from it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use crate::common::project::{
    build, build_with_one_unit_month_edited, built_with_units, snapshot, BuiltProject,
};

const UNITS: usize = 30;
const MONTHS: usize = 12;

/// The 30-unit project, built once. Tests that build it again hold the lock.
fn project() -> &'static Mutex<BuiltProject> {
    static PROJECT: OnceLock<Mutex<BuiltProject>> = OnceLock::new();
    PROJECT.get_or_init(|| Mutex::new(built_with_units(UNITS)))
}

/// Runs a poppler-utils tool on `file` with `args` after it; its standard output.
fn tool(name: &str, file: &Path, args: &[&str]) -> String {
    let output = Command::new(name)
        .arg(file)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        output.status.success(),
        "{name} failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text a reader gets, without the invisible Thai line-break marks (U+200B).
fn pdf_text(file: &Path) -> String {
    crate::common::pdf::text(file, false)
}

fn page_count(file: &Path) -> usize {
    tool("pdfinfo", file, &[])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}", file.display()))
}

/// The 13-digit national IDs in the project's data, digits only.
fn national_ids(root: &Path) -> HashSet<String> {
    let mut ids = HashSet::new();
    for entry in walkdir::WalkDir::new(root.join("data/reports")) {
        let entry = entry.expect("walk");
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        for line in text.lines() {
            if let Some(value) = line.trim().strip_prefix("national_id:") {
                let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                if digits.len() == 13 {
                    ids.insert(digits);
                }
            }
        }
    }
    ids
}

/// The `count:` a report file declares.
fn declared_rows(file: &Path) -> usize {
    std::fs::read_to_string(file)
        .expect("read")
        .lines()
        .find_map(|l| l.strip_prefix("count:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count in {}", file.display()))
}

/// Every run of digits on a line (Thai digits read as Arabic), separators ignored, holds none
/// of `ids`.
fn full_ids_in(text: &str, ids: &HashSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let digits: Vec<char> = line
            .chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10),
                _ => None,
            })
            .collect();
        for window in digits.windows(13) {
            let candidate: String = window.iter().collect();
            if ids.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

fn pdfs(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(&out.join("pdf"))
}

/// "PDFs: 12 typeset, 360 reused unchanged" → (12, 360).
fn pdf_counts(log: &str) -> (usize, usize) {
    let line = log
        .lines()
        .find_map(|l| l.strip_prefix("PDFs: "))
        .unwrap_or_else(|| panic!("no PDF count in the build log:\n{log}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.replace(',', "").parse().ok())
        .collect();
    assert_eq!(numbers.len(), 2, "{line}");
    (numbers[0], numbers[1])
}

#[test]
fn thirty_units_give_every_pdf_masked_with_plausible_pages() {
    let project = project().lock().unwrap_or_else(|e| e.into_inner());
    let (made, _) = pdf_counts(&project.log);
    let files = pdfs(&project.out);
    let reports = project.root.join("data/reports/2564");
    let mut expected: Vec<(PathBuf, PathBuf)> = Vec::new();
    for unit in std::fs::read_dir(reports.join("sp12")).expect("units") {
        let unit = unit.expect("unit").file_name().into_string().expect("name");
        for month in std::fs::read_dir(reports.join("sp12").join(&unit)).expect("months") {
            let month = month.expect("month").path();
            let mm = month.file_stem().and_then(|s| s.to_str()).expect("MM");
            let year = if mm >= "10" { 2563 } else { 2564 };
            expected.push((PathBuf::from(format!("sp12-{year}-{mm}-{unit}.pdf")), month));
        }
    }
    for month in std::fs::read_dir(reports.join("snb2")).expect("snb2") {
        let month = month.expect("month").path();
        let mm = month.file_stem().and_then(|s| s.to_str()).expect("MM");
        let year = if mm >= "10" { 2563 } else { 2564 };
        expected.push((PathBuf::from(format!("snb2-{year}-{mm}.pdf")), month));
    }
    assert_eq!(expected.len(), UNITS * MONTHS + MONTHS);
    for (name, _) in &expected {
        assert!(files.contains_key(name), "{} is missing", name.display());
    }
    for name in [
        "handbook.pdf",
        "annual-report-2564.pdf",
        "competency-plan.pdf",
    ] {
        assert!(files.contains_key(Path::new(name)), "{name} is missing");
    }
    assert_eq!(made, files.len(), "{}", project.log);

    let ids = national_ids(&project.root);
    assert!(ids.len() > 1000, "only {} IDs in the data", ids.len());
    for name in files.keys() {
        let file = project.out.join("pdf").join(name);
        let text = pdf_text(&file);
        let leaked = full_ids_in(&text, &ids);
        assert!(
            leaked.is_empty(),
            "{} shows full IDs {:?}",
            name.display(),
            &leaked[..leaked.len().min(3)]
        );
    }
    // A form's pages follow its rows: an SP-12 page holds about 15 to 25 rows, an SNB-2 page
    // (landscape) about 8 to 16, and neither is ever empty.
    for (name, data) in &expected {
        let rows = declared_rows(data);
        let pages = page_count(&project.out.join("pdf").join(name));
        let (fewest, most) = if name.starts_with("snb2") {
            (rows / 40 + 1, rows / 4 + 2)
        } else {
            (1, rows / 5 + 2)
        };
        assert!(
            (fewest..=most).contains(&pages),
            "{}: {pages} pages for {rows} rows (expected {fewest} to {most})",
            name.display()
        );
    }
    let annual = page_count(&project.out.join("pdf/annual-report-2564.pdf"));
    assert!((2..=60).contains(&annual), "annual report: {annual} pages");
}

#[test]
fn rebuilds_reuse_unchanged_pdfs_and_retypeset_only_what_an_edit_feeds() {
    let project = project().lock().unwrap_or_else(|e| e.into_inner());
    let before = pdfs(&project.out);

    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
    assert_eq!(pdf_counts(&log), (0, before.len()), "{log}");
    assert_eq!(pdfs(&project.out), before, "a rebuild changed a PDF");

    // One unit-month: one person's assistance type changes between two types the SNB-2
    // also counts, so the data stays consistent.
    let month = project.root.join("data/reports/2564/sp12/unit-007/03.yaml");
    let log = build_with_one_unit_month_edited(&project, &month);
    let after = pdfs(&project.out);
    assert_eq!(after.len(), before.len());
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    // In path order, as `changed` lists them: the annual report, แบบ สนบ.๑ of that month and of
    // every later month of the fiscal year (it counts since October), and the form itself.
    let mut dependants = vec![PathBuf::from("annual-report-2564.pdf")];
    dependants.extend((3..=9).map(|m| PathBuf::from(format!("snb1-2564-{m:02}.pdf"))));
    dependants.push(PathBuf::from("sp12-2564-03-unit-007.pdf"));
    let n = dependants.len();
    assert_eq!(pdf_counts(&log), (n, before.len() - n), "{log}");
    assert_eq!(changed, dependants.iter().collect::<Vec<_>>(), "{log}");

    // Back as it was: those are typeset again and the rest reused.
    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
    assert_eq!(pdf_counts(&log).0, n, "{log}");
    assert_eq!(pdfs(&project.out), before);
}
