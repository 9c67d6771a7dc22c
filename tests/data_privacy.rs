//! After a build of the default project, nothing under `site/` (pages, search index, scripts,
//! every file) carries a national ID number or the name of an assisted person.

use std::path::{Path, PathBuf};
use std::process::Command;

use khumue::yaml;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(out)
        .output()
        .expect("run khumue");
    assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read output dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// A run of 13 digits (Thai or Arabic), allowing one dash or space between digits.
fn has_13_digit_number(text: &str) -> bool {
    let mut run = 0;
    let mut separator = false;
    for c in text.chars() {
        if khumue::thai::digits::arabic_digit(c).is_ascii_digit() {
            run += 1;
            separator = false;
            if run >= 13 {
                return true;
            }
        } else if (c == '-' || c == ' ') && run > 0 && !separator {
            separator = true;
        } else {
            run = 0;
            separator = false;
        }
    }
    false
}

/// Every `name:` of every row of every SP-12 and SNB-2 file, read straight from the YAML.
fn assisted_names() -> Vec<String> {
    let mut names = Vec::new();
    for file in files_under(&repo().join("data/reports")) {
        let text = std::fs::read_to_string(&file).expect("read report");
        let doc = yaml::parse::<serde_json::Value>(&text, &file, 1).expect("report parses");
        for row in doc.value["rows"].as_array().into_iter().flatten() {
            if let Some(name) = row["name"].as_str() {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn detector_finds_ids_in_any_digits_and_spacing() {
    assert!(has_13_digit_number("x 1-1037-00001-23-9 y"));
    assert!(has_13_digit_number("๑ ๑๐๓๗ ๐๐๐๐๑ ๒๓ ๙"));
    assert!(has_13_digit_number("1103700001239"));
    assert!(!has_13_digit_number("2564-10-25 12,345 viewBox=\"0 0 720 300\""));
}

#[test]
fn built_site_has_no_national_ids_and_no_names() {
    let out = tempfile::tempdir().expect("temp dir");
    build(out.path());
    let names = assisted_names();
    assert!(names.len() > 100, "the sample data should name many people, found {}", names.len());
    let site = out.path().join("site");
    let files = files_under(&site);
    assert!(files.iter().any(|f| f.ends_with("results/2564.html")), "dashboard was not built");
    for file in files {
        let bytes = std::fs::read(&file).expect("read site file");
        let text = String::from_utf8_lossy(&bytes);
        let shown = file.strip_prefix(&site).unwrap_or(&file).display().to_string();
        assert!(!has_13_digit_number(&text), "{shown} contains a 13-digit number");
        if let Some(name) = names.iter().find(|n| text.contains(n.as_str())) {
            panic!("{shown} contains the name of an assisted person ({} characters)", name.chars().count());
        }
    }
}
