//! A rebuild makes again only what changed: every generated binary file (PDF, spreadsheet, the
//! site's archive) is keyed by its inputs and, when they did not change, taken over from the
//! previous output as the same file (the same inode, so neither typeset nor written again).
//! One edited unit-month rewrites exactly the files made from it.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::common::project::{
    build, build_with_one_unit_month_edited, built_with_units, BuiltProject,
};

const UNITS: usize = 3;

/// A 3-unit project (scripts/gen_sample_data.py), built once with every PDF. Each test builds
/// it again while holding the lock.
fn project() -> &'static Mutex<BuiltProject> {
    static PROJECT: OnceLock<Mutex<BuiltProject>> = OnceLock::new();
    PROJECT.get_or_init(|| Mutex::new(built_with_units(UNITS)))
}

/// A generated binary file as found on disk: its inode and its bytes.
#[derive(PartialEq, Eq, Debug)]
struct Found {
    inode: u64,
    bytes: Vec<u8>,
}

/// Every PDF, spreadsheet and archive in `out` (the forms, their copies on the site, the zip).
fn artifacts(out: &Path) -> BTreeMap<PathBuf, Found> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ["pdf", "xlsx", "zip"].contains(&x))
        })
        .map(|e| {
            let meta = e.metadata().expect("metadata");
            let rel = e.path().strip_prefix(out).expect("inside").to_path_buf();
            let bytes = std::fs::read(e.path()).expect("read");
            (
                rel,
                Found {
                    inode: meta.ino(),
                    bytes,
                },
            )
        })
        .collect()
}

/// The files of `after` that are not the very files of `before` (another inode), in path order.
fn rewritten(before: &BTreeMap<PathBuf, Found>, after: &BTreeMap<PathBuf, Found>) -> Vec<String> {
    after
        .iter()
        .filter(|(path, found)| before.get(*path).map(|b| b.inode) != Some(found.inode))
        .map(|(path, _)| path.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn an_unchanged_rebuild_rewrites_no_pdf_spreadsheet_or_archive() {
    let project = project().lock().unwrap_or_else(|e| e.into_inner());
    let before = artifacts(&project.out);
    for needed in ["khumue-site.zip", "pdf/handbook.pdf"] {
        assert!(before.contains_key(Path::new(needed)), "{needed} missing");
    }
    let sheets = before.keys().filter(|p| p.starts_with("xlsx")).count();
    assert!(sheets > UNITS * 12, "only {sheets} spreadsheets");

    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
    let after = artifacts(&project.out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert_eq!(rewritten(&before, &after), Vec::<String>::new(), "{log}");
    assert!(after == before, "a file kept its inode but not its bytes");
}

#[test]
fn one_edited_unit_month_rewrites_only_the_files_made_from_it() {
    let project = project().lock().unwrap_or_else(|e| e.into_inner());
    // Settled first: the first test may not have run.
    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
    let before = artifacts(&project.out);

    let units = project.root.join("data/reports/2564/sp12");
    let names = unit_ids(&units);
    let unit = names.last().expect("a unit").clone();
    // One person's assistance type changes between two types the SNB-2 also counts, so the
    // data stays consistent.
    let month = units.join(&unit).join("03.yaml");
    let log = build_with_one_unit_month_edited(&project, &month);
    let after = artifacts(&project.out);

    // The unit-month's own form and sheet; แบบ สนบ.๑ of that month and every later month of
    // the fiscal year (it counts since October), as PDF and sheet; the annual report, with its
    // copy on the site's downloads page; and the archive of the site, which holds that copy.
    let mut expected = vec![
        "khumue-site.zip".to_string(),
        "pdf/annual-report-2564.pdf".to_string(),
    ];
    expected.extend((3..=9).map(|m| format!("pdf/snb1-2564-{m:02}.pdf")));
    expected.push(format!("pdf/sp12-2564-03-{unit}.pdf"));
    expected.push("site/downloads/annual-report-2564.pdf".into());
    expected.extend((3..=9).map(|m| format!("xlsx/snb1-2564-{m:02}.xlsx")));
    expected.push(format!("xlsx/sp12-2564-03-{unit}.xlsx"));
    assert_eq!(rewritten(&before, &after), expected, "{log}");
    // A rewritten file did change, and a kept one did not.
    for (path, found) in &after {
        let old = &before[path];
        let was_rewritten = expected.contains(&path.to_string_lossy().into_owned());
        assert_eq!(
            old.bytes != found.bytes,
            was_rewritten,
            "{}: rewritten {was_rewritten}, bytes changed {}",
            path.display(),
            old.bytes != found.bytes
        );
    }

    // Back as it was: the same files again, made from the restored data.
    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
    let restored = artifacts(&project.out);
    for (path, found) in &restored {
        assert_eq!(found.bytes, before[path].bytes, "{}", path.display());
    }
}

#[test]
fn data_taken_from_the_cache_gives_the_same_warnings_and_an_edit_is_read_again() {
    let project = project().lock().unwrap_or_else(|e| e.into_inner());
    let stray = project.root.join("data/notes.yaml");
    std::fs::write(&stray, "note: not a data file\n").expect("write");
    let (ok, first) = build(&project.root, &project.out, &[]);
    let (ok_again, second) = build(&project.root, &project.out, &[]);
    std::fs::remove_file(&stray).expect("remove");
    assert!(ok && ok_again, "{first}\n{second}");
    let warning = "data/notes.yaml:1:1: warning: not a known data file";
    assert!(first.contains(warning), "{first}");
    assert!(
        second.contains(warning),
        "the cached file lost its warning:\n{second}"
    );
    // The cache holds full national IDs: kept in the output only, never in the spare.
    assert!(project.out.join(".khumue-data-cache").is_file());
    let spare = project.root.join(".output.spare");
    assert!(spare.is_dir(), "no spare folder");
    assert!(!spare.join(".khumue-data-cache").exists());

    // An edited file is parsed again: a bad value in it fails the build at its position.
    let units = project.root.join("data/reports/2564/sp12");
    let names = unit_ids(&units);
    let rel = format!("data/reports/2564/sp12/{}/02.yaml", names[0]);
    let month = project.root.join(&rel);
    let text = std::fs::read_to_string(&month).expect("read");
    let bad = text.replacen("month: ", "month: not-a-month # ", 1);
    assert_ne!(bad, text, "{text}");
    std::fs::write(&month, &bad).expect("edit");
    let (ok, log) = build(&project.root, &project.out, &[]);
    std::fs::write(&month, &text).expect("restore");
    assert!(!ok, "a bad month was taken from the cache:\n{log}");
    assert!(log.contains(&format!("{rel}:")), "{log}");
    let (ok, log) = build(&project.root, &project.out, &[]);
    assert!(ok, "{log}");
}

/// The units that report SP-12 in `units` (a year's `sp12/` folder), sorted.
fn unit_ids(units: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(units)
        .expect("units")
        .map(|e| e.expect("unit").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
