//! Data rules beyond the one-fixture-per-rule set, checked through the library on small
//! projects written to a temporary folder: every file is attempted and every problem reported.

use std::path::Path;

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }
    dir
}

/// `file:line:col: severity: message` of every diagnostic from load + validate, sorted.
fn problems(root: &Path) -> Vec<String> {
    let (data, mut diagnostics) = khumue::data::load(root);
    diagnostics.extend(khumue::data::validate(&data));
    diagnostics
        .sorted()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}: {}",
                d.file.display(),
                d.line,
                d.col,
                d.severity,
                d.message
            )
        })
        .collect()
}

const ORG: &str = "province: x\nunits:\n  - id: u1\n    name: หน่วย\n    moo: 1\n    sub_district: ก\n    district: ข\n";

#[test]
fn reports_every_problem_of_every_file() {
    let dir = project(&[
        ("data/org.yaml", ORG),
        ("data/site.yaml", "this is: [not for the data module\n"),
        (
            "data/reports/2564/sp12/u1/11.yaml",
            "unit: u2\nmonth: \"2563-10\"\ncount: 2\nsubmitted: 29/10/2563\nrows:\n  - name: a\n    national_id: \"12345\"\n    assistance: promote\n    worker: retired\n  - name: b\n    national_id: \"1-1037-0000l-23-9\"\n    assistance: develop\n    worker: informal\n",
        ),
        ("data/reports/2564/snb2/10.yaml", "province: x\nmonth: 2563-10\ncount: 0\ncolour: red\n"),
        ("data/notes.yaml", "a: 1\n"),
    ]);
    let mut found = problems(dir.path());
    // The YAML module words unknown-key errors; only their position is this module's concern.
    let unknown_key = found.remove(1);
    assert!(
        unknown_key.starts_with("data/reports/2564/snb2/10.yaml:4:1: error:"),
        "{unknown_key}"
    );
    assert!(unknown_key.contains("colour"), "{unknown_key}");
    assert_eq!(
        found,
        vec![
            "data/notes.yaml:1:1: warning: not a known data file; it is ignored",
            "data/reports/2564/sp12/u1/11.yaml:1:1: error: unit \"u2\" does not match its folder \"u1\"",
            "data/reports/2564/sp12/u1/11.yaml:1:1: error: unit \"u2\" is not in data/org.yaml",
            "data/reports/2564/sp12/u1/11.yaml:2:1: error: month 2563-10 does not match the file name 11.yaml",
            "data/reports/2564/sp12/u1/11.yaml:4:1: error: \"29/10/2563\" is not a date",
            "data/reports/2564/sp12/u1/11.yaml:9:5: error: unknown worker type \"retired\"",
            "data/reports/2564/sp12/u1/11.yaml:11:5: error: national ID in row 2 contains \"l\", which is not a digit",
        ]
    );
}

#[test]
fn short_national_id_is_reported_by_length() {
    let dir = project(&[
        ("data/org.yaml", ORG),
        (
            "data/reports/2564/sp12/u1/10.yaml",
            "unit: u1\nmonth: \"2563-10\"\ncount: 1\nrows:\n  - name: a\n    national_id: \"1-1037-00001-23\"\n    assistance: ส่งเสริม\n    worker: นอกระบบ\n",
        ),
    ]);
    assert_eq!(
        problems(dir.path()),
        vec!["data/reports/2564/sp12/u1/10.yaml:6:5: error: national ID in row 1 has 12 digits instead of 13"]
    );
}

#[test]
fn staff_courses_must_be_in_the_plan_and_targets_match_their_file() {
    let dir = project(&[
        (
            "data/competency/plan.yaml",
            "groups:\n  - id: s\n    name: ทักษะ\n    courses:\n      - id: s-1\n        name: หลักสูตร\n        targets: [new-staff, ผู้บริหร]\n        methods: [training]\n",
        ),
        (
            "data/competency/staff.yaml",
            "staff:\n  - code: S01\n    group: new-staff\n    completed:\n      - course: s-2\n        date: \"2564-01-10\"\n",
        ),
        ("data/targets/2564.yaml", "fiscal_year: 2565\nindicators: []\n"),
    ]);
    assert_eq!(
        problems(dir.path()),
        vec![
            "data/competency/plan.yaml:7:30: error: unknown target group \"ผู้บริหร\"",
            "data/competency/staff.yaml:5:9: error: course \"s-2\" is not in data/competency/plan.yaml",
            "data/targets/2564.yaml:1:1: error: fiscal_year 2565 does not match the file name",
        ]
    );
}

#[test]
fn indicators_are_measured_against_their_targets() {
    let dir = project(&[
        ("data/org.yaml", ORG),
        (
            "data/competency/plan.yaml",
            "groups:\n  - id: s\n    name: ทักษะ\n    courses:\n      - id: s-1\n        name: หลักสูตร\n        targets: [new-staff]\n        methods: [training]\n",
        ),
        (
            "data/competency/staff.yaml",
            "staff:\n  - code: S01\n    group: new-staff\n    completed:\n      - course: s-1\n        date: \"2564-01-10\"\n  - code: S02\n    group: new-staff\n    completed:\n      - course: s-1\n        date: \"2564-10-01\"\n",
        ),
        (
            "data/targets/2564.yaml",
            "fiscal_year: 2564\nindicators:\n  - id: staff\n    name: พัฒนา\n    target: 85\n    unit: ร้อยละ\n    measure: staff-developed-percent\n  - id: units\n    name: หน่วย\n    target: 2\n    unit: หน่วย\n    measure: service-units\n",
        ),
    ]);
    let (data, _) = khumue::data::load(dir.path());
    let totals = khumue::data::totals(&data);
    let year = totals.year(2564).expect("2564 from the targets file");
    let actual: Vec<(Option<f64>, Option<bool>)> = year
        .indicators
        .iter()
        .map(|i| (i.actual, i.met()))
        .collect();
    // S02's course falls in fiscal 2565, so one of two staff was developed in 2564.
    assert_eq!(
        actual,
        vec![(Some(50.0), Some(false)), (Some(1.0), Some(false))]
    );
}
