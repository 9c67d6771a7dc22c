//! The handbook's own search, used as a reader would from `file://` in headless Chromium:
//! `/` focuses the header box, typing shows results, Enter (or a click) opens one, and
//! `search.html?q=…` lists results too.

use std::path::Path;
use std::process::Command;

use crate::common::browser;
use serde_json::Value;

/// Builds the default handbook (the repository itself) into a temp folder.
fn build_handbook() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let status = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out"])
        .arg(out.path())
        .status()
        .expect("run khumue");
    assert!(status.success(), "khumue build of the handbook failed");
    out
}

fn use_search_box(site: &Path, query: &str, how: &str) -> Value {
    let url = browser::file_url(&site.join("index.html"));
    let stdout = browser::run_node_ok("search-ui.mjs", &[&url, query, how]);
    serde_json::from_str(stdout.trim()).expect("script prints JSON")
}

fn assert_opened_first_result(report: &Value, query: &str) {
    assert_eq!(report["focused"], true, "`/` did not focus the search box");
    let results = report["results"].as_array().expect("results");
    assert!(!results.is_empty(), "no results for {query}");
    let first_title = results[0]["title"].as_str().unwrap_or_default();
    assert_eq!(
        report["landed"], report["expectedHref"],
        "did not land on the first result"
    );
    assert!(report["landed"]
        .as_str()
        .unwrap_or_default()
        .starts_with("file://"));
    let landed_title = report["landedTitle"].as_str().unwrap_or_default();
    assert!(
        landed_title.starts_with(first_title),
        "landed on {landed_title:?}, expected {first_title:?}"
    );
    assert_eq!(
        report["bodyHasQuery"], true,
        "the page opened does not contain {query}"
    );
    assert!(
        report["pageResults"].as_u64().unwrap_or(0) > 0,
        "search.html?q={query} shows no results"
    );
}

#[test]
fn typing_then_enter_opens_a_result_from_file_urls() {
    let out = build_handbook();
    let query = "อาสาสมัครแรงงาน";
    let report = use_search_box(&out.path().join("site"), query, "enter");
    assert_opened_first_result(&report, query);
}

#[test]
fn clicking_a_result_opens_it_from_file_urls() {
    let out = build_handbook();
    let query = "ประกันสังคม";
    let report = use_search_box(&out.path().join("site"), query, "click");
    assert_opened_first_result(&report, query);
}
