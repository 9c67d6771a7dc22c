//! Bad things under `data/` and `content/`: links, FIFOs, huge files, floods of errors,
//! Buddhist-era years where the Christian era is expected, names too long for the disk. Each
//! gets one exact message naming the file; a failed build exits 1 and leaves the project and
//! the previous `output/` byte-identical.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::project::{repo, snapshot};

const SP12: &str = "data/reports/2564/sp12/klong-niyom/10.yaml";

/// A copy of the valid data fixture with one good build in `output/`, then `setup` applied.
fn project(setup: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    let fixture = repo().join("tests/fixtures/data/valid");
    crate::common::project::copy_dir(&fixture, &root);
    let (code, log) = khumue(&root, "build");
    assert_eq!(code, 0, "{log}");
    setup(&root);
    (tmp, root)
}

/// `khumue <command> --no-pdf` (build) or `khumue check`, in `root`; stopped after 60 s so a
/// hang fails the test instead of blocking the suite.
fn khumue(root: &Path, command: &str) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khumue"));
    cmd.arg(command).current_dir(root);
    if command == "build" {
        cmd.arg("--no-pdf");
    }
    let log = root.parent().unwrap().join(format!("{command}.log"));
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("khumue {command} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    (status.code().unwrap_or(-1), text)
}

/// Builds twice: exit 1 and exactly `expected` (the diagnostics, then the summary line) both
/// times, with the project and its previous output unchanged.
fn refused_twice(root: &Path, expected: &str) {
    let before = snapshot(root.parent().unwrap());
    for run in 1..=2 {
        let (code, log) = khumue(root, "build");
        assert_eq!(code, 1, "run {run}:\n{log}");
        assert_eq!(log.trim_end(), expected, "run {run}");
        assert!(
            snapshot(root.parent().unwrap()) == before,
            "run {run} changed the project or its output"
        );
    }
    assert!(
        !root.join(".output.spare").join("private").exists(),
        "full-ID forms kept"
    );
}

const LINK_HINT: &str = "  = hint: copy the file itself into data/ instead of linking to it";
const FAILED_1: &str = "build failed: 1 error(s); the previous output was left as it was";

#[test]
fn a_symlinked_report_file_is_an_error_not_a_vanished_month() {
    let (_tmp, root) = project(|root| {
        let outside = root.parent().unwrap().join("elsewhere.yaml");
        std::fs::rename(root.join(SP12), &outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join(SP12)).unwrap();
    });
    refused_twice(
        &root,
        &format!(
            "{SP12}:1:1: error: symbolic link in data/: khumue does not follow links\n{LINK_HINT}\n{FAILED_1}"
        ),
    );
}

#[test]
fn a_symlinked_top_level_data_file_is_not_followed_nor_printed() {
    let (_tmp, root) = project(|root| {
        let secret = root.parent().unwrap().join("passwd");
        std::fs::write(&secret, "root:x:0:0:SECRET-LINE:/root:/bin/bash\n").unwrap();
        std::os::unix::fs::symlink(&secret, root.join("data/site.yaml")).unwrap();
    });
    refused_twice(
        &root,
        &format!(
            "data/site.yaml:1:1: error: symbolic link in data/: khumue does not follow links\n{LINK_HINT}\n{FAILED_1}"
        ),
    );
}

#[test]
fn a_fifo_as_site_yaml_or_a_report_is_an_error_not_a_hang() {
    let fifo = |path: &Path| {
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    };
    let (_tmp, root) = project(|root| {
        fifo(&root.join("data/site.yaml"));
        fifo(&root.join("data/reports/2564/sp12/klong-niyom/11.yaml"));
    });
    let hint = "  = hint: data/ may hold only ordinary YAML files and folders: remove it";
    refused_twice(
        &root,
        &format!(
            "data/reports/2564/sp12/klong-niyom/11.yaml:1:1: error: a FIFO (named pipe) in data/, not a regular file\n{hint}\n\
             data/site.yaml:1:1: error: a FIFO (named pipe) in data/, not a regular file\n{hint}\n\
             build failed: 2 error(s); the previous output was left as it was"
        ),
    );
}

#[test]
fn a_data_file_over_the_limit_is_refused_unread() {
    let (_tmp, root) = project(|root| {
        let file =
            std::fs::File::create(root.join("data/reports/2564/sp12/klong-niyom/11.yaml")).unwrap();
        file.set_len(60 << 20).unwrap();
    });
    let started = Instant::now();
    refused_twice(
        &root,
        &format!(
            "data/reports/2564/sp12/klong-niyom/11.yaml:1:1: error: file is 60 MiB, over the 8 MiB limit for one data file\n  = hint: split it: report data is one file per unit and month\n{FAILED_1}"
        ),
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn printed_errors_are_capped_with_a_count_of_the_rest() {
    let (_tmp, root) = project(|root| {
        let rows: String = (1..=300)
            .map(|i| format!("  - seq: {i}\n    name: \"x\"\n    national_id: \"1-2580-49057-88-3\"\n    assistance: nothing\n    worker: นอกระบบ\n"))
            .collect();
        std::fs::write(
            root.join("data/reports/2564/sp12/klong-niyom/11.yaml"),
            format!("unit: klong-niyom\nmonth: \"2563-11\"\ncount: 300\nrows:\n{rows}"),
        )
        .unwrap();
    });
    let (code, log) = khumue(&root, "check");
    assert_eq!(code, 1, "{log}");
    let shown = log.lines().filter(|l| l.starts_with("data/")).count();
    assert_eq!(shown, 200, "{log}");
    let lines: Vec<&str> = log.lines().collect();
    // `check failed: E error(s), W warning(s)`
    let counts: Vec<usize> = lines
        .last()
        .unwrap()
        .split(' ')
        .filter_map(|w| w.parse().ok())
        .collect();
    let total: usize = counts.iter().sum();
    assert!(total > 200, "{log}");
    assert_eq!(
        lines[lines.len() - 2],
        format!(
            "note: {} more problem(s) not shown; fix the ones above and run again",
            total - 200
        )
    );
}

#[test]
fn a_buddhist_era_year_in_updated_gets_a_warning_with_the_year_to_write() {
    let (_tmp, root) = project(|root| {
        std::fs::write(
            root.join("content/_index.md"),
            "---\ntitle: fixture\nupdated: 2564-02-01\n---\n\ntext\n",
        )
        .unwrap();
    });
    let (code, log) = khumue(&root, "check");
    assert_eq!(code, 0, "{log}");
    assert_eq!(
        log.trim_end(),
        "content/_index.md:3:1: warning: `updated: 2564-02-01` has a Buddhist-era year; `updated` takes the Christian-era year\n  = hint: write `updated: 2021-02-01`: pages show it in the Buddhist era (2564)\ncheck passed: 1 warning(s)"
    );
}

#[test]
fn a_name_too_long_for_the_disk_names_the_file() {
    // 84 Thai letters are 252 bytes: the page fits, its `.html` (257 bytes) does not.
    let name = "ก".repeat(84);
    let (_tmp, root) = project(|root| {
        std::fs::write(
            root.join(format!("content/{name}.md")),
            "---\ntitle: long\n---\n\ntext\n",
        )
        .unwrap();
    });
    let before = snapshot(root.parent().unwrap());
    let (code, log) = khumue(&root, "build");
    assert_eq!(code, 1, "{log}");
    assert_eq!(
        log.trim_end(),
        format!("error: cannot write ./output/site/{name}.html: File name too long (os error 36)")
    );
    assert!(snapshot(root.parent().unwrap()) == before);
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output.") && n != ".output.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
