//! What the render stages make and the write stage writes: files, handed on one stage at a
//! time. A type of its own below the renderers, so that they need not know about `output`.
//!
//! Files that are costly to make (PDFs, spreadsheets, the site's archive) are *keyed*: the key
//! is a hash of everything the file is made from, khumue's own code included. A build records
//! every key in `KEYS` beside its output, and the next build takes a file whose key did not
//! change over from the previous output (a hard link) instead of making it again: one
//! mechanism for every generated binary file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One file of the build's result. `path` is relative to the output folder and `/`-separated:
/// `site/index.html`, `pdf/sp12-2564-01-klong-niyom.pdf`, `private/...`.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
    /// A file of the previous build to take as it is instead of `contents` (a PDF whose inputs
    /// did not change): hard-linked, so reusing it costs no copy.
    pub reuse: Option<PathBuf>,
    /// The key of a keyed file (see the module's comment): equal keys, equal bytes.
    pub key: Option<u64>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            reuse: None,
            key: None,
        }
    }

    /// A file made afresh from inputs whose hash is `key`.
    pub fn keyed(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>, key: u64) -> Self {
        OutputFile {
            key: Some(key),
            ..OutputFile::new(path, contents)
        }
    }

    /// `path` in this build is the file `previous` (outside the staging folder) unchanged,
    /// made from inputs whose hash is `key`.
    pub fn reused(path: impl Into<PathBuf>, previous: PathBuf, key: u64) -> Self {
        OutputFile {
            path: path.into(),
            contents: Vec::new(),
            reuse: Some(previous),
            key: Some(key),
        }
    }

    /// A hash of the file's bytes: its key when it has one (reading a reused file from disk
    /// is then unnecessary), else a hash of its contents.
    pub fn digest(&self) -> u64 {
        match self.key {
            Some(key) => fingerprint(&("key", key)),
            None => fingerprint(&("bytes", &self.contents)),
        }
    }
}

/// Where a render stage hands its files as soon as it has them (a build writes them into the
/// staging folder and lets them go); an error stops the stage. A sink that cannot fail (one
/// that collects the files) names `std::convert::Infallible` as `E`.
pub type Emit<'a, E = Error> = dyn FnMut(Vec<OutputFile>) -> Result<(), E> + 'a;

/// Beside the output: one line per keyed file, its key and its path.
pub const KEYS: &str = ".khumue-keys";

/// The key of a file made from `inputs` by this khumue (another build of khumue makes every
/// file again: its code may lay them out differently).
pub fn key(inputs: &impl Hash) -> u64 {
    fingerprint(&(executable_id(), inputs))
}

fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The keyed files of the build being replaced, by path.
#[derive(Default)]
pub struct Previous {
    out: PathBuf,
    keys: HashMap<PathBuf, u64>,
}

impl Previous {
    /// Nothing to reuse: every file is made.
    pub fn none() -> Previous {
        Previous::default()
    }

    /// The keyed files now in `out` (a missing or unreadable key file means none).
    pub fn read(out: &Path) -> Previous {
        let text = std::fs::read_to_string(out.join(KEYS)).unwrap_or_default();
        let keys = text
            .lines()
            .filter_map(|line| {
                let (key, path) = line.split_once(' ')?;
                Some((PathBuf::from(path), u64::from_str_radix(key, 16).ok()?))
            })
            .collect();
        Previous {
            out: out.to_path_buf(),
            keys,
        }
    }

    /// The previous file at `path`, when it was made from exactly the same inputs.
    pub fn reusable(&self, path: &Path, key: u64) -> Option<PathBuf> {
        if self.keys.get(path) != Some(&key) {
            return None;
        }
        let file = self.out.join(path);
        std::fs::symlink_metadata(&file)
            .is_ok_and(|m| m.is_file())
            .then_some(file)
    }

    /// The file at `path` keyed `key`: the previous build's when its key is the same, else
    /// the bytes `make` gives.
    pub fn take_or_make<E>(
        &self,
        path: PathBuf,
        key: u64,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<OutputFile, E> {
        match self.reusable(&path, key) {
            Some(previous) => Ok(OutputFile::reused(path, previous, key)),
            None => Ok(OutputFile::keyed(path, make()?, key)),
        }
    }
}

/// The keys of a build's keyed files, recorded as its stages hand them on.
#[derive(Default)]
pub struct Keys {
    lines: Vec<(PathBuf, u64)>,
}

impl Keys {
    pub fn record(&mut self, files: &[OutputFile]) {
        self.lines
            .extend(files.iter().filter_map(|f| Some((f.path.clone(), f.key?))));
    }

    pub fn add(&mut self, path: impl Into<PathBuf>, key: u64) {
        self.lines.push((path.into(), key));
    }

    /// `KEYS`, sorted by path so that an unchanged build writes the same bytes.
    pub fn file(mut self) -> OutputFile {
        self.lines.sort();
        let text: String = self
            .lines
            .iter()
            .map(|(path, key)| format!("{key:016x} {}\n", path.display()))
            .collect();
        OutputFile::new(KEYS, text)
    }
}

/// What tells this khumue's code from any other's, so that a file made by another build of
/// khumue (a release, or a development build with changed code and the same version number)
/// is made again: the build ID that the linker writes into the executable, a hash of its
/// contents (ELF `.note.gnu.build-id`, a Mach-O UUID, a PE debug GUID). Reading it costs a few
/// small reads of the executable's headers, not a hash of its hundreds of megabytes. An
/// executable without one is known by its size and modification time (a copy then makes
/// everything once), and one that cannot be read by khumue's version alone.
pub fn executable_id() -> &'static [u8] {
    static ID: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let version = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
        let Ok(path) = std::env::current_exe() else {
            return version;
        };
        let Ok(file) = std::fs::File::open(&path) else {
            return version;
        };
        if let Some(id) = build_id(&file) {
            return id;
        }
        match file.metadata() {
            Ok(meta) => {
                format!("{} {:?} {:?}", meta.len(), meta.modified().ok(), version).into_bytes()
            }
            Err(_) => version,
        }
    })
}

/// The linker's build ID of an executable file, reading only the parts that hold it.
fn build_id(file: &std::fs::File) -> Option<Vec<u8>> {
    use object::{Object, ReadCache};
    let cache = ReadCache::new(file);
    let parsed = object::File::parse(&cache).ok()?;
    if let Ok(Some(id)) = parsed.build_id() {
        return Some(id.to_vec());
    }
    if let Ok(Some(uuid)) = parsed.mach_uuid() {
        return Some(uuid.to_vec());
    }
    let info = parsed.pdb_info().ok()??;
    Some([&info.guid()[..], &info.age().to_le_bytes()].concat())
}
