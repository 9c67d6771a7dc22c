//! The units listing at scale (issue 15): one table of every unit, which the theme makes
//! sortable by any column (a button in each header, aria-sort on the sorted one) and filterable
//! (Thai and Arabic digits alike). Built from 12 generated units, opened from file://.

use std::path::Path;

use crate::common::browser::{file_url, run_node_ok};
use crate::common::project::{build, project_with_units};

const UNITS: usize = 12;

/// Thai digits as Arabic ones, thousands commas dropped: "๑,๒๐๐" → "1200".
fn arabic(text: &str) -> String {
    text.chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            c => c,
        })
        .collect()
}

fn numbers(values: &serde_json::Value) -> Vec<u64> {
    values
        .as_array()
        .expect("a list of cells")
        .iter()
        .map(|v| {
            let text = arabic(v.as_str().expect("cell text"));
            text.parse()
                .unwrap_or_else(|_| panic!("{text:?} is not a number"))
        })
        .collect()
}

fn texts(values: &serde_json::Value) -> Vec<String> {
    values
        .as_array()
        .expect("a list of rows")
        .iter()
        .map(|v| v.as_str().expect("row text").to_string())
        .collect()
}

#[test]
fn units_page_is_one_sortable_filterable_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("project");
    project_with_units(&root, UNITS);
    let out = root.join("output");
    let (ok, log) = build(&root, &out, &["--no-pdf"]);
    assert!(ok, "the {UNITS}-unit site build failed:\n{log}");
    let index = out.join("site/results/units/index.html");
    let html = std::fs::read_to_string(&index).expect("the units page");
    // Without script: a plain table with a row (and a link) per unit.
    assert_eq!(html.matches("<tbody>").count(), 1, "one table");
    let body = &html[html.find("<tbody>").unwrap_or(0)..];
    assert_eq!(body.matches("<tr>").count(), UNITS, "a row per unit");

    let report: serde_json::Value = serde_json::from_str(&run_node_ok(
        "units-table.mjs",
        &[&file_url(Path::new(&index))],
    ))
    .expect("the script's JSON");
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    let headers = report["headers"].as_array().expect("headers");
    assert_eq!(headers.len(), 5, "{report}");
    assert!(
        headers.iter().all(|h| h["button"] == true),
        "every header a button: {report}"
    );

    let ascending = numbers(&report["ascending"]);
    let descending = numbers(&report["descending"]);
    assert_eq!(ascending.len(), UNITS, "{report}");
    let mut sorted = ascending.clone();
    sorted.sort_unstable();
    assert_eq!(ascending, sorted, "ascending by value: {report}");
    assert!(
        ascending.first() < ascending.last(),
        "the units' figures differ, so the order is tested: {report}"
    );
    sorted.reverse();
    assert_eq!(descending, sorted, "descending by value: {report}");
    assert_eq!(report["ascendingSort"], "ascending");
    assert_eq!(report["descendingSort"], "descending");

    let all = texts(&report["rows"]);
    assert_eq!(all.len(), UNITS);
    let typed = &report["typed"];
    let place = typed["text"].as_str().expect("a sub-district");
    let by_place = texts(&report["filtered"]["text"]);
    let expected: Vec<&String> = all.iter().filter(|r| r.contains(place)).collect();
    assert!(!by_place.is_empty() && by_place.len() < UNITS, "{report}");
    assert_eq!(by_place.iter().collect::<Vec<_>>(), expected, "{report}");

    let thai = texts(&report["filtered"]["thai"]);
    let latin = texts(&report["filtered"]["arabic"]);
    assert!(!thai.is_empty(), "{report}");
    assert_eq!(thai, latin, "Thai and Arabic digits filter alike: {report}");
    let figure = typed["arabic"].as_str().expect("a figure");
    assert!(thai.iter().all(|r| arabic(r).contains(figure)), "{report}");
}
