//! A character that no font of the theme has (a Lao vowel typed into a Thai word, as the
//! OCR'd source text of the benchmark corpus has) must not fail the book, which is PDF/A and
//! may not show an empty glyph: the PDF shows a replacement mark and the build warns at the
//! Markdown line and column.

use std::path::Path;

use crate::common::pdf;
use crate::common::project::build;

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_character_no_font_has_is_replaced_with_a_warning_not_a_failed_book() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    write(&root, "data/site.yaml", "title: คู่มือทดลอง\n");
    write(
        &root,
        "content/_index.md",
        "---\ntitle: หน้าแรก\n---\n\nคู่มือสำหรับเจ้าหน้าที่\n\nการคຸ້ມครองแรงงาน และ नमा\n",
    );
    let out = dir.path().join("out");
    let (ok, log) = build(&root, &out, &[]);
    assert!(ok, "{log}");
    // Line 7 of the file; "ຸ" is the 5th character of "การคຸ້ມครองแรงงาน".
    assert!(
        log.contains("content/_index.md:7:5: warning: \"ຸ\" (U+0EB8)"),
        "{log}"
    );
    assert!(log.contains("U+0928"), "Devanagari is warned of too: {log}");
    let text = pdf::text(&out.join("pdf/handbook.pdf"), false);
    assert!(text.contains("ครองแรงงาน"), "{text}");
    assert!(!text.contains('ມ') && !text.contains('न'), "{text}");
}
