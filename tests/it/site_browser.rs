//! The built handbook as a reader sees it: opened from disk in headless Chromium.

use crate::common;

use crate::common::browser;

#[test]
fn handbook_opens_from_disk_and_navigates_with_no_network() {
    let out = common::project::default_output();
    let url = browser::file_url(&out.join("site/index.html"));
    let stdout = browser::run_node_ok("site-nav.mjs", &[&url, "3"]);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let visited = report["visited"].as_array().unwrap();
    assert_eq!(visited.len(), 3, "{report}");
    for v in visited {
        // The page reached is the one the link named.
        assert_eq!(
            v["link"].as_str().unwrap().trim(),
            v["title"].as_str().unwrap(),
            "{report}"
        );
        assert!(v["url"].as_str().unwrap().starts_with("file://"));
    }
    let urls: std::collections::HashSet<_> =
        visited.iter().map(|v| v["url"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), 3, "three different pages: {report}");
    assert!(report["requests"].as_u64().unwrap() > 10, "{report}");
    assert_eq!(
        report["external"],
        serde_json::json!([]),
        "requests left the disk: {report}"
    );
    assert_eq!(
        report["failed"],
        serde_json::json!([]),
        "failed requests: {report}"
    );
    assert_eq!(
        report["errors"],
        serde_json::json!([]),
        "console errors: {report}"
    );
}
