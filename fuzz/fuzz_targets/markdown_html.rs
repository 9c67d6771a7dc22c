//! Any text as a page: front matter, Markdown → HTML, link checks. Must never panic.
#![no_main]

use std::path::{Path, PathBuf};

use khumue::markdown::{self, LinkTargets};
use khumue::site::{discover, frontmatter, FrontMatter, VirtualPage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = frontmatter::parse(text, Path::new("content/fuzz.md"));
    let page = discover::from_virtual(VirtualPage {
        path: PathBuf::from("guide/fuzz.md"),
        origin: "content/guide/fuzz.md".into(),
        front: FrontMatter { title: "fuzz".into(), ..FrontMatter::default() },
        markdown: text.to_string(),
    });
    let assets = vec![PathBuf::from("guide/image.png")];
    let targets = LinkTargets::new(std::iter::once(&page), assets.iter());
    let rendered = markdown::render(&page, &targets, None);
    let mut pages = vec![page];
    pages[0].body = rendered.body;
    let _ = markdown::check_anchors(&pages, &rendered.anchors);
});
