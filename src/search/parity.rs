//! Search text analysis as data: every case of `tests/fixtures/search-analysis.json` through the
//! Rust side (`for_search`, `loose`, `terms::runs`, `terms::bigrams`, `terms::loose_bigrams`). The same file is run through the
//! browser's `search-analysis.js` by `tests/browser/search-parity.mjs`, so the two stay in step.

use serde::Deserialize;

use super::terms;
use crate::thai::normalize::{for_search, loose};

const FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/search-analysis.json"
));

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    input: String,
    normalized: String,
    index_terms: Vec<String>,
    loose: String,
    loose_terms: Vec<String>,
    query_terms: Vec<String>,
    note: String,
}

/// The distinct bigrams the index holds for `text` (as `PartialIndex::count` adds them), in
/// order of first appearance.
fn index_terms(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for run in terms::runs(&for_search(text)) {
        for pair in terms::bigrams(run) {
            let term = terms::unpack_bigram(terms::pack_bigram(pair));
            if !found.contains(&term) {
                found.push(term);
            }
        }
    }
    found
}

/// The loose bigrams the index holds for `text`, spelt `~` + bigram, in order of first appearance.
fn loose_terms(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for run in terms::runs(&for_search(text)) {
        for pair in terms::loose_bigrams(run) {
            let term = terms::unpack_bigram(terms::pack_bigram(pair) | terms::LOOSE);
            if !found.contains(&term) {
                found.push(term);
            }
        }
    }
    found
}

/// The parts a query is matched by: the runs of its normalised text.
fn query_terms(text: &str) -> Vec<String> {
    terms::runs(&for_search(text))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_fixture_case_matches_the_rust_analysis() {
    let fixture: Fixture = match serde_json::from_str(FIXTURE) {
        Ok(f) => f,
        Err(e) => panic!("tests/fixtures/search-analysis.json: {e}"),
    };
    assert!(fixture.cases.len() >= 20, "the fixture lost its cases");
    let mut failures = Vec::new();
    for case in &fixture.cases {
        let got = (
            for_search(&case.input),
            index_terms(&case.input),
            loose(&for_search(&case.input)),
            loose_terms(&case.input),
            query_terms(&case.input),
        );
        let want = (
            case.normalized.clone(),
            case.index_terms.clone(),
            case.loose.clone(),
            case.loose_terms.clone(),
            case.query_terms.clone(),
        );
        if got != want {
            failures.push(format!(
                "{:?} ({}):\n  want {:?}\n  got  {:?}",
                case.input, case.note, want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
