//! Bad input a user can produce: each case gives a clear diagnostic (or works), never a
//! panic, and never damages the previous output.

use std::path::Path;
use std::process::Command;

/// A throwaway project: `files` are (path under the project, contents).
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    dir
}

fn build(root: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            root.join("out").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!text.contains("panicked"), "{text}");
    (out.status.success(), text)
}

const HOME: (&str, &[u8]) = ("content/_index.md", b"---\ntitle: home\n---\ntext\n");

#[test]
fn crlf_line_endings_and_a_bom_work() {
    let p = project(&[(
        "content/_index.md",
        "\u{FEFF}---\r\ntitle: หน้าแรก\r\n---\r\n## หัวข้อ\r\n\r\nข้อความ\r\n".as_bytes(),
    )]);
    let (ok, log) = build(p.path());
    assert!(ok, "{log}");
    let html = std::fs::read_to_string(p.path().join("out/site/index.html")).unwrap();
    assert!(html.contains("id=\"หัวข้อ\""));
}

#[test]
fn a_file_that_is_not_utf8_names_its_line() {
    let p = project(&[
        HOME,
        (
            "content/old.md",
            b"---\ntitle: x\n---\nline\n\xca\xd2\xc1\n",
        ),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(
        log.contains("content/old.md:5:1: error: file is not valid UTF-8"),
        "{log}"
    );
}

#[test]
fn an_empty_file_is_missing_its_front_matter() {
    let p = project(&[HOME, ("content/empty.md", b"")]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(
        log.contains("content/empty.md:1:1: error: missing front matter"),
        "{log}"
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    let p = project(&[
        HOME,
        ("content/open.md", b"---\ntitle: x\nbody without end\n"),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(
        log.contains("content/open.md:1:1: error: front matter is not closed"),
        "{log}"
    );
}

#[test]
fn tabs_in_front_matter_get_a_hint() {
    let p = project(&[
        HOME,
        ("content/tabs.md", b"---\ntitle: x\ntags:\n\t- a\n---\n"),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(log.contains("content/tabs.md:"), "{log}");
    assert!(log.contains("indent with spaces"), "{log}");
}

#[test]
fn links_out_of_the_project_are_refused_and_nothing_is_copied() {
    let p = project(&[
        HOME,
        (
            "content/evil.md",
            b"---\ntitle: x\n---\n[pw](../../etc/passwd)\n\n![img](/etc/hostname)\n",
        ),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(
        log.contains(
            "content/evil.md:4:1: error: link leaves the content folder `../../etc/passwd`"
        ),
        "{log}"
    );
    assert!(
        log.contains("content/evil.md:6:1: error: absolute path in link `/etc/hostname`"),
        "{log}"
    );
    assert!(!p.path().join("out").exists());
}

#[test]
fn html_in_front_matter_is_escaped() {
    let p = project(&[HOME, ("content/x.md", b"---\ntitle: \"<script>alert(1)</script>\"\ndescription: \"<img src=x onerror=alert(1)>\"\n---\n")]);
    let (ok, log) = build(p.path());
    assert!(ok, "{log}");
    let html = std::fs::read_to_string(p.path().join("out/site/x.html")).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn two_files_claiming_one_output_path_are_reported() {
    let p = project(&[
        HOME,
        ("content/a/_index.md", b"---\ntitle: a\n---\n"),
        ("content/a/index.md", b"---\ntitle: b\n---\n"),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(log.contains("both produce `a/index.html`"), "{log}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_does_not_hang() {
    let p = project(&[HOME]);
    std::os::unix::fs::symlink(p.path().join("content"), p.path().join("content/loop")).unwrap();
    let (ok, log) = build(p.path());
    assert!(ok, "{log}");
    assert!(
        log.contains("content/loop:") && log.contains("symbolic link skipped"),
        "{log}"
    );
}

#[test]
fn deeply_nested_lists_and_quotes_do_not_overflow() {
    let mut md = String::from("---\ntitle: deep\n---\n");
    for depth in 0..300 {
        md.push_str(&"> ".repeat(depth.min(200)));
        md.push_str(&"  ".repeat(depth));
        md.push_str("- item\n");
    }
    let p = project(&[HOME, ("content/deep.md", md.as_bytes())]);
    let (ok, log) = build(p.path());
    assert!(ok, "{log}");
}

#[test]
fn a_template_with_a_missing_variable_names_the_template() {
    let p = project(&[
        HOME,
        ("themes/default/templates/base.html", b"{% block content %}{% endblock content %}"),
        ("themes/default/templates/home.html", b"{% extends \"base.html\" %}{% block content %}{{ nothing_here }}{% endblock content %}"),
        ("themes/default/templates/page.html", b"x"),
        ("themes/default/templates/section.html", b"x"),
        ("themes/default/templates/search.html", b"x"),
        ("themes/default/templates/404.html", b"x"),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(log.contains("themes/default/templates/home.html"), "{log}");
    assert!(log.contains("nothing_here"), "{log}");
}

#[test]
fn a_50_mb_page_gets_a_clear_limit_error() {
    let p = project(&[HOME]);
    let line = "ข้อความทดสอบยาว ๆ สำหรับหน้าใหญ่มาก\n".repeat(1000);
    let mut big = String::from("---\ntitle: big\n---\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&line);
    }
    std::fs::write(p.path().join("content/big.md"), big).unwrap();
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(
        log.contains(
            "content/big.md:1:1: error: file is 50 MiB, over the 8 MiB limit for one page"
        ),
        "{log}"
    );
}

#[test]
fn bad_indentation_in_front_matter_names_the_line() {
    let p = project(&[
        HOME,
        ("content/indent.md", b"---\ntitle: x\n  weight: 2\n---\n"),
    ]);
    let (ok, log) = build(p.path());
    assert!(!ok);
    assert!(log.contains("content/indent.md:3:"), "{log}");
    assert!(log.contains("error: invalid YAML"), "{log}");
}
