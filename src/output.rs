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

use std::fs::{self, File};
use std::io;
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

/// Writes `files` into a fresh folder beside `out` and swaps it in. Until the swap, `out` is
/// untouched; the swap itself is one atomic exchange on Linux (two renames elsewhere).
pub fn write_atomic(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = sibling(out, &format!("building-{}", std::process::id()));
    remove_stale(out)?;
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
        .try_for_each(|f| fs::write(staging.join(&f.path), &f.contents))?;
    swap_in(&staging, out)
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
        // `staging` now holds the previous build.
        return fs::remove_dir_all(staging);
    }
    let old = sibling(out, "old");
    fs::rename(out, &old)?;
    fs::rename(staging, out)?;
    fs::remove_dir_all(&old)
}
