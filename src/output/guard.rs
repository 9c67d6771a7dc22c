//! Which folders a build may replace. A build swaps its output folder whole and keeps the one
//! it replaced as the next build's spare, so `--out` must name a folder that holds nothing but
//! an earlier build: never the project, its sources, a folder a later build publishes, or
//! anyone's own files. khumue marks every output folder it makes with a small file, `MARKER`.
//!
//! Outputs of khumue versions that did not mark them yet are recognised by their shape: a
//! folder holding `site/` (with the `nav.js` every build writes) and, at most, `pdf/` and
//! `private/`, all folders, nothing else. The next build replaces it with a marked one.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::OutputFile;
use crate::error::Error;

/// The file that marks a folder as khumue's output (at the top of `--out`, never under `site/`).
pub const MARKER: &str = ".khumue-output";

const MARKER_TEXT: &str =
    "This folder is made by `khumue build` and replaced whole by every build.\n\
Do not keep your own files here: khumue deletes what it did not write.\n";

/// The folders of the project that a build must never replace or write into.
const SOURCES: [&str; 4] = ["content", "data", "themes", ".git"];

/// The marker, as one more file of a build.
pub fn marker_file() -> OutputFile {
    OutputFile::new(MARKER, MARKER_TEXT)
}

/// Makes `out` (if missing) and marks it, for the preview, which writes into it in place.
/// Call only after `check`.
pub fn claim(out: &Path) -> io::Result<()> {
    fs::create_dir_all(out)?;
    let marker = out.join(MARKER);
    if fs::symlink_metadata(&marker).is_err() {
        fs::write(marker, MARKER_TEXT)?;
    }
    Ok(())
}

/// True for a folder khumue made: it holds the marker, or it has the shape of an output of an
/// earlier khumue version (`site/` with `site/nav.js`, and at most `pdf/` and `private/`).
pub fn made_by_khumue(dir: &Path) -> bool {
    if fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    let mut has_site = false;
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let name = entry.file_name();
        if !is_dir
            || !["site", "pdf", "private"]
                .iter()
                .any(|n| name == OsStr::new(n))
        {
            return false;
        }
        has_site |= name == "site";
    }
    has_site && fs::symlink_metadata(dir.join("site/nav.js")).is_ok_and(|m| m.is_file())
}

/// An existing folder with nothing in it (nothing to lose by replacing it).
pub fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Checks that a build of the project at `root` may replace `out`. The error names the folder
/// and says what to do instead.
pub fn check(root: &Path, out: &Path) -> Result<(), Error> {
    let refuse = |why: String, hint: &str| {
        Err(Error::refused(
            format!("the output folder {} {why}", shown(out)),
            hint,
        ))
    };
    let pick_another =
        "pass an output folder of its own with --out, e.g. --out output (the default)";
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return refuse(
                "is a symbolic link".into(),
                "pass the folder itself, not a link to it",
            )
        }
        Ok(meta) if !meta.is_dir() => {
            return refuse(
                "is a file, not a folder".into(),
                "khumue never replaces a file it did not make: pass another --out",
            )
        }
        _ => {}
    }
    let root_abs = fs::canonicalize(root).map_err(Error::io("read", root))?;
    let out_abs = resolve(out).map_err(Error::io("read", out))?;
    if out_abs == root_abs {
        return refuse("is the project folder itself".into(), pick_another);
    }
    if root_abs.starts_with(&out_abs) {
        return refuse(
            format!("holds the project folder {}", shown(root)),
            pick_another,
        );
    }
    for name in SOURCES {
        if out_abs.starts_with(root_abs.join(name)) {
            let place = if out_abs == root_abs.join(name) {
                "is"
            } else {
                "is inside"
            };
            return refuse(
                format!("{place} the project's {name}/ folder"),
                "a build replaces its output folder whole; keep it outside content/, data/ and themes/, e.g. --out output",
            );
        }
    }
    if let Some(outer) = out_abs.ancestors().skip(1).find(|a| made_by_khumue(a)) {
        return refuse(
            format!("is inside the khumue output folder {}", outer.display()),
            "the next build of that folder would delete it or publish what it holds (full-ID forms included): pass a folder outside it",
        );
    }
    if out_abs.is_dir() && !is_empty_dir(&out_abs) && !made_by_khumue(&out_abs) {
        return refuse(
            "holds files that khumue did not make".into(),
            &format!(
                "khumue replaces only folders it made (marked with a {MARKER} file) or empty ones: {pick_another}"
            ),
        );
    }
    Ok(())
}

/// `path` as given, and where it leads when that is not plain from it (`./.. (/home/x)`).
fn shown(path: &Path) -> String {
    match resolve(path) {
        Ok(full) if full != path => format!("{} ({})", path.display(), full.display()),
        _ => path.display().to_string(),
    }
}

/// `path` made absolute, with every link and `..` of its existing part resolved and the rest
/// (not made yet) taken as written.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let parts: Vec<Component> = absolute.components().collect();
    for existing in (1..=parts.len()).rev() {
        let Ok(mut resolved) = fs::canonicalize(parts[..existing].iter().collect::<PathBuf>())
        else {
            continue;
        };
        for part in &parts[existing..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        return Ok(resolved);
    }
    Ok(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for dir in ["content", "data", "themes"] {
            fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        fs::write(tmp.path().join("content/_index.md"), "---\ntitle: x\n---\n").unwrap();
        tmp
    }

    #[test]
    fn the_project_and_its_sources_are_refused() {
        let p = project();
        let root = p.path();
        for out in [
            root.to_path_buf(),
            root.join("."),
            root.join(".."),
            root.join("content"),
            root.join("content/forms"),
            root.join("data"),
            root.join("themes/default"),
            root.join("x/../content"),
        ] {
            assert!(check(root, &out).is_err(), "{}", out.display());
        }
        assert!(check(root, &root.join("output")).is_ok());
        assert!(check(root, &root.join("new/deeper/output")).is_ok());
    }

    #[test]
    fn foreign_folders_and_files_are_refused_outputs_and_empty_folders_are_not() {
        let p = project();
        let root = p.path();
        let foreign = root.join("mine");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(check(root, &foreign).is_err());
        assert!(check(root, &foreign.join("notes.txt")).is_err());
        let empty = root.join("empty");
        fs::create_dir_all(&empty).unwrap();
        assert!(check(root, &empty).is_ok());
        let legacy = root.join("legacy");
        fs::create_dir_all(legacy.join("site")).unwrap();
        fs::create_dir_all(legacy.join("pdf")).unwrap();
        assert!(check(root, &legacy).is_err(), "a bare site/ is not enough");
        fs::write(legacy.join("site/nav.js"), "var nav = [];").unwrap();
        assert!(check(root, &legacy).is_ok());
        assert!(check(root, &legacy.join("site/forms")).is_err());
        fs::write(legacy.join("site.txt"), "x").unwrap();
        assert!(
            check(root, &legacy).is_err(),
            "a stray file makes it foreign"
        );
        claim(&foreign).unwrap_or_default();
        assert!(check(root, &foreign).is_ok());
    }
}
