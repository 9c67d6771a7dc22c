//! After a build of the default project, nothing under `site/` (pages, search index, scripts,
//! every file) carries a national ID number or the name of an assisted person.

use std::path::{Path, PathBuf};

use khumue::yaml;

use crate::common::project::repo;

fn build(out: &Path) {
    let (ok, log) = crate::common::project::build(&repo(), out, &[]);
    assert!(ok, "build failed:\n{log}");
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read output dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// A number written with digits (Thai or Arabic) and single dashes or spaces between digit
/// groups: its groups in Arabic digits, and whether it is the fraction of a decimal number
/// (`1469.0365853658536` in the search index is a float, not an ID).
struct DigitRun {
    groups: Vec<String>,
    fraction: bool,
}

impl DigitRun {
    fn digits(&self) -> String {
        self.groups.concat()
    }
}

fn digit_runs(text: &str) -> Vec<DigitRun> {
    let chars: Vec<char> = text
        .chars()
        .map(khumue::thai::digits::arabic_digit)
        .collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let fraction = i >= 2 && chars[i - 1] == '.' && chars[i - 2].is_ascii_digit();
        let mut groups = vec![String::new()];
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                if let Some(group) = groups.last_mut() {
                    group.push(chars[i]);
                }
                i += 1;
            } else if (chars[i] == '-' || chars[i] == ' ')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                groups.push(String::new());
                i += 1;
            } else {
                break;
            }
        }
        runs.push(DigitRun { groups, fraction });
    }
    runs
}

/// A 13-digit number as IDs are written: 13 digits in a row, or grouped 1-4-5-2-1 with dashes
/// or spaces. (Table cells that the search index joins with spaces, such as
/// `2563 5 17 11 6 27`, are not ID-shaped; real IDs in any grouping are caught by
/// `contains_known_id`.)
fn has_13_digit_number(text: &str) -> bool {
    digit_runs(text)
        .iter()
        .filter(|run| !run.fraction)
        .any(|run| {
            let sizes: Vec<usize> = run.groups.iter().map(String::len).collect();
            sizes.iter().any(|n| *n >= 13) || sizes.windows(5).any(|w| w == [1, 4, 5, 2, 1])
        })
}

/// Any of `ids` inside any number, however its digits are grouped (fractions included).
fn contains_known_id(text: &str, ids: &[String]) -> bool {
    digit_runs(text)
        .iter()
        .map(DigitRun::digits)
        .any(|digits| digits.len() >= 13 && ids.iter().any(|id| digits.contains(id.as_str())))
}

/// Every `name:` and `national_id:` (digits only) of every row of every SP-12 and SNB-2 file,
/// read straight from the YAML.
fn assisted_people() -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut ids = Vec::new();
    for file in files_under(&repo().join("data/reports")) {
        let text = std::fs::read_to_string(&file).expect("read report");
        let doc = yaml::parse::<serde_json::Value>(&text, &file, 1).expect("report parses");
        for row in doc.value["rows"].as_array().into_iter().flatten() {
            if let Some(name) = row["name"].as_str() {
                names.push(name.to_string());
            }
            if let Some(id) = row["national_id"].as_str() {
                ids.push(
                    khumue::thai::digits::to_arabic(id)
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect(),
                );
            }
        }
    }
    names.sort();
    names.dedup();
    ids.sort();
    ids.dedup();
    (names, ids)
}

#[test]
fn detector_finds_ids_in_any_digits_and_spacing() {
    assert!(has_13_digit_number("x 1-1037-00001-23-9 y"));
    assert!(has_13_digit_number("๑ ๑๐๓๗ ๐๐๐๐๑ ๒๓ ๙"));
    assert!(has_13_digit_number("เลข 1103700001239."));
    assert!(!has_13_digit_number(
        "2564-10-25 12,345 viewBox=\"0 0 720 300\" 1469.0365853658536"
    ));
    assert!(!has_13_digit_number("ตุลาคม 2563 5 17 11 6 27 8 4 39"));
    let ids = vec!["1103700001239".to_string()];
    assert!(contains_known_id("11 0370 0001 239", &ids));
    assert!(contains_known_id("0.1103700001239", &ids));
    assert!(!contains_known_id("1 1037 00001 23 8", &ids));
}

#[test]
fn built_site_has_no_national_ids_and_no_names() {
    let out = tempfile::tempdir().expect("temp dir");
    build(out.path());
    let (names, ids) = assisted_people();
    assert!(ids.len() > 100 && ids.iter().all(|id| id.len() == 13));
    assert!(
        names.len() > 100,
        "the sample data should name many people, found {}",
        names.len()
    );
    let site = out.path().join("site");
    let files = files_under(&site);
    assert!(
        files.iter().any(|f| f.ends_with("results/2564.html")),
        "dashboard was not built"
    );
    for file in files {
        let bytes = std::fs::read(&file).expect("read site file");
        // A PDF offered in downloads/ is read as a person reads it: its compressed streams
        // are binary, where any run of 13 digits means nothing.
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("pdf") => crate::common::pdf::text(&file, false),
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let shown = file
            .strip_prefix(&site)
            .unwrap_or(&file)
            .display()
            .to_string();
        assert!(
            !contains_known_id(&text, &ids),
            "{shown} contains an assisted person's national ID"
        );
        assert!(
            !has_13_digit_number(&text),
            "{shown} contains a 13-digit number"
        );
        if let Some(name) = names.iter().find(|n| text.contains(n.as_str())) {
            panic!(
                "{shown} contains the name of an assisted person ({} characters)",
                name.chars().count()
            );
        }
    }
}
