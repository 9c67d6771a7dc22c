//! Search text analysis is defined once, as the cases of `tests/fixtures/search-analysis.json`.
//! The Rust side checks them in `src/search/parity.rs`; here Node runs the same cases through
//! the shipped `themes/default/static/js/search-analysis.js` (`tests/browser/search-parity.mjs`).

use std::path::Path;
use std::process::{Command, Output};

use crate::common::browser;

fn fixture() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-analysis.json");
    std::fs::read_to_string(&path).expect("read the search analysis fixture")
}

/// `node tests/browser/search-parity.mjs [fixture]` (plain Node: no browser, no packages).
fn run_parity(fixture: Option<&Path>) -> Output {
    let mut command = Command::new("node");
    command.arg(browser::scripts_dir().join("search-parity.mjs"));
    if let Some(path) = fixture {
        command.arg(path);
    }
    command.output().expect("node must be installed (Node 20)")
}

#[test]
fn the_shipped_javascript_analysis_agrees_with_every_fixture_case() {
    let out = run_parity(None);
    assert!(
        out.status.success(),
        "search-analysis.js disagrees with the fixture:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = fixture().matches("\"input\"").count();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("{cases} cases agree")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_wrong_expected_term_fails_the_javascript_check() {
    let text = fixture();
    // The Thai-digit case expects the index term "25"; claim "52" instead.
    let wrong = text.replacen("\"index_terms\":[\"25\"", "\"index_terms\":[\"52\"", 1);
    assert_ne!(
        wrong, text,
        "the fixture no longer has the case this test edits"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("search-analysis.json");
    std::fs::write(&path, wrong).expect("write the edited fixture");
    let out = run_parity(Some(&path));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an edited fixture passed");
    assert!(
        stderr.contains("\"๒๕๖๔\"") && stderr.contains("index_terms want [\"52\""),
        "{stderr}"
    );
}
