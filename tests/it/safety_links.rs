//! Links and what users supply: a `%` before a Thai letter in a link, image, fragment or
//! reference definition is an error (exit 1 with file:line), never a crash (exit 101); links
//! that run script are errors; page file names with `#`, `?`, `%` or a scheme get working,
//! harmless links; values from data/ and front matter are escaped, and no page opens a dialog
//! in a real browser.

use crate::common::browser;
use crate::common::project::snapshot;
use crate::safety_ids::{fails_keeping_output, project, run, HOME};

fn errors(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(": error: ")).collect()
}

fn page(body: &str) -> String {
    format!("---\ntitle: p\n---\n{body}\n")
}

#[test]
fn a_percent_before_a_thai_letter_in_a_fragment_is_an_error() {
    let log = fails_keeping_output(&[HOME], &[("content/p.md", &page("[x](#5%ของ)"))]);
    assert_eq!(
        errors(&log),
        vec!["content/p.md:4:1: error: link to a missing heading: `content/p.md` has no heading `#5%ของ`"],
        "{log}"
    );
}

#[test]
fn a_percent_before_a_thai_letter_in_a_page_link_is_an_error() {
    let log = fails_keeping_output(&[HOME], &[("content/p.md", &page("[x](5%ของ.md)"))]);
    assert_eq!(
        errors(&log),
        vec!["content/p.md:4:1: error: link to a missing page `5%ของ.md`"],
        "{log}"
    );
}

#[test]
fn a_percent_before_a_thai_letter_in_an_image_is_an_error() {
    let log = fails_keeping_output(&[HOME], &[("content/p.md", &page("![x](%กข.png)"))]);
    assert_eq!(
        errors(&log),
        vec!["content/p.md:4:1: error: image not found `%กข.png`"],
        "{log}"
    );
}

#[test]
fn a_percent_before_a_thai_letter_in_a_reference_definition_is_an_error() {
    let log = fails_keeping_output(
        &[HOME],
        &[(
            "content/p.md",
            &page("ดู [x][r] และ [y](other.md#ก%ข)\n\n[r]: %ก%ข.md#%ค"),
        )],
    );
    assert_eq!(
        errors(&log),
        vec![
            "content/p.md:4:4: error: link to a missing page `%ก%ข.md#%ค`",
            "content/p.md:4:15: error: link to a missing page `other.md#ก%ข`",
        ],
        "{log}"
    );
}

#[test]
fn check_never_crashes_on_a_percent_before_a_thai_letter() {
    let p = project(&[
        HOME,
        (
            "content/p.md",
            &page("[a](#5%ของ) [b](5%ของ.md) ![c](%กข.png)"),
        ),
    ]);
    let (code, log) = run(p.path(), "check");
    assert_eq!(code, 1, "{log}");
    assert_eq!(errors(&log).len(), 3, "{log}");
}

#[test]
fn a_javascript_link_is_an_error() {
    let log = fails_keeping_output(
        &[HOME],
        &[("content/p.md", &page("[x](javascript:alert(1))"))],
    );
    assert_eq!(
        errors(&log),
        vec!["content/p.md:4:1: error: link target that runs script or opens an embedded document `javascript:alert(1)`"],
        "{log}"
    );
}

#[test]
fn vbscript_and_data_links_are_errors() {
    let log = fails_keeping_output(
        &[HOME],
        &[(
            "content/p.md",
            &page("[a](VBScript:msgbox) [b](data:text/html,x) [c](<java\tscript:alert(1)>)"),
        )],
    );
    assert_eq!(errors(&log).len(), 3, "{log}");
    assert!(
        errors(&log)
            .iter()
            .all(|e| e.contains("error: link target that runs script")),
        "{log}"
    );
}

#[test]
fn a_script_link_in_raw_html_is_an_error() {
    let log = fails_keeping_output(
        &[HOME],
        &[(
            "content/p.md",
            &page("ก <a href=\"&#106;avascript:alert(1)\">x</a>\n\n<iframe src=\"data:text/html,x\"></iframe>"),
        )],
    );
    assert_eq!(
        errors(&log),
        vec![
            "content/p.md:4:3: error: link target that runs script or opens an embedded document `&#106;avascript:alert(1)`",
            "content/p.md:6:1: error: link target that runs script or opens an embedded document `data:text/html,x`",
        ],
        "{log}"
    );
}

/// Every `href` of `<a>` in `html`.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

#[test]
fn page_file_names_with_url_characters_get_working_harmless_links() {
    let names = ["a#b", "q?x", "%41", "javascript:alert(7)%2F%2F"];
    let mut files: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                format!("content/{n}.md"),
                format!("---\ntitle: \"{n}\"\n---\ntext\n"),
            )
        })
        .collect();
    files.push((HOME.0.into(), HOME.1.into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let p = project(&files);
    let (code, log) = run(p.path(), "build");
    assert_eq!(code, 0, "{log}");
    let site = p.path().join("out/site");
    for name in names {
        assert!(site.join(format!("{name}.html")).is_file(), "{name}");
    }
    let home = std::fs::read_to_string(site.join("index.html")).expect("index.html");
    let nav = std::fs::read_to_string(site.join("nav.js")).expect("nav.js");
    let nav_urls: Vec<String> = nav
        .split("\"url\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    let mut linked = 0;
    for href in hrefs(&home).into_iter().chain(nav_urls) {
        assert!(
            !khumue::util::url::is_script_url(&href),
            "a link that runs script: {href}"
        );
        if href.ends_with(".html") && !href.contains("://") {
            let file = site.join(khumue::util::url::percent_decode(&href).as_ref());
            assert!(file.is_file(), "{href} leads nowhere");
            linked += 1;
        }
    }
    assert!(
        linked >= 8,
        "the section list and the sidebar link every page"
    );
    for name in names {
        let target = khumue::util::url::encode_path(&format!("{name}.html"));
        assert!(
            home.contains(&format!("href=\"{target}\"")),
            "{name}: {home}"
        );
    }
}

const XSS: &str = "<img src=x onerror=alert(1)>";

#[test]
fn values_from_data_and_front_matter_are_escaped_and_no_page_opens_a_dialog() {
    let org = format!(
        "province: x\ncentre:\n  name: \"{XSS}\"\nunits:\n  - id: u1\n    name: \"{XSS}\"\n    village: \"<script>alert(2)</script>\"\n    moo: 1\n    sub_district: \"[x](javascript:alert(3))\"\n    district: \"|{{#x}}\"\n"
    );
    let glossary = format!(
        "page: glossary.md\nterms:\n  - term: \"{XSS}\"\n    aliases: [\"<b onmouseover=alert(4)>\"]\n    definition: \"<svg onload=alert(5)>\"\n  - term: คำ\n    definition: \"</span><img src=x onerror=alert(6)>\"\n"
    );
    let title_page = format!(
        "---\ntitle: \"{XSS} คำ\"\nupdated: 2026-10-01\ndescription: \"<script>alert(7)</script>\"\naudience: [new-staff]\ntags: [\"<i onclick=alert(8)>\"]\n---\nคำ และ {{ไม่}} ใช้\n"
    );
    let p = project(&[
        HOME,
        ("data/org.yaml", &org),
        ("data/glossary.yaml", &glossary),
        ("content/glossary.md", "---\ntitle: อภิธานศัพท์\n---\n"),
        ("content/t.md", &title_page),
    ]);
    let (code, log) = run(p.path(), "build");
    assert_eq!(code, 0, "{log}");
    let site = p.path().join("out/site");
    let unit = std::fs::read_to_string(site.join("results/units/u1.html")).expect("unit page");
    assert!(
        unit.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the unit name is shown as text"
    );
    let mut pages = Vec::new();
    for (path, bytes) in snapshot(&site) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).expect("utf-8");
            for raw in [
                "<img src=x",
                "<script>alert",
                "<svg onload",
                "<b onmouseover",
                "<i onclick",
            ] {
                assert!(!html.contains(raw), "{}: {raw}", path.display());
            }
            pages.push(browser::file_url(&site.join(&path)));
        }
    }
    assert!(pages.len() >= 6, "{pages:?}");
    let args: Vec<&str> = pages.iter().map(String::as_str).collect();
    let report = browser::run_node_ok("no-dialogs.mjs", &args);
    let report: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    assert_eq!(report["pages"], pages.len(), "{report}");
    assert_eq!(report["dialogs"], serde_json::json!([]), "{report}");
    assert_eq!(report["scriptLinks"], serde_json::json!([]), "{report}");
}

mod whole_pipeline {
    //! Random small projects through the whole load → validate → render path (front matter,
    //! links, images, anchors, reference definitions, raw HTML, unit and glossary data): it
    //! must never panic, whatever the input. `KHUMUE_PROPTEST_CASES` runs more cases and
    //! `KHUMUE_PROPTEST_RANDOM=1` a new seed each run (the fixed seed keeps CI repeatable).

    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed, TestRunner};

    /// Pieces that stress URL handling: `%` before multi-byte letters, schemes, fragments,
    /// dots, escapes, brackets and IDs.
    fn piece() -> impl Strategy<Value = String> {
        let fixed = prop::sample::select(vec![
            "%",
            "%ก",
            "%E0%B8",
            "%E0%B8%81",
            "%4",
            "%zz",
            "%2F",
            "ก",
            "ของ",
            "#",
            "?",
            ".md",
            ".png",
            "/",
            "../",
            "./",
            ":",
            "javascript:",
            "data:",
            "&#106;",
            "&colon;",
            " ",
            "(",
            ")",
            "<",
            ">",
            "[",
            "]",
            "{#",
            "}",
            "|",
            "-",
            "\\",
            "`",
            "*",
            "_",
            "1",
            "๑",
            "1-1037-00001-23-9",
            "\t",
            "\u{200b}",
            "é",
            "🙂",
            "_index",
            "a",
        ])
        .prop_map(str::to_owned);
        prop_oneof![4 => fixed, 1 => "[a-zก-๙%#:/.\\[\\]() -]{1,8}"]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..8).prop_map(|p| p.concat())
    }

    /// One line of Markdown built around a random target.
    fn line() -> impl Strategy<Value = String> {
        (0..9u8, text(), text()).prop_map(|(kind, a, b)| match kind {
            0 => format!("[{a}]({b})"),
            1 => format!("![{a}]({b})"),
            2 => format!("[{a}]\n\n[{a}]: {b}"),
            3 => format!("## {a} {{#{b}}}"),
            4 => format!("<a href=\"{b}\">{a}</a>"),
            5 => format!("[x](other.md#{b})"),
            6 => format!("| {a} | {b} |\n|---|---|\n| {b} | {a} |"),
            7 => format!("[{a}](<{b}>)"),
            _ => format!("{a} {b}"),
        })
    }

    /// A YAML double-quoted scalar holding `text` exactly.
    fn quoted(text: &str) -> String {
        serde_json::to_string(text).expect("a string")
    }

    fn run_case(title: &str, lines: &[String], unit: (&str, &str), term: (&str, &str)) {
        let org = format!(
            "province: x\nunits:\n  - id: {}\n    name: {}\n    moo: 1\n    sub_district: ก\n    district: ข\n",
            quoted(unit.0),
            quoted(unit.1)
        );
        let glossary = format!(
            "page: g.md\nterms:\n  - term: {}\n    definition: {}\n",
            quoted(term.0),
            quoted(term.1)
        );
        let page = format!(
            "---\ntitle: {}\n---\n{}\n",
            quoted(title),
            lines.join("\n\n")
        );
        let dir = crate::safety_ids::project(&[
            (
                "content/_index.md",
                "---\ntitle: home\n---\n[p](sub/p.md)\n",
            ),
            ("content/sub/p.md", &page),
            ("content/other.md", "---\ntitle: o\n---\n## ก\n"),
            ("content/g.md", "---\ntitle: g\n---\n"),
            ("content/sub/i.png", "png"),
            ("data/org.yaml", &org),
            ("data/glossary.yaml", &glossary),
        ]);
        let (loaded, _) = khumue::build::load(dir.path());
        if let Some(loaded) = loaded {
            let options = khumue::build::BuildOptions {
                root: dir.path().to_path_buf(),
                out: dir.path().join("out"),
                with_ids: false,
                progress: false,
                pdf: false,
                search: true,
            };
            let _ = khumue::build::render(loaded, &options);
        }
    }

    #[test]
    fn no_project_makes_the_pipeline_panic() {
        let cases = std::env::var("KHUMUE_PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(48);
        let seed = if std::env::var_os("KHUMUE_PROPTEST_RANDOM").is_some() {
            RngSeed::Random
        } else {
            RngSeed::Fixed(2564)
        };
        let mut runner = TestRunner::new(Config {
            cases,
            rng_seed: seed,
            failure_persistence: None,
            ..Config::default()
        });
        let strategy = (
            text(),
            prop::collection::vec(line(), 1..8),
            (text(), text()),
            (text(), text()),
        );
        let result = runner.run(&strategy, |(title, lines, unit, term)| {
            let outcome = std::panic::catch_unwind(|| {
                run_case(&title, &lines, (&unit.0, &unit.1), (&term.0, &term.1))
            });
            prop_assert!(
                outcome.is_ok(),
                "panicked on title {title:?}, lines {lines:?}, unit {unit:?}, term {term:?}"
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
}
