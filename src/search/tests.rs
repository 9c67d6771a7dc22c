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

/// The statements of a bundle, one a line: `window.__khumueSearchLoad("<key>",<json>);` as
/// (key, JSON value).
fn statements(bundle: &str) -> Vec<(String, Value)> {
    bundle
        .lines()
        .map(|line| {
            let call = line
                .strip_prefix("window.__khumueSearchLoad(")
                .and_then(|rest| rest.strip_suffix(");"))
                .unwrap_or_else(|| panic!("not a load statement: {line}"));
            let (key, json) = call.split_once(',').unwrap_or(("", ""));
            let key: String = serde_json::from_str(key).unwrap_or_default();
            (key, serde_json::from_str(json).unwrap_or(Value::Null))
        })
        .collect()
}

#[test]
fn a_small_site_gets_its_postings_and_documents_in_two_bundles_skipping_drafts() {
    let files = build_index(&sample_site());
    let index = file(&files, "site/search/index.js");
    assert!(
        index.starts_with("window.__khumueSearchLoad(\"index\",{"),
        "{index}"
    );
    assert!(index.contains("\"pages\":3"), "{index}");
    assert!(index.contains("\"bundled\":true"), "{index}");
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "site/search/postings.js",
            "site/search/documents.js",
            "site/search/index.js"
        ],
        "{paths:?}"
    );
    let docs = statements(file(&files, "site/search/documents.js"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].0, "d/0");
    assert_eq!(docs[0].1.as_array().map(Vec::len), Some(3), "{:?}", docs[0]);
    // Every shard the manifest counts is in the postings bundle, under its own key.
    let keys: Vec<String> = statements(file(&files, "site/search/postings.js"))
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    assert_eq!(keys, ["w/0", "b/0"]);
    let manifest = &statements(index)[0].1;
    assert_eq!(
        (
            manifest["wordShards"].as_u64(),
            manifest["bigramShards"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert!(
        !all_text(&files).contains("ลับเฉพาะ"),
        "draft text was indexed"
    );
}

#[test]
fn document_has_url_path_without_home_and_headings_with_anchors() {
    let files = build_index(&sample_site());
    let doc = file(&files, "site/search/documents.js");
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
    let shards = statements(file(&files, "site/search/postings.js"));
    let words: Vec<&(String, Value)> = shards.iter().filter(|(k, _)| k.starts_with("w/")).collect();
    assert!(!words.is_empty());
    for (key, shard) in &words {
        let number: usize = key[2..].parse().unwrap_or(usize::MAX);
        let map = shard.as_object().cloned().unwrap_or_default();
        assert!(!map.is_empty(), "{key} is empty");
        for term in map.keys() {
            assert_eq!(
                terms::shard_hash(term) as usize % words.len(),
                number,
                "{term}"
            );
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

#[test]
fn a_document_carries_its_tags_and_its_share_of_code() {
    let mut site = sample_site();
    let volunteers = site
        .pages
        .iter_mut()
        .find(|p| p.id == "centre/volunteers")
        .unwrap_or_else(|| panic!("no centre/volunteers"));
    volunteers.front.tags = vec!["อาสาสมัคร".into(), "อสร.".into()];
    let text: usize = volunteers.body.sections.iter().map(|s| s.text.len()).sum();
    volunteers.body.code_text = text / 4;
    let percent = (text / 4 * 100 / text) as u64;
    let files = build_index(&site);
    let docs = statements(file(&files, "site/search/documents.js"));
    let list = docs[0].1.as_array().cloned().unwrap_or_default();
    let doc = list
        .iter()
        .find(|d| d["url"] == "centre/volunteers.html")
        .unwrap_or_else(|| panic!("no document for centre/volunteers: {list:?}"));
    assert_eq!(
        doc["tags"],
        serde_json::json!(["อาสาสมัคร", "อสร."]),
        "{doc}"
    );
    assert_eq!(doc["code"].as_u64(), Some(percent), "{doc}");
    assert!((20..=25).contains(&percent));
    // The description alone is the meta; a page without code or tags says nothing of them.
    assert_eq!(doc["meta"], "", "{doc}");
    let home = list
        .iter()
        .find(|d| d["url"] == "index.html")
        .cloned()
        .unwrap_or_default();
    assert!(
        home.get("code").is_none() && home.get("tags").is_none(),
        "{home}"
    );
}
