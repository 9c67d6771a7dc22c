//! Keeps `<out>/site/` equal to the last good build: only files whose bytes changed are
//! written (each through a temporary file and a rename, so a reader never sees half a file),
//! and files the build no longer produces are deleted.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::IoError;

use super::http::SiteFiles;

/// What changed between two builds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn between(old: &SiteFiles, new: &SiteFiles) -> Changes {
        let mut written: Vec<String> = new
            .iter()
            .filter(|(key, bytes)| old.get(*key).is_none_or(|before| !same(before, bytes)))
            .map(|(key, _)| key.clone())
            .collect();
        let mut removed: Vec<String> = old
            .keys()
            .filter(|k| !new.contains_key(*k))
            .cloned()
            .collect();
        written.sort();
        removed.sort();
        Changes { written, removed }
    }

    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

fn same(a: &Arc<Vec<u8>>, b: &Arc<Vec<u8>>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// Writes `changes` (computed from `new`) into `site_dir`.
pub fn apply(site_dir: &Path, new: &SiteFiles, changes: &Changes) -> Result<(), IoError> {
    changes
        .written
        .par_iter()
        .try_for_each(|key| match new.get(key) {
            Some(bytes) => write_file(&site_dir.join(key), bytes),
            None => Ok(()),
        })?;
    for key in &changes.removed {
        let path = site_dir.join(key);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(IoError::new("remove", &path, e))
            }
            _ => remove_empty_parents(site_dir, &path),
        }
    }
    Ok(())
}

/// At start-up: makes `site_dir` hold exactly `files`, whatever was there before.
pub fn sync_all(site_dir: &Path, files: &SiteFiles) -> Result<(), IoError> {
    fs::create_dir_all(site_dir).map_err(|e| IoError::new("create", site_dir, e))?;
    let mut on_disk: Vec<(String, PathBuf)> = Vec::new();
    // Links are not followed: a link inside the output folder is deleted, not written through.
    for entry in WalkDir::new(site_dir).follow_links(false).min_depth(1) {
        let entry = entry.map_err(|e| IoError::new("read", site_dir, io::Error::other(e)))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(site_dir).unwrap_or(entry.path());
        on_disk.push((crate::util::slash_path(rel), entry.path().to_path_buf()));
    }
    for (key, path) in &on_disk {
        let keep =
            files.get(key).is_some() && fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        if !keep {
            fs::remove_file(path).map_err(|e| IoError::new("remove", path, e))?;
            remove_empty_parents(site_dir, path);
        }
    }
    files.par_iter().try_for_each(|(key, bytes)| {
        let path = site_dir.join(key);
        match fs::read(&path) {
            Ok(existing) if existing == **bytes => Ok(()),
            _ => write_file(&path, bytes),
        }
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| IoError::new("create", parent, e))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.khumue-tmp"));
    fs::write(&temp, bytes)
        .and_then(|()| fs::rename(&temp, path))
        .map_err(|e| IoError::new("write", path, e))
}

/// A full build has no empty folders, so neither may the mirror.
fn remove_empty_parents(site_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == site_dir || !d.starts_with(site_dir) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> SiteFiles {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), Arc::new(v.as_bytes().to_vec())))
            .collect()
    }

    #[test]
    fn writes_changed_files_and_deletes_gone_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let old = files(&[("index.html", "a"), ("x/gone.html", "g"), ("same.css", "s")]);
        sync_all(&site, &old).unwrap();
        let new = files(&[("index.html", "b"), ("same.css", "s"), ("y/new.html", "n")]);
        let changes = Changes::between(&old, &new);
        assert_eq!(changes.written, vec!["index.html", "y/new.html"]);
        assert_eq!(changes.removed, vec!["x/gone.html"]);
        apply(&site, &new, &changes).unwrap();
        assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "b");
        assert_eq!(fs::read_to_string(site.join("y/new.html")).unwrap(), "n");
        assert!(!site.join("x").exists(), "empty folder left behind");
    }

    #[test]
    fn start_up_sync_removes_stray_files() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("old")).unwrap();
        fs::write(site.join("old/stray.html"), "x").unwrap();
        fs::write(site.join("index.html"), "stale").unwrap();
        sync_all(&site, &files(&[("index.html", "fresh")])).unwrap();
        assert_eq!(
            fs::read_to_string(site.join("index.html")).unwrap(),
            "fresh"
        );
        assert!(!site.join("old").exists());
    }
}
