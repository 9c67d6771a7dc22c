//! The search evaluation of issue 3: the seed-sections corpus built as a project, every query
//! of `../shared/search-eval/dev-queries.json` run through `window.khumueSearch` in headless
//! Chromium, over `file://` and over HTTP. Fails below recall@5 0.95 or top-1 17/20.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser;
use serde_json::Value;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Builds the seed-sections corpus as a project; returns (temp dir, site folder).
fn build_seed_site() -> (tempfile::TempDir, PathBuf) {
    let corpus = shared().join("corpus/seed-sections");
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("project/content");
    std::fs::create_dir_all(&content).expect("content dir");
    let entries =
        std::fs::read_dir(&corpus).unwrap_or_else(|e| panic!("{}: {e}", corpus.display()));
    for entry in entries.flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            std::fs::copy(entry.path(), content.join(entry.file_name())).expect("copy page");
        }
    }
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(["build", "--root"])
        .arg(dir.path().join("project"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run khumue");
    assert!(status.success(), "khumue build failed");
    (dir, out.join("site"))
}

/// Page id of a result url: `s011-p1-3-2-1-4.html#x` → `s011-p1-3-2-1-4`.
fn page_id(url: &str) -> &str {
    let path = url.split('#').next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".html").unwrap_or(file)
}

struct Scores {
    recall_at_5: f64,
    top1: usize,
    queries: usize,
}

fn evaluate(page_url: &str, label: &str) -> Scores {
    let queries_path = shared().join("search-eval/dev-queries.json");
    let queries: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&queries_path).expect("dev-queries.json"))
            .expect("queries are JSON");
    let stdout = browser::run_node_ok(
        "search-queries.mjs",
        &[page_url, &queries_path.to_string_lossy(), "5"],
    );
    let answers: Vec<Value> = serde_json::from_str(stdout.trim()).expect("script prints JSON");
    assert_eq!(answers.len(), queries.len());
    let mut recall = 0.0;
    let mut top1 = 0;
    for (query, answer) in queries.iter().zip(&answers) {
        let expect: Vec<&str> = query["expect"]
            .as_array()
            .expect("expect")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let got: Vec<&str> = answer["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|r| r["url"].as_str())
            .map(page_id)
            .collect();
        let found = expect
            .iter()
            .filter(|e| got.iter().take(5).any(|g| g == *e))
            .count();
        recall += found as f64 / expect.len() as f64;
        let first = got.first().is_some_and(|g| expect.contains(g));
        top1 += usize::from(first);
        println!(
            "[{label}] {:>2} {:<28} recall {found}/{} top1 {} got {:?}",
            query["id"],
            query["q"].as_str().unwrap_or(""),
            expect.len(),
            if first { "yes" } else { "no " },
            &got[..got.len().min(5)]
        );
    }
    let scores = Scores {
        recall_at_5: recall / queries.len() as f64,
        top1,
        queries: queries.len(),
    };
    println!(
        "[{label}] recall@5 {:.3}  top-1 {}/{}",
        scores.recall_at_5, scores.top1, scores.queries
    );
    scores
}

fn assert_good(scores: &Scores) {
    assert!(
        scores.recall_at_5 >= 0.95,
        "recall@5 {:.3} < 0.95",
        scores.recall_at_5
    );
    assert!(
        scores.top1 >= 17,
        "top-1 {}/{} < 17",
        scores.top1,
        scores.queries
    );
}

#[test]
fn dev_queries_over_file_urls() {
    let (_dir, site) = build_seed_site();
    let scores = evaluate(&browser::file_url(&site.join("index.html")), "file");
    assert_good(&scores);
}

#[test]
fn dev_queries_over_http() {
    let (_dir, site) = build_seed_site();
    let base = browser::serve_dir(&site);
    let scores = evaluate(&format!("{base}index.html"), "http");
    assert_good(&scores);
}
