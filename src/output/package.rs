//! `khumue-site.zip`: the built site as one file, to share over a chat app. Unzipped, it is
//! a folder that opens from disk like `site/` itself. The archive is deterministic: entries
//! sorted by path, one fixed timestamp and permission, so an unchanged site gives the same
//! bytes.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The archive's name in the output folder.
pub const NAME: &str = "khumue-site.zip";

/// The folder the archive unpacks to.
const FOLDER: &str = "khumue-site";

/// Files that are compressed already: stored as they are, deflating them again gains nothing.
const STORED: &[&str] = &[
    "pdf", "woff2", "woff", "png", "jpg", "jpeg", "gif", "webp", "zip",
];

/// zlib's fast deflate: the archive is some 2% larger than at the default level 6, which took
/// three times as long on the last step of every build.
const DEFLATE_LEVEL: i64 = 3;

/// Writes the archive of `files` (paths relative to `dir`, each under `site/`) to `target`.
pub fn write(dir: &Path, files: &[&PathBuf], target: &Path) -> io::Result<()> {
    let mut sorted: Vec<(String, &PathBuf)> = files
        .iter()
        .filter_map(|path| {
            let rel = path.strip_prefix("site").ok()?;
            Some((format!("{FOLDER}/{}", crate::util::slash_path(rel)), *path))
        })
        .collect();
    sorted.sort();
    let mut zip = ZipWriter::new(BufWriter::new(File::create(target)?));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, path) in sorted {
        let stored = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| STORED.contains(&e.to_ascii_lowercase().as_str()));
        let method = match stored {
            true => CompressionMethod::Stored,
            false => CompressionMethod::Deflated,
        };
        let mut source = File::open(dir.join(path))?;
        let large = source.metadata()?.len() >= u64::from(u32::MAX);
        let options = base
            .compression_method(method)
            .compression_level((!stored).then_some(DEFLATE_LEVEL))
            .large_file(large);
        zip.start_file(name, options).map_err(io::Error::other)?;
        io::copy(&mut source, &mut zip)?;
    }
    zip.finish().map_err(io::Error::other)?.flush()
}
