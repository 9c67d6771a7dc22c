//! Reading a PDF back as a reader gets it.

use std::path::Path;
use std::process::Command;

/// The text of `pdf` (pdftotext, poppler-utils; `layout` keeps columns apart), without the
/// invisible marks (U+200B) where a Thai line may break: a reader's search skips them too.
pub fn text(pdf: &Path, layout: bool) -> String {
    let out = Command::new("pdftotext")
        .args(layout.then_some("-layout"))
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).replace('\u{200B}', "")
}
