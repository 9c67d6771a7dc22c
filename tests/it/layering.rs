//! The crate's layers (ARCHITECTURE.md, "Layers"): a module may use modules of its own layer
//! or below, never above, and no two modules may use each other, directly or around a loop.
//! The test reads every `crate::` path in `src/`, so an import that points up fails here
//! before it becomes a tangle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module (by path prefix; the longest match wins) and its layer, bottom first.
const LAYERS: &[(&str, u8)] = &[
    // leaf utilities
    ("util", 0),
    ("thai", 0),
    // diagnostics and the one YAML parser
    ("diagnostics", 1),
    ("error", 1),
    ("yaml", 1),
    ("input", 1),
    // the model: what the stages hand each other
    ("artifact", 2),
    ("site", 2),
    ("site::config", 2),
    ("site::frontmatter", 2),
    ("site::nav", 2),
    ("data", 2),
    ("data::model", 2),
    ("data::person", 2),
    ("data::national_id", 2),
    ("data::totals", 2),
    // load: read a project from disk
    ("site::discover", 3),
    ("site::updated", 3),
    ("data::load", 3),
    ("data::raw", 3),
    ("data::layout", 3),
    ("data::codes", 3),
    ("glossary", 3),
    ("synonyms", 3),
    ("theme", 3),
    // validate
    ("data::validate", 4),
    // generate: pages made from the model, as Markdown
    ("generate", 5),
    // Markdown → HTML bodies, anchors, link checks
    ("markdown", 6),
    // renderers
    ("html", 7),
    ("search", 7),
    ("pdf", 7),
    ("sheets", 7),
    // write
    ("output", 8),
    // commands
    ("build", 9),
    ("serve", 9),
    ("sheet_commands", 9),
    ("", 9),
];

/// The table entry a module path falls under (its longest listed prefix).
fn unit_of(module: &str) -> &'static str {
    LAYERS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| {
            name.is_empty() || module == *name || module.starts_with(&format!("{name}::"))
        })
        .max_by_key(|name| name.len())
        .unwrap_or("")
}

fn layer_of(unit: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == unit)
        .map_or(9, |(_, layer)| *layer)
}

/// `src/a/b.rs` → `a::b`, `src/a/mod.rs` → `a`, `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

/// Every module path that `text` names after `crate::`, with `use crate::{a, b::c}` groups
/// expanded one level (enough to name the modules).
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(cut) => &l[..cut],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    for (start, _) in code.match_indices("crate::") {
        let rest = &code[start + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                out.push(path_prefix(item.trim()));
            }
        } else {
            out.push(path_prefix(rest));
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// `data::model::Org;` → `data::model::Org` (identifiers joined by `::`).
fn path_prefix(text: &str) -> String {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        segments.push(&rest[..end]);
        match rest[end..].strip_prefix("::") {
            Some(next) if !next.starts_with('{') => rest = next,
            _ => break,
        }
    }
    segments.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (importing unit, imported unit, file) for every `crate::` path in `src`.
fn imports(src: &Path) -> Vec<(&'static str, &'static str, PathBuf)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a source file");
        let from = unit_of(&module_of(src, &file));
        for path in crate_paths(&text) {
            let to = unit_of(&path);
            if to != from {
                out.push((from, to, file.clone()));
            }
        }
    }
    out
}

/// Imports that point up, and a cycle among the units if there is one.
fn problems(src: &Path) -> Vec<String> {
    let edges = imports(src);
    let mut found = Vec::new();
    for (from, to, file) in &edges {
        if layer_of(to) > layer_of(from) {
            found.push(format!(
                "{}: `{from}` (layer {}) uses `{to}` (layer {}), which is above it",
                file.display(),
                layer_of(from),
                layer_of(to)
            ));
        }
    }
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, _) in &edges {
        graph.entry(from).or_default().insert(to);
    }
    if let Some(cycle) = find_cycle(&graph) {
        found.push(format!("import cycle: {}", cycle.join(" → ")));
    }
    found
}

fn find_cycle<'a>(graph: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Option<Vec<&'a str>> {
    fn visit<'a>(
        node: &'a str,
        graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node);
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_import_points_up_and_none_goes_round() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = problems(&src);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_module_is_in_the_layer_table() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let module = module_of(&src, &file);
        let top = module.split("::").next().unwrap_or("");
        assert!(
            module.is_empty() || module == "main" || LAYERS.iter().any(|(name, _)| *name == top),
            "{}: module `{module}` has no layer; add it to LAYERS and ARCHITECTURE.md",
            file.display()
        );
    }
}

#[test]
fn the_checker_sees_an_upward_import_and_a_cycle() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    std::fs::create_dir_all(src.join("data")).expect("dirs");
    // The model reaching up into the renderers, and the renderers using the model.
    std::fs::write(src.join("data/model.rs"), "use crate::pdf::Engine;\n").expect("write");
    std::fs::write(
        src.join("pdf.rs"),
        "use crate::{data::model::Org, thai};\n// crate::output is only a comment\n",
    )
    .expect("write");
    let found = problems(src);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`data::model` (layer 2) uses `pdf`")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("import cycle")),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.contains("output")), "{found:?}");
}
