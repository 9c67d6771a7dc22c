//! `khumue check` on one fixture project per data rule: the exact message at its file:line:col,
//! its hint, and the exit code (1 for errors, 0 when there are only warnings).

use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/data")
        .join(name)
}

/// Runs `khumue check` and returns (exit code, stderr).
fn check(name: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(["check", "--root"])
        .arg(fixture(name))
        .output()
        .expect("run khumue");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asserts the run reports exactly this one diagnostic (plus the summary line).
fn assert_single(name: &str, code: i32, diagnostic: &str, hint: &str) {
    let (status, stderr) = check(name);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("check "))
        .collect();
    assert_eq!(
        lines,
        vec![diagnostic, &format!("  = hint: {hint}")],
        "fixture {name}:\n{stderr}"
    );
    assert_eq!(status, code, "fixture {name}:\n{stderr}");
}

const SP12: &str = "data/reports/2564/sp12/klong-niyom/10.yaml";

#[test]
fn valid_fixture_passes_without_diagnostics() {
    let (status, stderr) = check("valid");
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(stderr.trim(), "check passed: 0 warning(s)");
}

#[test]
fn wrong_checksum() {
    assert_single(
        "checksum",
        1,
        &format!("{SP12}:12:5: error: national ID in row 2 fails the checksum"),
        "a digit is mistyped: compare the number with the ID card",
    );
}

#[test]
fn unknown_enum_value_suggests_the_nearest() {
    assert_single(
        "unknown-enum",
        1,
        &format!("{SP12}:8:5: error: unknown assistance type \"คุ้มคอง\""),
        "did you mean คุ้มครอง (protect)? valid values: ส่งเสริม (promote), คุ้มครอง (protect), พัฒนา (develop), ระวังภัย (watch)",
    );
}

#[test]
fn unit_not_in_org() {
    assert_single(
        "unknown-unit",
        1,
        "data/reports/2564/sp12/klong-niyum/10.yaml:1:1: error: unit \"klong-niyum\" is not in data/org.yaml",
        "did you mean klong-niyom? units in data/org.yaml: klong-niyom",
    );
}

#[test]
fn month_outside_fiscal_year() {
    assert_single(
        "month-outside-fiscal-year",
        1,
        &format!("{SP12}:2:1: error: month 2564-10 is outside fiscal year 2564"),
        "fiscal year 2564 runs from 2563-10 to 2564-09; correct `month` or move the file to data/reports/2565/",
    );
}

#[test]
fn same_person_twice_in_a_unit_month() {
    assert_single(
        "duplicate-person",
        1,
        &format!("{SP12}:17:5: error: row 3 is the same person as row 1"),
        "list each person once per unit and month; merge the two rows",
    );
}

#[test]
fn declared_count_differs_from_rows() {
    assert_single(
        "count-mismatch",
        1,
        &format!("{SP12}:3:1: error: count says 3 but there are 2 rows"),
        "set `count: 2` or add the missing rows",
    );
}

#[test]
fn date_that_does_not_exist() {
    assert_single(
        "impossible-date",
        1,
        "data/reports/2564/sp12/klong-niyom/02.yaml:4:1: error: date \"2564-02-29\" does not exist",
        "2564-02 has 28 days",
    );
}

#[test]
fn late_submission_is_a_warning() {
    assert_single(
        "late-submission",
        0,
        &format!("{SP12}:4:1: warning: submitted 2563-10-27, after the due date 2563-10-25"),
        "SP-12 reports are due at the province on the 25th of the report month",
    );
}

#[test]
fn figures_that_disagree_between_files_are_a_warning() {
    assert_single(
        "figure-disagreement",
        0,
        "data/reports/2564/snb2/10.yaml:5:1: warning: has 1 rows for unit klong-niyom in 2563-10, but the unit's SP-12 report has 2 (not counting ระวังภัย)",
        &format!("{SP12} is the unit's report; the two should agree"),
    );
}

#[test]
fn messages_never_show_a_national_id() {
    for name in ["checksum", "duplicate-person", "unknown-enum"] {
        let (_, stderr) = check(name);
        let digits: String = stderr.chars().filter(char::is_ascii_digit).collect();
        for id in ["1103700001239", "3101000456784"] {
            assert!(
                !digits.contains(id) && !stderr.contains(id),
                "{name}: {stderr}"
            );
        }
    }
}

#[test]
fn default_project_checks_clean() {
    let output = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .expect("run khumue");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}
