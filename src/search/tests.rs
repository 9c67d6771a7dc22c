use std::path::PathBuf;

use super::*;
use crate::site::{FrontMatter, Heading, RenderedBody, SiteConfig, TextSection};

fn page(
    id: &str,
    parent: Option<&str>,
    kind: PageKind,
    title: &str,
    sections: Vec<TextSection>,
) -> Page {
    Page {
        id: id.into(),
        source: PathBuf::from(format!("content/{id}.md")),
        url: format!("{}.html", id.trim_end_matches("/_index")),
        kind,
        parent: parent.map(Into::into),
        front: FrontMatter {
            title: title.into(),
            ..FrontMatter::default()
        },
        body_line: 1,
        markdown: None,
        body: RenderedBody {
            sections,
            ..RenderedBody::default()
        },
        generated: false,
        fingerprint: 0,
    }
}

fn section(heading: Option<(&str, &str)>, text: &str) -> TextSection {
    TextSection {
        heading: heading.map(|(text, anchor)| Heading {
            level: 2,
            text: text.into(),
            anchor: anchor.into(),
        }),
        text: text.into(),
    }
}

fn sample_site() -> Site {
    let mut draft = page(
        "centre/draft",
        Some("centre/_index"),
        PageKind::Page,
        "ร่าง",
        vec![section(None, "ลับเฉพาะ")],
    );
    draft.front.draft = true;
    let pages = vec![
        page(
            "_index",
            None,
            PageKind::Home,
            "คู่มือ",
            vec![section(None, "ยินดีต้อนรับ")],
        ),
        page(
            "centre/_index",
            Some("_index"),
            PageKind::Section,
            "ศูนย์ประสานงาน",
            vec![],
        ),
        page(
            "centre/volunteers",
            Some("centre/_index"),
            PageKind::Page,
            "๓.๒.๑.๔ อาสาสมัครแรงงาน",
            vec![
                section(None, "อาสาสมัครแรงงานช่วยประชาชน ๑,๒๐๐ คน"),
                section(
                    Some(("หน้าที่", "duty")),
                    "ผู้ติดต่อ เลขประจำตัว 1-2345-67890-12-1 PMQA",
                ),
            ],
        ),
        draft,
    ];
    Site::new(PathBuf::from("."), SiteConfig::fallback(), pages, vec![])
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let found = files.iter().find(|f| f.path == std::path::Path::new(path));
    std::str::from_utf8(&found.unwrap_or_else(|| panic!("no {path}")).contents).unwrap_or("")
}

fn all_text(files: &[OutputFile]) -> String {
    files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
        .collect()
}

#[test]
fn writes_index_shards_and_a_small_sites_documents_eight_pages_a_file_skipping_drafts() {
    let files = build_index(&sample_site());
    let index = file(&files, "site/search/index.js");
    assert!(
        index.starts_with("window.__khumueSearchLoad(\"index\",{"),
        "{index}"
    );
    assert!(index.contains("\"pages\":3"), "{index}");
    let docs: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("site/search/d"))
        .collect();
    assert_eq!(docs.len(), 1);
    let list = String::from_utf8_lossy(&docs[0].contents);
    assert!(
        list.starts_with("window.__khumueSearchLoad(\"d/0\",[{"),
        "{list}"
    );
    assert_eq!(list.matches("\"url\":").count(), 3, "{list}");
    assert!(
        !all_text(&files).contains("ลับเฉพาะ"),
        "draft text was indexed"
    );
    assert!(files
        .iter()
        .all(|f| f.path.extension().is_some_and(|e| e == "js")));
}

#[test]
fn document_has_url_path_without_home_and_headings_with_anchors() {
    let files = build_index(&sample_site());
    let doc = file(&files, "site/search/d/0.js");
    assert!(doc.contains("\"url\":\"centre/volunteers.html\""), "{doc}");
    assert!(doc.contains("\"path\":[\"ศูนย์ประสานงาน\"]"), "{doc}");
    assert!(doc.contains("[\"หน้าที่\",\"duty\","), "{doc}");
}

#[test]
fn words_and_bigrams_are_normalised_and_sharded_by_hash() {
    let files = build_index(&sample_site());
    let text = all_text(&files);
    // Thai digits and grouped figures become plain Arabic numbers; Latin is lower-cased.
    for term in [
        "\"3.2.1.4\":",
        "\"1200\":",
        "\"pmqa\":",
        "\"แรงงาน\":",
        "\"แร\":",
    ] {
        assert!(text.contains(term), "missing term {term}");
    }
    for f in files.iter().filter(|f| f.path.starts_with("site/search/w")) {
        let body = String::from_utf8_lossy(&f.contents);
        let shard: usize = f
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        let count = files
            .iter()
            .filter(|g| g.path.starts_with("site/search/w"))
            .count();
        let json_start = body.find('{').unwrap_or(0);
        let json_end = body.rfind('}').map_or(body.len(), |e| e + 1);
        let map: serde_json::Map<String, Value> =
            serde_json::from_str(&body[json_start..json_end]).unwrap_or_default();
        for term in map.keys() {
            assert_eq!(terms::shard_hash(term) as usize % count, shard, "{term}");
        }
    }
}

#[test]
fn national_ids_never_reach_the_index() {
    let text = all_text(&build_index(&sample_site()));
    assert!(!text.contains("1234567890121"));
    assert!(!text.contains("1-2345-67890-12-1"));
    assert!(!text.contains("67890"));
}
