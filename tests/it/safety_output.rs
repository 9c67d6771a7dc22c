//! `--out` never names the project, its sources, a folder a later build publishes, someone's
//! own folder or a file: each such build stops with exit 1 and a message naming the folder,
//! run after run, and every file of the project (`.git` and the previous `output/` included)
//! stays byte-identical.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::project::{repo, snapshot};

/// A project (content, data, themes, a `.git` folder, a file of the user's own and a folder
/// of theirs) with one good build in `output/`; `dir` holds the project and nothing else.
fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    let fixture = repo().join("tests/fixtures/data/valid");
    crate::common::project::copy_dir(&fixture, &root);
    for (path, text) in [
        ("themes/default/static/extra.css", "body { color: black }\n"),
        (".git/HEAD", "ref: refs/heads/main\n"),
        (".git/config", "[core]\n\tbare = false\n"),
        ("notes.txt", "my own notes\n"),
        ("mine/letter.txt", "a letter\n"),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let (code, log) = khumue(&root, &["build", "--no-pdf"]);
    assert_eq!(code, 0, "{log}");
    (tmp, root.canonicalize().unwrap())
}

/// Runs khumue in `dir` (so `--out .` means the project); exit code and stderr.
fn khumue(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file with its bytes, and every path (folders too, so a new hidden folder shows).
fn state(
    dir: &Path,
) -> (
    std::collections::BTreeMap<PathBuf, Vec<u8>>,
    BTreeSet<PathBuf>,
) {
    let paths = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect();
    (snapshot(dir), paths)
}

const PICK: &str = "pass an output folder of its own with --out, e.g. --out output (the default)";
const SOURCES: &str =
    "a build replaces its output folder whole; keep it outside content/, data/ and themes/, e.g. --out output";

/// Builds with `args` twice from inside the project: exit 1 with `expected` both times, and
/// nothing under the project's parent folder changed.
/// `expected` is given the project folder.
fn refused_twice(args: &[&str], expected: impl Fn(&Path) -> String) {
    let (tmp, root) = project();
    let expected = expected(&root);
    let before = state(tmp.path());
    for run in 1..=2 {
        let (code, log) = khumue(&root, args);
        assert_eq!(code, 1, "run {run} of {args:?}:\n{log}");
        assert_eq!(log.trim_end(), expected, "run {run} of {args:?}");
        assert!(
            state(tmp.path()) == before,
            "run {run} of {args:?} changed the project or its output"
        );
    }
}

#[test]
fn out_dot_is_the_project_itself() {
    refused_twice(&["build", "--no-pdf", "--out", "."], |root| {
        format!(
            "error: the output folder ./. ({}) is the project folder itself\n  = hint: {PICK}",
            root.display()
        )
    });
}

#[test]
fn out_dot_dot_holds_the_project() {
    refused_twice(&["build", "--no-pdf", "--out", ".."], |root| {
        format!(
            "error: the output folder ./.. ({}) holds the project folder . ({})\n  = hint: {PICK}",
            root.parent().unwrap().display(),
            root.display()
        )
    });
}

#[test]
fn out_the_project_folder_by_its_full_path() {
    let (tmp, root) = project();
    let before = state(tmp.path());
    for run in 1..=2 {
        let (code, log) = khumue(
            tmp.path(),
            &[
                "build",
                "--no-pdf",
                "--root",
                root.to_str().unwrap(),
                "--out",
                root.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 1, "{log}");
        assert_eq!(
            log.trim_end(),
            format!(
                "error: the output folder {} is the project folder itself\n  = hint: {PICK}",
                root.display()
            ),
            "run {run}"
        );
        assert!(state(tmp.path()) == before, "run {run} changed files");
    }
}

#[test]
fn out_content_and_data_and_themes_are_sources() {
    for name in ["content", "data", "themes"] {
        refused_twice(&["build", "--no-pdf", "--out", name], |root| {
            format!(
                "error: the output folder ./{name} ({}) is the project's {name}/ folder\n  = hint: {SOURCES}",
                root.join(name).display()
            )
        });
    }
}

#[test]
fn full_id_forms_never_go_under_content() {
    refused_twice(&["build", "--with-ids", "--out", "content/forms"], |root| {
        format!(
            "error: the output folder ./content/forms ({}) is inside the project's content/ folder\n  = hint: {SOURCES}",
            root.join("content/forms").display()
        )
    });
}

#[test]
fn full_id_forms_never_go_inside_another_output() {
    refused_twice(
        &["build", "--with-ids", "--out", "output/site/forms"],
        |root| {
            format!(
            "error: the output folder ./output/site/forms ({}) is inside the khumue output folder {}\n  = hint: the next build of that folder would delete it or publish what it holds (full-ID forms included): pass a folder outside it",
            root.join("output/site/forms").display(),
            root.join("output").display()
        )
        },
    );
}

#[test]
fn out_a_folder_of_someone_elses_is_refused() {
    refused_twice(&["build", "--no-pdf", "--out", "mine"], |root| {
        format!(
            "error: the output folder ./mine ({}) holds files that khumue did not make\n  = hint: khumue replaces only folders it made (marked with a .khumue-output file) or empty ones: {PICK}",
            root.join("mine").display()
        )
    });
}

#[test]
fn out_a_file_is_refused() {
    refused_twice(&["build", "--no-pdf", "--out", "notes.txt"], |root| {
        format!(
            "error: the output folder ./notes.txt ({}) is a file, not a folder\n  = hint: khumue never replaces a file it did not make: pass another --out",
            root.join("notes.txt").display()
        )
    });
}

#[test]
fn serve_refuses_the_same_folders() {
    refused_twice(&["serve", "--port", "0", "--out", "content"], |root| {
        format!(
            "error: the output folder ./content ({}) is the project's content/ folder\n  = hint: {SOURCES}",
            root.join("content").display()
        )
    });
}

#[test]
fn a_missing_root_is_an_error_and_is_not_created() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["build", "check", "serve"] {
        let (code, log) = khumue(tmp.path(), &[command, "--root", "no-such-project"]);
        assert_eq!(code, 1, "{log}");
        assert_eq!(
            log.trim_end(),
            "error: the project folder no-such-project does not exist\n  = hint: pass --root with the folder that holds content/ and data/ (the current folder when left out)"
        );
        assert!(!tmp.path().join("no-such-project").exists());
    }
}

#[test]
fn an_output_of_the_previous_version_is_replaced_and_marked() {
    let (_tmp, root) = project();
    let out = root.join("output");
    // An output as versions before the marker left it: no marker, no site zip, none of the
    // later hidden files (the key file and the data cache).
    std::fs::remove_file(out.join(".khumue-output")).unwrap();
    std::fs::remove_file(out.join("khumue-site.zip")).unwrap();
    std::fs::remove_file(out.join(".khumue-keys")).unwrap();
    std::fs::remove_file(out.join(".khumue-data-cache")).unwrap();
    std::fs::create_dir_all(out.join("pdf")).unwrap();
    let (code, log) = khumue(&root, &["build", "--no-pdf"]);
    assert_eq!(code, 0, "{log}");
    assert!(out.join(".khumue-output").is_file());
    assert!(out.join("site/index.html").is_file());
    // A stray file of the user's makes it foreign again: refused, the file kept.
    std::fs::write(out.join("mine.txt"), "keep me").unwrap();
    std::fs::remove_file(out.join(".khumue-output")).unwrap();
    let (code, log) = khumue(&root, &["build", "--no-pdf"]);
    assert_eq!(code, 1, "{log}");
    assert_eq!(
        std::fs::read_to_string(out.join("mine.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn a_folder_named_like_the_spare_that_khumue_did_not_make_is_left_alone() {
    let (_tmp, root) = project();
    let spare = root.join(".output.spare");
    let _ = std::fs::remove_dir_all(&spare);
    std::fs::create_dir_all(&spare).unwrap();
    std::fs::write(spare.join("thesis.docx"), "years of work").unwrap();
    for _ in 0..2 {
        let (code, log) = khumue(&root, &["build", "--no-pdf"]);
        assert_eq!(code, 0, "{log}");
    }
    assert_eq!(
        std::fs::read_to_string(spare.join("thesis.docx")).unwrap(),
        "years of work"
    );
}
