//! The build pipeline end to end: the default handbook, bad input, and the promise that a
//! failed build leaves the previous output as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/site").join(name)
}

fn khumue(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(args)
        .output()
        .expect("run khumue");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn build(root: &Path, out: &Path) -> (bool, String) {
    khumue(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

use crate::common::project::snapshot;

#[test]
fn default_handbook_builds_with_40_pages_and_no_broken_links() {
    let out = common::project::default_output();
    let site = out.join("site");
    assert!(site.join("index.html").is_file());
    let pages = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name != "404.html" && name != "search.html" && name != "index.html"
        })
        .count();
    assert!(pages >= 40, "only {pages} content pages");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("lang=\"th\""));
}

#[test]
fn pages_link_only_to_resources_inside_the_site() {
    let out = common::project::default_output();
    let attr = regex_lite_find_external;
    for (path, bytes) in snapshot(&out.join("site")) {
        if path.extension().is_some_and(|x| x == "html") {
            let text = String::from_utf8(bytes).unwrap();
            if let Some(found) = attr(&text) {
                panic!("{} loads an outside resource: {found}", path.display());
            }
        }
    }
}

/// `src=` or `href=` on a tag other than `<a>` pointing at another site.
fn regex_lite_find_external(html: &str) -> Option<String> {
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let end = tag.find('>').unwrap_or(tag.len());
        let attrs = &tag[..end];
        for key in ["src=\"", "href=\""] {
            if let Some(at) = attrs.find(key) {
                let value = &attrs[at + key.len()..];
                let external = value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("//");
                if external && (name != "a" || key == "src=\"") {
                    return Some(format!("<{}", &attrs[..attrs.len().min(120)]));
                }
            }
        }
    }
    None
}

#[test]
fn links_are_rewritten_and_relative() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (ok, log) = build(&fixture("good"), &out);
    assert!(ok, "{log}");
    let home = std::fs::read_to_string(out.join("site/index.html")).unwrap();
    assert!(home.contains("href=\"guide/index.html\""), "{home}");
    // pulldown-cmark percent-encodes the Thai fragment; browsers decode it back.
    assert!(
        home.contains("href=\"guide/steps.html#%E0%B8%82%E0%B8%B1%E0%B9%89%E0%B8%99"),
        "{home}"
    );
    let steps = std::fs::read_to_string(out.join("site/guide/steps.html")).unwrap();
    assert!(steps.contains("href=\"../index.html\""));
    assert!(steps.contains("id=\"ขั้นที่-1-รับเรื่อง\""));
    // The updated date in Thai with a Buddhist-era year.
    assert!(steps.contains("๑ พฤศจิกายน ๒๕๖๙"), "{steps}");
}

/// Builds `good` into an output folder, then `bad` into the same folder: it must fail with
/// `expected` in its messages and leave the first output byte for byte.
fn fails_and_keeps_output(bad: &str, expected: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let (ok, log) = build(&fixture("good"), &out);
    assert!(ok, "{log}");
    let before = snapshot(&out);
    assert!(!before.is_empty());
    let (ok, log) = build(&fixture(bad), &out);
    assert!(!ok, "building {bad} should fail:\n{log}");
    for line in expected {
        assert!(log.contains(line), "expected `{line}` in:\n{log}");
    }
    assert_eq!(
        before,
        snapshot(&out),
        "output changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn broken_links_fail_with_file_and_line() {
    fails_and_keeps_output(
        "broken-link",
        &[
            "content/_index.md:6:17: error: link to a missing page `missing.md`",
            "content/_index.md:6:48: error: link to a missing page `guide/none.md`",
        ],
    );
}

#[test]
fn broken_heading_anchor_fails_with_file_and_line() {
    fails_and_keeps_output(
        "broken-anchor",
        &["content/_index.md:4:4: error: link to a missing heading: `content/other.md` has no heading `#ไม่มีหัวข้อนี้`"],
    );
}

#[test]
fn bad_front_matter_fails_with_file_and_line() {
    fails_and_keeps_output(
        "bad-front-matter",
        &[
            "content/_index.md:2:1: error: invalid YAML",
            "closing quote",
        ],
    );
}

#[test]
fn unknown_front_matter_key_fails_with_file_and_line() {
    fails_and_keeps_output(
        "unknown-key",
        &[
            "content/_index.md:4:1: error: unknown key `colour`",
            "allowed keys: title, weight",
        ],
    );
}

#[test]
fn check_reports_all_errors_and_exits_1() {
    let (ok, log) = khumue(&["check", "--root", fixture("broken-link").to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(
        log.matches("error: link to a missing page").count(),
        2,
        "{log}"
    );
}

#[test]
fn check_passes_on_the_default_handbook() {
    let (ok, log) = khumue(&["check", "--root", repo().to_str().unwrap()]);
    assert!(ok, "{log}");
    assert!(!log.contains("error:"), "{log}");
}

#[test]
fn a_project_theme_replaces_built_in_files_one_by_one() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    for entry in walkdir::WalkDir::new(fixture("good")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(fixture("good")).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(project.join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), project.join(rel)).unwrap();
        }
    }
    // A theme with one file: its own handbook template, importing the built-in common.typ.
    let typst = project.join("themes/default/typst");
    std::fs::create_dir_all(&typst).unwrap();
    std::fs::write(
        typst.join("handbook.typ"),
        "#import \"/common.typ\": *\n#show: base.with(size: 14pt)\nCUSTOM HANDBOOK #json(\"/khumue/inputs.json\").title_text\n",
    )
    .unwrap();
    let out = tmp.path().join("output");
    let (ok, log) = build(&project, &out);
    assert!(ok, "{log}");
    // The site still has every page, from the built-in templates.
    let home = std::fs::read_to_string(out.join("site/index.html")).unwrap();
    assert!(home.contains("<nav"), "{home}");
    let text = crate::common::pdf::text(&out.join("pdf/handbook.pdf"), false);
    assert!(text.contains("CUSTOM HANDBOOK"), "{text}");
}
