//! The write stage: everything a build produces is collected as `OutputFile`s, written into a
//! fresh folder beside the output folder, and swapped in only when the whole build succeeded.

use std::path::PathBuf;

/// One file of the build's result. `path` is relative to the output folder and `/`-separated:
/// `site/index.html`, `pdf/sp12-2564-01-klong-niyom.pdf`, `private/...`.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;

/// Held for the whole build: two builds of one output folder would otherwise interleave.
pub struct BuildLock {
    _file: File,
}

impl BuildLock {
    pub fn acquire(out: &Path) -> Result<BuildLock, String> {
        let lock_path = sibling(out, "lock");
        if let Some(parent) = lock_path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let file = File::create(&lock_path)
            .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(BuildLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(format!(
                "another khumue build is writing {} right now (lock: {}); wait for it to finish and run again",
                out.display(),
                lock_path.display()
            )),
            Err(fs::TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", lock_path.display())),
        }
    }
}

/// `output/` → `./.output.<what>`: hidden files beside the output folder.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    out.with_file_name(format!(".{name}.{what}"))
}

/// Writes `files` into a folder beside `out` and swaps it in. Until the swap, `out` is
/// untouched; the swap itself is one atomic exchange on Linux (two renames elsewhere).
///
/// The folder written into is the previous build's, kept as a spare by the last swap, with
/// every file overwritten and every file this build does not make removed: overwriting keeps
/// the file system's inodes, and on ext4 creating thousands of files right after deleting
/// thousands cost more than all the rendering of a 2,000-page site.
pub fn write_atomic(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = sibling(out, &format!("building-{}", std::process::id()));
    remove_stale(out)?;
    let spare = sibling(out, "spare");
    let reused = spare.is_dir()
        && fs::rename(&spare, &staging).is_ok()
        && keep_only(&staging, files).is_ok();
    if !reused && staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| staging.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        fs::create_dir_all(dir)?;
    }
    files
        .par_iter()
        .try_for_each(|f| overwrite(&staging.join(&f.path), &f.contents))?;
    swap_in(&staging, out)
}

/// Writes `contents` over the file at `path`, created if missing. An existing file is written
/// over and then cut to length, never truncated to zero first: ext4 flushes a file that was
/// truncated to zero and rewritten when it is closed, and that flush is slower than the write.
fn overwrite(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(contents)?;
    file.set_len(contents.len() as u64)
}

/// Removes from the reused folder `dir` everything that is not one of `files` or a folder
/// holding one; links are removed too, so a write never lands outside `dir`.
fn keep_only(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    let wanted: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let folders: HashSet<&Path> = files
        .iter()
        .flat_map(|f| f.path.ancestors().skip(1))
        .collect();
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let kind = entry.file_type();
        if kind.is_dir() {
            if !folders.contains(rel) {
                fs::remove_dir_all(entry.path())?;
                walk.skip_current_dir();
            }
        } else if kind.is_symlink() || !wanted.contains(rel) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Folders left by builds that were killed before their swap.
fn remove_stale(out: &Path) -> io::Result<()> {
    let Some(parent) = out.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return Ok(());
    };
    let prefix = sibling(out, "building-")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = sibling(out, "old")
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == old && !out.exists() {
            // A build killed between the two renames of the fallback swap: restore it.
            fs::rename(entry.path(), out)?;
        } else if name.starts_with(&prefix) || name == old {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return fs::rename(staging, out);
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the previous build: the next build writes into it. Full-ID
        // forms never stay behind in a folder the user does not see.
        let private = staging.join("private");
        if private.exists() {
            fs::remove_dir_all(&private)?;
        }
        if fs::rename(staging, sibling(out, "spare")).is_err() {
            fs::remove_dir_all(staging)?;
        }
        return Ok(());
    }
    let old = sibling(out, "old");
    fs::rename(out, &old)?;
    fs::rename(staging, out)?;
    fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                (
                    rel.to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter().map(|(p, c)| OutputFile::new(*p, *c)).collect()
    }

    #[test]
    fn a_rebuild_over_the_spare_leaves_exactly_the_new_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let first = files(&[
            ("site/index.html", "a long first version of the page"),
            ("site/gone.html", "only in the first build"),
            ("site/x", "a file where the next build has a folder"),
            (
                "site/old/deep.html",
                "a folder the next build does not have",
            ),
            ("private/form.pdf", "full national IDs"),
        ]);
        write_atomic(&out, &first).unwrap();
        // The second build finds no spare yet; the third writes over the first build's files.
        let second = files(&[("site/index.html", "second")]);
        write_atomic(&out, &second).unwrap();
        let spare = sibling(&out, "spare");
        assert!(spare.is_dir());
        assert!(
            !spare.join("private").exists(),
            "full-ID forms kept in the spare"
        );
        let third = files(&[
            ("site/index.html", "short"),
            ("site/x/inside.html", "now a folder"),
            ("site/new.html", "new"),
        ]);
        write_atomic(&out, &third).unwrap();
        let expected: BTreeMap<String, Vec<u8>> = third
            .iter()
            .map(|f| (f.path.to_string_lossy().into_owned(), f.contents.clone()))
            .collect();
        assert_eq!(snapshot(&out), expected);
        // The spare now holds the second build, whole.
        assert_eq!(
            snapshot(&spare).keys().collect::<Vec<_>>(),
            vec!["site/index.html"]
        );
    }
}
