//! Reading paths per role, what changed, and the Atom feed.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::browser;
use khumue::site::frontmatter;

/// Page ids in the site's reading order, read back from the navigation script.
fn reading_order(site: &Path) -> Vec<String> {
    let js = std::fs::read_to_string(site.join("nav.js")).unwrap();
    let json = js
        .trim()
        .trim_start_matches("window.khumueNav = ")
        .trim_end_matches(';');
    let nav: serde_json::Value = serde_json::from_str(json).unwrap();
    fn walk(items: &serde_json::Value, out: &mut Vec<String>) {
        for item in items.as_array().unwrap() {
            let url = item["url"].as_str().unwrap();
            let id = match url.strip_suffix("index.html") {
                Some(dir) => format!("{dir}_index"),
                None => url.trim_end_matches(".html").to_string(),
            };
            out.push(id);
            walk(&item["children"], out);
        }
    }
    let mut ids = vec!["_index".to_string()];
    walk(&nav["items"], &mut ids);
    ids
}

/// The pages a path lists (the list under its first checklist heading), as page ids.
fn listed_items(html: &str, role: &str) -> Vec<String> {
    let list = html
        .split("class=\"checklist\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or_default();
    list.split("href=\"")
        .skip(1)
        .filter(|rest| !rest.starts_with('#'))
        .map(|rest| {
            let href = &rest[..rest.find('"').unwrap()];
            let url = format!("paths/{role}.html");
            let mut parts: Vec<&str> = url.split('/').collect();
            parts.pop();
            for step in href.split('/') {
                if step == ".." {
                    parts.pop();
                } else {
                    parts.push(step);
                }
            }
            let path = parts.join("/");
            let id = path.trim_end_matches(".html");
            match id.strip_suffix("index") {
                Some(dir) => format!("{dir}_index"),
                None => id.to_string(),
            }
        })
        .collect()
}

#[test]
fn path_pages_list_exactly_the_pages_for_the_role_in_reading_order() {
    let out = common::project::default_output();
    let site = out.join("site");
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let order = reading_order(&site);
    for role in [
        "new-staff",
        "experienced-staff",
        "supervisor",
        "executive",
        "volunteer",
    ] {
        let expected: Vec<String> = order
            .iter()
            .filter(|id| {
                let file = content.join(format!("{id}.md"));
                let Ok(text) = std::fs::read_to_string(&file) else {
                    return false;
                };
                let front = frontmatter::parse(&text, &file).unwrap().front;
                front.audience.iter().any(|a| a.code() == role)
            })
            .cloned()
            .collect();
        assert!(expected.len() >= 5, "{role}: {expected:?}");
        let html = std::fs::read_to_string(site.join(format!("paths/{role}.html"))).unwrap();
        assert_eq!(listed_items(&html, role), expected, "path for {role}");
        assert!(html.contains("นาที"), "reading time shown");
    }
}

#[test]
fn new_staff_path_lists_their_courses_from_the_plan() {
    let out = common::project::default_output();
    let html = std::fs::read_to_string(out.join("site/paths/new-staff.html")).unwrap();
    assert!(
        html.contains("id=\"หลักสูตรตามแผนพัฒนาสมรรถนะ\" class=\"checklist\""),
        "courses for new staff"
    );
    let volunteer = std::fs::read_to_string(out.join("site/paths/volunteer.html")).unwrap();
    assert!(
        !volunteer.contains("หลักสูตรตามแผนพัฒนาสมรรถนะ"),
        "the plan has no courses for volunteers"
    );
}

#[test]
fn atom_feed_parses_and_lists_newest_first() {
    let out = common::project::default_output();
    let xml = std::fs::read_to_string(out.join("site/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    for required in ["id", "title", "updated", "author"] {
        assert!(
            feed.children().any(|c| c.tag_name().name() == required),
            "feed lacks <{required}>"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert!(entries.len() >= 10);
    let dates: Vec<String> = entries
        .iter()
        .map(|e| {
            for required in ["id", "title", "updated", "link"] {
                assert!(
                    e.children().any(|c| c.tag_name().name() == required),
                    "entry lacks <{required}>"
                );
            }
            e.children()
                .find(|c| c.tag_name().name() == "updated")
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    // Every entry links to a page that exists.
    for e in &entries {
        let href = e
            .children()
            .find(|c| c.tag_name().name() == "link")
            .unwrap()
            .attribute("href")
            .unwrap();
        assert!(out.join("site").join(href).is_file(), "{href}");
    }
}

#[test]
fn glossary_links_terms_and_lists_back_links() {
    let out = common::project::default_output();
    let page = std::fs::read_to_string(out.join("site/centre/purpose-and-roles.html")).unwrap();
    let first = page
        .find("class=\"glossary-term\"")
        .expect("a term is linked");
    assert!(page[first..].contains("role=\"tooltip\""));
    let glossary = std::fs::read_to_string(out.join("site/reference/glossary.html")).unwrap();
    assert!(glossary.contains("id=\"term-แรงงานนอกระบบ\""));
    assert!(
        glossary.contains("../centre/purpose-and-roles.html"),
        "back-link to a page using the term"
    );
}

#[test]
fn checklist_ticks_survive_a_reload_from_file() {
    let out = common::project::default_output();
    let url = browser::file_url(&out.join("site/paths/new-staff.html"));
    let stdout = browser::run_node_ok("path-checklist.mjs", &[&url]);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(report["before"].as_array().unwrap().len(), 2, "{report}");
    assert_eq!(report["after"], report["before"], "{report}");
    assert!(
        report["progress"]
            .as_str()
            .unwrap()
            .contains("อ่านแล้ว ๒ จาก"),
        "{report}"
    );
    assert_eq!(report["errors"], serde_json::json!([]));
}
