//! Reading one data file of the project (`data/site.yaml`, the glossary, report data): only a
//! regular file is read. A symbolic link is not followed (its target, say `/etc/passwd`, would
//! otherwise be parsed and quoted in errors), a FIFO or device is never opened in a way that
//! could hang the build, and a file over the size limit is not read at all.

use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Larger data files are refused, as pages over their limit are: report data is one small
/// file per unit and month, and a runaway file would take minutes and flood the terminal.
pub const MAX_DATA_BYTES: u64 = 8 * 1024 * 1024;

/// The text of `root/rel`, `Ok(None)` when there is no such file. `rel` is what messages show.
pub fn read_text(root: &Path, rel: &Path) -> Result<Option<String>, Diagnostic> {
    let path = root.join(rel);
    let cannot = |e: io::Error| Diagnostic::error(rel, 1, 1, format!("cannot read: {e}"));
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
        Ok(meta) => check_kind(rel, meta.file_type())?,
    }
    let file = open_regular(&path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    // Checked again on what was opened: the path may have been swapped since.
    check_kind(rel, meta.file_type())?;
    check_size(rel, meta.len())?;
    let mut bytes = Vec::new();
    file.take(MAX_DATA_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    check_size(rel, bytes.len() as u64)?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Diagnostic::error(rel, line, col, "file is not valid UTF-8").with_hint(
            "save the file as UTF-8 (Thai text in TIS-620 or Windows-874 must be converted)",
        )
    })
}

/// An error for anything under `data/` that is neither a folder nor a regular file.
pub fn check_kind(rel: &Path, kind: FileType) -> Result<(), Diagnostic> {
    if kind.is_file() || kind.is_dir() {
        return Ok(());
    }
    if kind.is_symlink() {
        return Err(Diagnostic::error(
            rel,
            1,
            1,
            "symbolic link in data/: khumue does not follow links",
        )
        .with_hint("copy the file itself into data/ instead of linking to it"));
    }
    Err(Diagnostic::error(
        rel,
        1,
        1,
        format!("{} in data/, not a regular file", special_kind(kind)),
    )
    .with_hint("data/ may hold only ordinary YAML files and folders: remove it"))
}

fn check_size(rel: &Path, len: u64) -> Result<(), Diagnostic> {
    if len <= MAX_DATA_BYTES {
        return Ok(());
    }
    Err(Diagnostic::error(
        rel,
        1,
        1,
        format!(
            "file is {} MiB, over the {} MiB limit for one data file",
            len.div_ceil(1 << 20),
            MAX_DATA_BYTES >> 20
        ),
    )
    .with_hint("split it: report data is one file per unit and month"))
}

#[cfg(unix)]
fn special_kind(kind: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: FileType) -> &'static str {
    "a special file"
}

/// Opens without following a final link and without waiting on a FIFO's writer.
#[cfg(unix)]
fn open_regular(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::empty()).map_err(io::Error::from)?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
fn open_regular(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_fifos_and_big_files_are_refused_with_their_path() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("data")).unwrap();
        fs::write(root.join("secret"), "root:x:0:0").unwrap();
        std::os::unix::fs::symlink(root.join("secret"), root.join("data/link.yaml")).unwrap();
        let e = read_text(root, Path::new("data/link.yaml")).unwrap_err();
        assert_eq!(
            e.to_string().lines().next().unwrap(),
            "data/link.yaml:1:1: error: symbolic link in data/: khumue does not follow links"
        );
        assert!(!e.to_string().contains("root:x"));
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("data/pipe.yaml"))
            .status()
            .unwrap();
        assert!(status.success());
        let e = read_text(root, Path::new("data/pipe.yaml")).unwrap_err();
        assert!(e.message.contains("FIFO"), "{e}");
        let big = File::create(root.join("data/big.yaml")).unwrap();
        big.set_len(MAX_DATA_BYTES + 1).unwrap();
        let e = read_text(root, Path::new("data/big.yaml")).unwrap_err();
        assert!(e.message.contains("over the 8 MiB limit"), "{e}");
        assert_eq!(read_text(root, Path::new("data/none.yaml")), Ok(None));
    }
}
