//! The privacy promise, checked on everything a build writes: built with and without
//! `--with-ids`, no national ID and no assisted person's name anywhere under `site/` or
//! `pdf/` (PDFs read back with pdftotext); full IDs only under `private/`.

use crate::common;

use std::path::Path;

use khumue::thai::digits::to_arabic;

/// Every assisted person in the default data: (national ID digits, full name).
fn people() -> Vec<(String, String)> {
    let (data, _) = khumue::data::load(&common::project::repo());
    let sp12 = data.sp12.iter().flat_map(|r| {
        r.value
            .rows
            .iter()
            .map(|row| (row.national_id.clone(), row.name.clone()))
    });
    let snb2 = data.snb2.iter().flat_map(|r| {
        r.value
            .rows
            .iter()
            .map(|row| (row.national_id.clone(), row.name.clone()))
    });
    let mut all: Vec<_> = sp12.chain(snb2).collect();
    all.sort();
    all.dedup();
    assert!(all.len() > 100, "the sample data has people");
    all
}

/// The text a reader (or a search engine) gets from a file.
fn readable_text(path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "pdf") {
        crate::common::pdf::text(path, false)
    } else {
        String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
    }
}

/// Digit strings of the text, with Thai digits read as Arabic and single dashes or spaces
/// between digits ignored (`1-2345-67890-12-3` and `๑ ๒๓๔๕ ...` are both one number).
fn numbers(text: &str) -> Vec<String> {
    let text = to_arabic(text);
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut current = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            current.push(*c);
        } else if (*c == '-' || *c == ' ')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        } else if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    found.push(current);
    found
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn assert_nothing_personal(dir: &Path, people: &[(String, String)]) {
    let ids: std::collections::HashSet<&str> = people.iter().map(|(id, _)| id.as_str()).collect();
    for file in files(dir) {
        let text = readable_text(&file);
        for number in numbers(&text) {
            assert!(
                !ids.contains(number.as_str()),
                "{} shows the national ID {number}",
                file.display()
            );
        }
        for (_, name) in people {
            assert!(
                !text.contains(name.as_str()),
                "{} shows the name {name}",
                file.display()
            );
        }
    }
}

#[test]
fn published_output_carries_no_ids_or_names_and_private_has_full_ids() {
    let people = people();
    for with_ids in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let extra: &[&str] = if with_ids { &["--with-ids"] } else { &[] };
        let (ok, log) = common::project::build(&common::project::repo(), &out, extra);
        assert!(ok, "{log}");
        assert!(out.join("pdf").read_dir().unwrap().count() > 10);
        assert_nothing_personal(&out.join("site"), &people);
        assert_nothing_personal(&out.join("pdf"), &people);
        for (_, name) in &people {
            assert!(!log.contains(name.as_str()), "the build log shows a name");
        }
        assert_eq!(
            out.join("private").exists(),
            with_ids,
            "private/ only with --with-ids"
        );
        if with_ids {
            let private: Vec<String> = files(&out.join("private"))
                .iter()
                .map(|f| readable_text(f))
                .collect();
            let all = private.concat();
            let shown = numbers(&all);
            let full = people.iter().filter(|(id, _)| shown.contains(id)).count();
            assert_eq!(
                full,
                people.len(),
                "every person's full ID is on a private form"
            );
            assert!(files(&out.join("site"))
                .iter()
                .all(|f| !f.starts_with(out.join("site/private"))));
        }
    }
}
