//! The write stage: everything a build produces is collected as `OutputFile`s, written into a
//! fresh folder beside the output folder, and swapped in only when the whole build succeeded.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::artifact::{Emit, OutputFile, Previous};
use crate::error::{Error, IoError};

mod guard;
mod package;
pub use guard::{check as check_out, claim};
/// The site's archive in the output folder: `khumue-site.zip`.
pub use package::NAME as PACKAGE;

/// Held for the whole build: two builds of one output folder would otherwise interleave.
pub struct BuildLock {
    _file: File,
}

impl BuildLock {
    /// Refused while another build holds the lock.
    pub fn acquire(out: &Path) -> Result<BuildLock, Error> {
        let lock_path = sibling(out, "lock");
        if let Some(parent) = lock_path.parent() {
            fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        }
        // Never truncated: a file of that name that khumue did not make keeps its bytes.
        let file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(Error::io("create", &lock_path))?;
        match file.try_lock() {
            Ok(()) => Ok(BuildLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::refused(
                format!(
                    "another khumue build is writing {} right now (lock: {})",
                    out.display(),
                    lock_path.display()
                ),
                "wait for it to finish and run again",
            )),
            Err(fs::TryLockError::Error(e)) => Err(Error::io("lock", &lock_path)(e)),
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

/// A build's output under construction in a folder beside the output folder. Each stage
/// writes its files in as soon as it has them (so no stage's output waits in memory for the
/// others), and `finish` swaps the folder in whole: until then the output is untouched.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    written: HashSet<PathBuf>,
    /// A digest of every `site/` file written, by path: what the archive is keyed by.
    site: BTreeMap<PathBuf, u64>,
}

impl Staging {
    /// Starts from the build before last (`.<out>.spare`) when there is one: writing over
    /// existing files is much cheaper on ext4 than creating thousands of new ones.
    /// The spare is used only when khumue made it; the staging folder is marked as khumue's
    /// first thing, so a build killed at any later moment leaves a folder the next one removes.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        let dir = sibling(out, &format!("building-{}", std::process::id()));
        remove_stale(out).map_err(Error::io("remove the unfinished builds beside", out))?;
        let spare = sibling(out, "spare");
        let reused = spare.is_dir()
            && guard::made_by_khumue(&spare)
            && fs::rename(&spare, &dir).is_ok()
            && remove_links(&dir).is_ok();
        if !reused && dir.exists() {
            if !ours(&dir) {
                return Err(Error::refused(
                    format!("{} exists and was not made by khumue", dir.display()),
                    "move it away: khumue never removes a folder it did not make",
                ));
            }
            fs::remove_dir_all(&dir).map_err(Error::io("remove", &dir))?;
        }
        fs::create_dir_all(&dir).map_err(Error::io("create", &dir))?;
        let mut staging = Staging {
            out: out.to_path_buf(),
            dir,
            written: HashSet::new(),
            site: BTreeMap::new(),
        };
        if let Err(e) = staging.write(vec![guard::marker_file()]) {
            staging.abandon();
            return Err(e.into());
        }
        Ok(staging)
    }

    /// Writes `files` in and lets go of their contents. An error names the file as it would
    /// be in the output folder.
    pub fn write(&mut self, files: Vec<OutputFile>) -> Result<(), IoError> {
        let mut dirs: Vec<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            make_dir(&self.dir, dir).map_err(|e| IoError::new("create", self.out.join(dir), e))?;
        }
        let digests = files
            .par_iter()
            .map(|f| {
                let target = self.dir.join(&f.path);
                match &f.reuse {
                    Some(previous) => link_or_copy(previous, &target),
                    None => overwrite(&target, &f.contents),
                }
                .map_err(|e| IoError::new("write", self.out.join(&f.path), e))?;
                Ok(f.path.starts_with("site").then(|| f.digest()))
            })
            .collect::<Result<Vec<_>, IoError>>()?;
        for (f, digest) in files.into_iter().zip(digests) {
            if let Some(digest) = digest {
                self.site.insert(f.path.clone(), digest);
            }
            self.written.insert(f.path);
        }
        Ok(())
    }

    /// Packs every `site/` file this build wrote into `khumue-site.zip` beside `site/`: only
    /// files khumue made, never `private/`. The archive is keyed by the paths and digests of
    /// those files: when `previous` made it from the same, it is taken over. Gives its key.
    pub fn package_site(&mut self, previous: &Previous) -> Result<u64, IoError> {
        let zip = self.out.join(package::NAME);
        let failed = |e: io::Error| IoError::new("write", &zip, e);
        let files: Vec<&PathBuf> = self
            .written
            .iter()
            .filter(|p| p.starts_with("site"))
            .collect();
        let target = self.dir.join(package::NAME);
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&target).map_err(&failed)?,
            // Never written in place: the previous build's archive may share the file.
            Ok(_) => fs::remove_file(&target).map_err(&failed)?,
            Err(_) => {}
        }
        let key = crate::artifact::key(&("site archive", &self.site));
        match previous.reusable(Path::new(package::NAME), key) {
            Some(reused) => link_or_copy(&reused, &target),
            None => package::write(&self.dir, &files, &target),
        }
        .map_err(&failed)?;
        self.written.insert(PathBuf::from(package::NAME));
        Ok(key)
    }

    /// Gives up a failed build's folder: it becomes the spare for the next build (never with
    /// full-ID forms in it). The output folder was never touched.
    pub fn abandon(self) {
        let _ = remove_private(&self.dir);
        if fs::rename(&self.dir, sibling(&self.out, "spare")).is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }

    /// Gives up after a write failed (a full disk, a name too long): the folder is removed,
    /// so no staging or spare folder is left to take space.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }

    /// Removes what the reused folder held but this build did not write, and swaps it in. On
    /// failure no staging folder stays behind.
    pub fn finish(self) -> Result<(), IoError> {
        let done = keep_only(&self.dir, &self.written).and_then(|()| swap_in(&self.dir, &self.out));
        if done.is_err() && self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
        done.map_err(|e| IoError::new("replace", &self.out, e))
    }
}

/// A folder beside the output that khumue may remove: made by a build, or empty.
fn ours(dir: &Path) -> bool {
    guard::made_by_khumue(dir) || guard::is_empty_dir(dir)
}

/// Creates `rel` under `root`, removing files that stand where its folders go (a reused
/// folder may hold a file where this build has a folder).
fn make_dir(root: &Path, rel: &Path) -> io::Result<()> {
    let mut path = root.to_path_buf();
    for part in rel.components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                fs::remove_file(&path)?;
                fs::create_dir(&path)?;
            }
            Err(_) => fs::create_dir(&path)?,
        }
    }
    Ok(())
}

/// Removes every symbolic link under `dir`, so no write can land outside it.
fn remove_links(dir: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.path_is_symlink() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Makes `target` the same file as `previous`: a hard link (the files of a build are never
/// written in place once another build shares them, see `overwrite`), or a copy where the
/// file system has no links.
fn link_or_copy(previous: &Path, target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(target)?,
        Ok(_) => fs::remove_file(target)?,
        Err(_) => {}
    }
    if fs::hard_link(previous, target).is_err() {
        fs::copy(previous, target)?;
    }
    Ok(())
}

/// True when another name (a reused file in the live output) shares this file's contents.
#[cfg(unix)]
fn is_shared(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn is_shared(_meta: &fs::Metadata) -> bool {
    false
}

/// Writes `contents` over the file at `path`, created if missing. An existing file is written
/// over and then cut to length, never truncated to zero first: ext4 flushes a file that was
/// truncated to zero and rewritten when it is closed, and that flush is slower than the write.
fn overwrite(path: &Path, contents: &[u8]) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        // A reused folder may hold a folder where this build has a file.
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path)?,
        // Writing into a file linked from the live output would change that output.
        Ok(meta) if is_shared(&meta) => fs::remove_file(path)?,
        _ => {}
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(contents)?;
    file.set_len(contents.len() as u64)
}

/// Removes from `dir` everything that is not one of the `written` files or a folder holding one.
fn keep_only(dir: &Path, written: &HashSet<PathBuf>) -> io::Result<()> {
    let wanted: HashSet<&Path> = written.iter().map(PathBuf::as_path).collect();
    let folders: HashSet<&Path> = written.iter().flat_map(|p| p.ancestors().skip(1)).collect();
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
        let is_ours = || entry.file_type().is_ok_and(|t| t.is_dir()) && ours(&entry.path());
        if name == old && !out.exists() && is_ours() {
            // A build killed between the two renames of the fallback swap: restore it.
            fs::rename(entry.path(), out)?;
        } else if (name.starts_with(&prefix) || name == old) && is_ours() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Removes what holds full national IDs from a build's folder: the full-ID forms
/// (`private/`) and the data cache.
fn remove_private(dir: &Path) -> io::Result<()> {
    let private = dir.join("private");
    if private.exists() {
        fs::remove_dir_all(&private)?;
    }
    match fs::remove_file(dir.join(crate::data::CACHE)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
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
        // forms and data never stay behind in a folder the user does not see.
        remove_private(staging)?;
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
    use super::guard::MARKER;
    use super::*;
    use std::collections::BTreeMap;

    /// Writes `files` into a fresh folder beside `out` and swaps it in. Until the swap, `out` is
    /// untouched; the swap itself is one atomic exchange on Linux (two renames elsewhere).
    fn write_atomic(out: &Path, files: Vec<OutputFile>) -> Result<(), Error> {
        let mut staging = Staging::begin(out)?;
        staging.write(files)?;
        Ok(staging.finish()?)
    }

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
        write_atomic(&out, first.clone()).unwrap();
        // The second build finds no spare yet; the third writes over the first build's files.
        let second = files(&[("site/index.html", "second")]);
        write_atomic(&out, second.clone()).unwrap();
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
        write_atomic(&out, third.clone()).unwrap();
        let expected: BTreeMap<String, Vec<u8>> = third
            .iter()
            .chain([&guard::marker_file()])
            .map(|f| (f.path.to_string_lossy().into_owned(), f.contents.clone()))
            .collect();
        assert_eq!(snapshot(&out), expected);
        // The spare now holds the second build, whole.
        assert_eq!(
            snapshot(&spare).keys().collect::<Vec<_>>(),
            vec![MARKER, "site/index.html"]
        );
    }
}
