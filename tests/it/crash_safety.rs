//! A build killed at any moment, or two builds at once, never leave a mix of two outputs.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::common::project::{build, snapshot};

/// A project big enough that writing its output takes a while: 400 pages in 20 sections.
fn big_project(dir: &Path) -> PathBuf {
    let project = dir.join("big");
    for section in 0..20 {
        let folder = project.join(format!("content/s{section:02}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("_index.md"),
            format!("---\ntitle: หมวด {section}\n---\n\nหน้าในหมวดนี้\n"),
        )
        .unwrap();
        for page in 0..20 {
            let body = "การให้ความช่วยเหลือแรงงานนอกระบบในพื้นที่ตำบล ".repeat(60);
            std::fs::write(
                folder.join(format!("p{page:02}.md")),
                format!("---\ntitle: หน้า {section}-{page}\n---\n\n## หัวข้อ\n\n{body}\n"),
            )
            .unwrap();
        }
    }
    project
}

/// A small pseudo-random number from the clock: where to kill differs run to run.
fn jitter(max: u128) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    ((nanos.wrapping_mul(6364136223846793005) >> 17) % max.max(1)) as u64
}

#[test]
fn killed_builds_leave_the_old_or_the_new_output_never_a_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let small = common::project::repo().join("tests/fixtures/site/good");
    let big = big_project(tmp.path());
    // The two complete outputs a reader may ever see.
    let (ok, log) = build(&small, &tmp.path().join("small-ref"), &["--no-pdf"]);
    assert!(ok, "{log}");
    let started = Instant::now();
    let (ok, log) = build(&big, &tmp.path().join("big-ref"), &["--no-pdf"]);
    assert!(ok, "{log}");
    let full = started.elapsed().as_millis();
    let old = snapshot(&tmp.path().join("small-ref"));
    let new = snapshot(&tmp.path().join("big-ref"));

    let out = tmp.path().join("output");
    let mut saw_old = 0;
    for round in 0..8 {
        let (ok, log) = build(&small, &out, &["--no-pdf"]);
        assert!(ok, "{log}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_khumue"))
            .args([
                "build",
                "--no-pdf",
                "--root",
                big.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole build, the write and swap at its end included.
        let delay = jitter(full) * (round + 1) / 8;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let seen = snapshot(&out);
        if seen == old {
            saw_old += 1;
        } else {
            assert!(seen == new, "round {round}: killed after {delay} ms, output is neither the old nor the new site");
        }
    }
    assert!(
        saw_old > 0,
        "no kill landed before the swap: the test did not test anything"
    );
    // The next build cleans up whatever a killed build left beside the output.
    let (ok, log) = build(&big, &out, &["--no-pdf"]);
    assert!(ok, "{log}");
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building") || n.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_at_once_do_not_corrupt_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_project(tmp.path());
    let (ok, log) = build(&big, &tmp.path().join("ref"), &["--no-pdf"]);
    assert!(ok, "{log}");
    let reference = snapshot(&tmp.path().join("ref"));
    let out = tmp.path().join("output");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_khumue"))
            .args([
                "build",
                "--no-pdf",
                "--root",
                big.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let results: Vec<_> = [a, b]
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let succeeded = results.iter().filter(|r| r.status.success()).count();
    assert!(succeeded >= 1);
    for r in results.iter().filter(|r| !r.status.success()) {
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains("another khumue build is writing"), "{err}");
    }
    assert!(
        snapshot(&out) == reference,
        "output differs from a clean build"
    );
}
