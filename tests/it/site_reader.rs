//! The built handbook as a Thai reader meets it, in headless Chromium: words and numbers kept
//! whole on a phone and a desktop, no serious accessibility violation in light or dark mode,
//! pop-ups that stay on a phone's screen and close with Escape, and the whole site offline
//! after one visit over HTTP (never a service worker from disk).

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{self, browser};

fn site() -> std::path::PathBuf {
    common::project::default_output().join("site")
}

fn html_pages(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// One pass of `reader-check.mjs` over every page (lines, axe, tooltips), shared by the tests
/// below: one browser, each page loaded once per width.
fn checked() -> &'static Value {
    static REPORT: OnceLock<Value> = OnceLock::new();
    REPORT.get_or_init(|| {
        let site = site();
        let started = std::time::Instant::now();
        let stdout = browser::run_node_ok("reader-check.mjs", &[site.to_str().unwrap()]);
        eprintln!(
            "reader-check.mjs: {:.1} s for every page at 1280 and 360 px",
            started.elapsed().as_secs_f64()
        );
        let report: Value = serde_json::from_str(stdout.trim()).unwrap();
        let pages = html_pages(&site).len() as u64;
        assert!(pages > 50, "the default handbook has its pages");
        assert_eq!(report["pages"], pages, "every page was opened");
        assert_eq!(report["views"], 2 * pages, "at both widths");
        report
    })
}

#[test]
fn no_line_starts_inside_a_thai_word_or_a_number() {
    let report = checked();
    assert_eq!(
        report["lineBreaks"],
        serde_json::json!([]),
        "lines broken inside a word (⏎ marks the break)"
    );
    assert_eq!(report["errors"], serde_json::json!([]), "page errors");
}

#[test]
fn axe_finds_no_serious_or_critical_violation_light_or_dark() {
    let report = checked();
    assert_eq!(report["axe"], serde_json::json!([]), "axe-core violations");
}

#[test]
fn glossary_tips_stay_inside_a_phone_screen_and_escape_closes_them() {
    let report = checked();
    assert!(
        report["tipsChecked"].as_u64().unwrap() > 20,
        "the handbook links glossary terms: {}",
        report["tipsChecked"]
    );
    assert_eq!(report["tips"], serde_json::json!([]), "tooltips");
}

#[test]
fn search_box_and_phone_menu_fit_a_phone_and_escape_keeps_the_focus() {
    let page = site().join("centre/service-units.html");
    let stdout = browser::run_node_ok("reader-popups.mjs", &[&browser::file_url(&page), "แรงงาน"]);
    let r: Value = serde_json::from_str(stdout.trim()).unwrap();
    let search = &r["search"];
    assert!(search["options"].as_u64().unwrap() > 0, "{r}");
    assert_eq!(search["inside"], true, "results box off the screen: {r}");
    assert_eq!(search["closedByEscape"], true, "{r}");
    assert_eq!(search["focusKept"], true, "Escape dropped the focus: {r}");
    let menu = &r["menu"];
    assert_eq!(menu["name"], "เมนูสารบัญ", "{r}");
    assert_eq!(
        menu["opened"],
        serde_json::json!({"visible": true, "inside": true, "focusInside": true, "expanded": "true"}),
        "{r}"
    );
    assert_eq!(
        menu["closed"],
        serde_json::json!({"hidden": true, "focusOnButton": true, "expanded": "false"}),
        "{r}"
    );
    assert_eq!(r["title"]["whole"], true, "site title cut off: {r}");
    assert_eq!(r["errors"], serde_json::json!([]), "{r}");
}

#[test]
fn whole_site_works_offline_after_one_visit_and_never_registers_from_disk() {
    let site = site();
    let base = browser::serve_dir(&site);
    let tmp = tempfile::tempdir().unwrap();
    let queries = tmp.path().join("queries.json");
    std::fs::write(
        &queries,
        r#"["แรงงานนอกระบบ", "สป-๑๒", "อาสาสมัคร", "รายงาน", "ฉะเชิงเทรา"]"#,
    )
    .unwrap();
    let stdout = browser::run_node_ok(
        "reader-offline.mjs",
        &[
            &base,
            site.to_str().unwrap(),
            queries.to_str().unwrap(),
            "20",
        ],
    );
    let r: Value = serde_json::from_str(stdout.trim()).unwrap();

    // A missing URL three folders deep: the site's 404, styled, its links leading home.
    let missing = &r["notFound"];
    assert_eq!(missing["status"], 404, "{r}");
    assert_eq!(missing["heading"], "ไม่พบหน้านี้", "{r}");
    assert_eq!(missing["styled"], true, "the 404 lost its CSS: {r}");
    assert_eq!(missing["home"], format!("{base}index.html"), "{r}");
    assert!(missing["sidebarLinks"].as_u64().unwrap() > 10, "{r}");

    let worker = &r["worker"];
    assert_eq!(worker["state"], "activated", "{r}");
    assert_eq!(worker["manifest"], true, "{r}");
    let files = worker_files(&site);
    assert!(
        files.contains(&"search/index.js".to_string()),
        "search index precached"
    );
    assert_eq!(
        worker["cached"].as_u64().unwrap() as usize,
        files.len(),
        "every listed file cached: {r}"
    );

    let pages = r["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 20, "{r}");
    for p in pages {
        assert_eq!(p["status"], 200, "{p}");
        assert_eq!(p["styled"], true, "{p}");
        assert!(!p["title"].as_str().unwrap().is_empty(), "{p}");
        assert!(p["sidebarLinks"].as_u64().unwrap() > 10, "{p}");
    }
    let searches = r["searches"].as_array().unwrap();
    assert_eq!(searches.len(), 5);
    for s in searches {
        assert!(
            s["results"].as_u64().unwrap() > 0,
            "offline search found nothing: {s}"
        );
    }
    assert_eq!(
        r["notFromWorker"],
        serde_json::json!([]),
        "offline responses not from the worker"
    );
    assert_eq!(r["errors"], serde_json::json!([]), "errors offline: {r}");

    let disk = &r["file"];
    assert_eq!(disk["registered"], serde_json::json!([0, 0]), "{r}");
    assert_eq!(
        disk["errors"],
        serde_json::json!([]),
        "errors from file://: {r}"
    );
}

/// The file list written into `sw.js`.
fn worker_files(site: &Path) -> Vec<String> {
    let worker = std::fs::read_to_string(site.join("sw.js")).unwrap();
    let line = worker
        .lines()
        .find_map(|l| l.strip_prefix("const FILES = "))
        .expect("a file list");
    serde_json::from_str(line.trim_end_matches(';')).unwrap()
}

fn build_id(site: &Path) -> String {
    let worker = std::fs::read_to_string(site.join("sw.js")).unwrap();
    worker
        .lines()
        .find_map(|l| l.strip_prefix("const BUILD = \""))
        .and_then(|l| l.strip_suffix("\";"))
        .expect("a build id")
        .to_string()
}

#[test]
fn offline_worker_lists_every_file_and_changes_with_the_content() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    let fixture = common::project::repo().join("tests/fixtures/site/good");
    crate::common::project::copy_dir(&fixture, &project);
    let build = |out: &str| {
        let out = tmp.path().join(out);
        let (ok, log) = common::project::build(&project, &out, &["--no-pdf"]);
        assert!(ok, "{log}");
        out.join("site")
    };
    let first = build("a");
    let again = build("b");
    assert_eq!(
        build_id(&first),
        build_id(&again),
        "same content, same worker"
    );

    // Every file of the site is listed, except the worker itself.
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&first)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&first).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p != "sw.js")
        .collect();
    on_disk.sort();
    assert_eq!(worker_files(&first), on_disk);

    let page = project.join("content/guide/steps.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nอีกหนึ่งบรรทัด\n")).unwrap();
    let changed = build("c");
    assert_ne!(
        build_id(&first),
        build_id(&changed),
        "a changed page must replace the cache"
    );
}

#[test]
fn every_page_links_the_favicon_and_shows_who_owns_it() {
    let site = site();
    assert!(site.join("static/favicon.svg").is_file());
    for page in html_pages(&site) {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            html.contains("static/favicon.svg\""),
            "{} has no favicon link",
            page.display()
        );
        let name = page
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if name != "404.html" && name != "search.html" {
            assert!(html.contains("ผู้รับผิดชอบ"), "{name} does not say who owns it");
        }
    }
}
