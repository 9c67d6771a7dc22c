//! National ID numbers never reach the site: an ID in any text a page or data file gives the
//! site (title, description, tags, headings, anchors, body, tables, code, raw HTML, file
//! names, unit names, glossary, site settings) is an error with its file, line and column; a
//! last scan of every built file catches what templates and copied files bring. Each failing
//! build exits 1 and leaves the previous output byte for byte as it was.

use std::path::Path;
use std::process::Command;

use crate::common::project::snapshot;

/// A throwaway project: `files` are (path under the project, contents).
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), files);
    dir
}

pub fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }
}

/// `khumue <command> --root root` (build: into `root/out`, without PDFs): exit code and stderr.
pub fn run(root: &Path, command: &str) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khumue"));
    cmd.args([command, "--root", root.to_str().expect("utf-8 path")]);
    if command == "build" {
        cmd.args([
            "--out",
            root.join("out").to_str().expect("utf-8"),
            "--no-pdf",
        ]);
    }
    let out = cmd.output().expect("run khumue");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

pub const HOME: (&str, &str) = ("content/_index.md", "---\ntitle: home\n---\ntext\n");

/// Builds `good` (the previous output), then adds `bad` and builds again: the second build
/// must exit 1 and leave the output byte-identical. Returns its stderr.
pub fn fails_keeping_output(good: &[(&str, &str)], bad: &[(&str, &str)]) -> String {
    let p = project(good);
    let (code, log) = run(p.path(), "build");
    assert_eq!(code, 0, "{log}");
    let before = snapshot(&p.path().join("out"));
    write(p.path(), bad);
    let (code, log) = run(p.path(), "build");
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("the previous output was left as it was"),
        "{log}"
    );
    assert!(
        snapshot(&p.path().join("out")) == before,
        "the failed build changed the output"
    );
    log
}

/// The `file:line:col: error: message` lines of a log.
fn errors(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(": error: ")).collect()
}

const ID_ERROR: &str = "error: a national ID number here would be published";
const HINT: &str = "hint: write it masked, like 1-2345-xxxxx-xx-1";

/// One valid ID (1-1037-00001-23-9) in every place and spelling a page can hold it.
const PAGE_WITH_IDS: &str = "---
title: บัตร 1103700001239
description: \"๑-๑๐๓๗-๐๐๐๐๑-๒๓-๙\"
tags: [a, 1 1037 00001 23 9]
---
## หัวข้อ 1.1037.00001.23.9

### ย่อย {#n-1103700001239}

ข้อความ 1-1037-00001-23-9

| ก | ข |
|---|---|
| 1 1 0 3 7 0 0 0 0 1 2 3 9 | x |

```
code 1-๑๐๓๗-00001-๒๓-9
```

<span title=\"1103700001239\">h</span>

ก&nbsp;1&nbsp;1037&nbsp;00001&nbsp;23&nbsp;9

[ลิงก์](https://example.org/?id=1-1037-00001-23-9)
";

#[test]
fn an_id_in_each_place_of_a_page_is_an_error_at_its_line() {
    let log = fails_keeping_output(&[HOME], &[("content/ids.md", PAGE_WITH_IDS)]);
    let expected: Vec<String> = [
        (2, 13),  // title
        (3, 15),  // description, Thai digits
        (4, 11),  // tags, spaced
        (6, 11),  // heading, dotted
        (8, 14),  // heading anchor
        (10, 9),  // body, dashed
        (14, 3),  // table, digit by digit
        (17, 6),  // code, mixed digits
        (20, 14), // raw HTML attribute
        (22, 8),  // HTML references as separators
        (24, 33), // link target
    ]
    .iter()
    .map(|(line, col)| format!("content/ids.md:{line}:{col}: {ID_ERROR}"))
    .collect();
    assert_eq!(errors(&log), expected, "{log}");
    assert!(log.contains(HINT), "{log}");
    assert!(
        !log.contains("00001"),
        "the log must not repeat an ID: {log}"
    );
}

/// Any 13 digits in a row (Thai or Arabic, split by single spaces, dashes, dots or no-break
/// spaces, grouped any way) with a valid check digit: broader than khumue's detector on
/// purpose, so the test does not share its blind spots.
fn id_like_numbers(text: &str) -> Vec<String> {
    let text = khumue::thai::digits::to_arabic(text);
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<String> = vec![String::new()];
    for (i, c) in chars.iter().enumerate() {
        let joins = matches!(c, ' ' | '-' | '.' | '\u{a0}')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            runs.last_mut().expect("a run").push(*c);
        } else if !joins {
            runs.push(String::new());
        }
    }
    runs.iter()
        .flat_map(|run| {
            (0..run.len().saturating_sub(12)).map(move |start| run[start..start + 13].to_string())
        })
        .filter(|digits| khumue::data::national_id::problem(digits).is_none())
        .collect()
}

#[test]
fn masked_ids_build_and_no_id_is_anywhere_under_the_site() {
    let masked = PAGE_WITH_IDS
        .replace("1103700001239", "1-1037-xxxxx-xx-9")
        .replace("๑-๑๐๓๗-๐๐๐๐๑-๒๓-๙", "๑-๑๐๓๗-xxxxx-xx-๙")
        .replace("1 1037 00001 23 9", "1 1037 xxxxx xx 9")
        .replace("1.1037.00001.23.9", "1.1037.xxxxx.xx.9")
        .replace("1-1037-00001-23-9", "1-1037-xxxxx-xx-9")
        .replace("1 1 0 3 7 0 0 0 0 1 2 3 9", "1 1 0 3 7 x x x x x x x 9")
        .replace("1-๑๐๓๗-00001-๒๓-9", "1-๑๐๓๗-xxxxx-xx-9")
        .replace(
            "1&nbsp;1037&nbsp;00001&nbsp;23&nbsp;9",
            "1&nbsp;1037&nbsp;xxxxx",
        );
    let p = project(&[HOME, ("content/ids.md", &masked)]);
    let (code, log) = run(p.path(), "build");
    assert_eq!(code, 0, "{log}");
    let site = p.path().join("out/site");
    let page = std::fs::read_to_string(site.join("ids.html")).expect("ids.html");
    assert!(page.contains("1-1037-xxxxx-xx-9"), "the masked ID is shown");
    let mut scanned = 0;
    for (path, bytes) in snapshot(&site) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue; // fonts and images
        };
        scanned += 1;
        let found = id_like_numbers(&text);
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
    assert!(scanned > 10, "HTML, scripts and the feed were scanned");
}

#[test]
fn the_ids_own_field_of_a_report_row_is_allowed_and_free_text_beside_it_is_not() {
    let org = "province: x\nunits:\n  - id: u1\n    name: หน่วย\n    moo: 1\n    sub_district: ก\n    district: ข\n";
    let report = "unit: u1\nmonth: \"2563-10\"\ncount: 2\nrows:\n  - name: นาย ก\n    national_id: \"1-1037-00001-23-9\"\n    assistance: promote\n    worker: informal\n    note: เลข 1103700001239\n  - {name: นาง ข, national_id: 3100600123450, assistance: protect, worker: elderly}\n";
    let log = fails_keeping_output(
        &[HOME, ("data/org.yaml", org)],
        &[("data/reports/2564/sp12/u1/10.yaml", report)],
    );
    assert_eq!(
        errors(&log),
        vec![format!(
            "data/reports/2564/sp12/u1/10.yaml:9:15: {ID_ERROR}"
        )],
        "{log}"
    );
}

#[test]
fn an_id_in_a_unit_name_is_an_error() {
    let org = "province: x\nunits:\n  - id: u1\n    name: หน่วย ๑๑๐๓๗๐๐๐๐๑๒๓๙\n    moo: 1\n    sub_district: ก\n    district: ข\n";
    let log = fails_keeping_output(&[HOME], &[("data/org.yaml", org)]);
    assert_eq!(
        errors(&log),
        vec![format!("data/org.yaml:4:17: {ID_ERROR}")],
        "{log}"
    );
}

#[test]
fn an_id_in_the_glossary_is_an_error() {
    let glossary = "terms:\n  - term: บัตร\n    definition: เช่น 1-1037-00001-23-9\n";
    let log = fails_keeping_output(&[HOME], &[("data/glossary.yaml", glossary)]);
    assert_eq!(
        errors(&log),
        vec![format!("data/glossary.yaml:3:22: {ID_ERROR}")],
        "{log}"
    );
}

#[test]
fn an_id_in_the_site_settings_is_an_error() {
    let log = fails_keeping_output(
        &[HOME],
        &[("data/site.yaml", "title: คู่มือ 1 1037 00001 23 9\n")],
    );
    assert_eq!(
        errors(&log),
        vec![format!("data/site.yaml:1:15: {ID_ERROR}")],
        "{log}"
    );
}

#[test]
fn an_id_in_a_file_name_is_an_error() {
    let log = fails_keeping_output(
        &[HOME],
        &[("content/1103700001239.md", "---\ntitle: x\n---\n")],
    );
    assert_eq!(
        errors(&log),
        vec!["content/1103700001239.md:1:1: error: a national ID number in this file's path would be published"],
        "{log}"
    );
}

#[test]
fn an_id_brought_by_a_template_is_caught_in_the_built_files() {
    let log = fails_keeping_output(
        &[HOME],
        &[
            ("data/site.yaml", "title: t\ntheme: mine\n"),
            (
                "themes/mine/templates/partials/page-footer.html",
                "<footer>\nติดต่อ 1-1037-00001-23-9</footer>\n",
            ),
        ],
    );
    let found = errors(&log);
    assert!(!found.is_empty(), "{log}");
    assert!(
        found.iter().all(|e| e.starts_with("site/")
            && e.ends_with(": error: a national ID number is in this built file (1 in all); nothing was published")),
        "{log}"
    );
}

#[test]
fn an_id_in_a_file_copied_from_content_is_caught_in_the_built_files() {
    let log = fails_keeping_output(&[HOME], &[("content/list.txt", "รายชื่อ\nก ๑๑๐๓๗๐๐๐๐๑๒๓๙\n")]);
    assert_eq!(
        errors(&log),
        vec!["site/list.txt:2:3: error: a national ID number is in this built file (1 in all); nothing was published"],
        "{log}"
    );
}

#[test]
fn check_reports_ids_too() {
    let p = project(&[
        HOME,
        ("content/a.md", "---\ntitle: x\n---\n1103700001239\n"),
    ]);
    let (code, log) = run(p.path(), "check");
    assert_eq!(code, 1, "{log}");
    assert_eq!(errors(&log), vec![format!("content/a.md:4:1: {ID_ERROR}")]);
}
