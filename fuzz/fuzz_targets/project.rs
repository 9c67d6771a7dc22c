//! A whole small project through load → validate → render (pages, links, images, anchors,
//! front matter, org.yaml and the glossary), as `khumue build --no-pdf` runs it. The input is
//! split at NUL bytes into: a page (front matter and Markdown), a unit name, a unit id, a
//! glossary term and its definition. Must never panic.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;

/// A YAML double-quoted scalar holding `text` exactly.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(full, text);
}

fuzz_target!(|input: &str| {
    let mut parts = input.split('\0');
    let mut next = || parts.next().unwrap_or("");
    let (page, unit_name, unit_id, term, definition) = (next(), next(), next(), next(), next());
    let root: PathBuf = std::env::temp_dir().join(format!("khumue-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    write(&root, "content/_index.md", "---\ntitle: home\n---\n[p](sub/p.md)\n");
    write(&root, "content/sub/p.md", page);
    write(&root, "content/other.md", "---\ntitle: o\n---\n## ก\n");
    write(&root, "content/g.md", "---\ntitle: g\n---\n");
    write(&root, "content/sub/i.png", "png");
    write(
        &root,
        "data/org.yaml",
        &format!(
            "province: x\nunits:\n  - id: {}\n    name: {}\n    moo: 1\n    sub_district: ก\n    district: ข\n",
            quoted(unit_id),
            quoted(unit_name)
        ),
    );
    write(
        &root,
        "data/glossary.yaml",
        &format!(
            "page: g.md\nterms:\n  - term: {}\n    definition: {}\n",
            quoted(term),
            quoted(definition)
        ),
    );
    let (loaded, _) = khumue::build::load(&root);
    if let Some(loaded) = loaded {
        let options = khumue::build::BuildOptions {
            root: root.clone(),
            out: root.join("out"),
            with_ids: false,
            progress: false,
            pdf: false,
            search: true,
        };
        let _ = khumue::build::render(loaded, &options);
    }
    let _ = std::fs::remove_dir_all(&root);
});
