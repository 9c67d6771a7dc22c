//! The data files as the last build read them, so that a rebuild parses only the files that
//! changed: at a province's size (2,000 files, 150,000 rows) parsing YAML is most of an
//! unchanged rebuild. An entry is keyed by its file's path and text and by khumue's own code
//! (`artifact::key`), and holds what reading the file gave: the value and the problems found
//! in it, so a warning is reported again exactly as when the file was parsed. The checks
//! between files (`validate`) run on every load; positions are found again from the text.
//!
//! The cache is one file in the output folder (`NAME`), one line per data file: its key in hex
//! and the entry as JSON. It holds what `data/` holds, full national IDs included, so it is
//! kept like `private/`: in the output folder only, never in the spare beside it. A line that
//! cannot be read is a miss, never an error: the file is parsed again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::artifact::{OutputFile, Previous};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The cache's name in the output folder.
pub const NAME: &str = ".khumue-data-cache";

/// Entries by key: what the previous load read, then what this one read.
#[derive(Default)]
pub struct Cache {
    /// Off for a one-off load (`khumue check`): nothing is looked up or kept.
    on: bool,
    entries: HashMap<u64, String>,
    /// The keys of the last load's files, in path order.
    order: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
struct Entry<F> {
    path: PathBuf,
    file: Option<F>,
    diagnostics: Vec<Diagnostic>,
}

/// What reading one file gave, and its cache line.
pub struct Read<F> {
    pub file: Option<F>,
    pub diagnostics: Diagnostics,
    /// Taken from the cache: its positions are still to be found (`Sourced::locations`).
    pub cached: bool,
    entry: Option<(u64, String)>,
}

impl<F> Read<F> {
    /// No file, only `diagnostics` (a file that could not be read).
    pub fn nothing(diagnostics: Diagnostics) -> Read<F> {
        Read {
            file: None,
            diagnostics,
            cached: false,
            entry: None,
        }
    }
}

impl Cache {
    /// An empty cache that keeps what each load reads.
    pub fn on() -> Cache {
        Cache {
            on: true,
            ..Cache::default()
        }
    }

    /// The cache in the output folder `out` (missing or unreadable: empty).
    pub fn read(out: &Path) -> Cache {
        let text = std::fs::read_to_string(out.join(NAME)).unwrap_or_default();
        let entries = text
            .lines()
            .filter_map(|line| {
                let (key, json) = line.split_once(' ')?;
                Some((u64::from_str_radix(key, 16).ok()?, json.to_string()))
            })
            .collect();
        Cache {
            on: true,
            entries,
            order: Vec::new(),
        }
    }

    /// The file at `rel` with contents `text`: from the cache when it holds it, else `read`'s.
    pub fn get_or_read<F: Serialize + DeserializeOwned>(
        &self,
        rel: &Path,
        text: &str,
        read: impl FnOnce() -> (Option<F>, Diagnostics),
    ) -> Read<F> {
        if !self.on {
            let (file, diagnostics) = read();
            return Read {
                file,
                diagnostics,
                cached: false,
                entry: None,
            };
        }
        let key = crate::artifact::key(&("data file", rel, text));
        let cached = self.entries.get(&key).and_then(|json| {
            let entry: Entry<F> = serde_json::from_str(json).ok()?;
            (entry.path == rel).then_some((entry, json))
        });
        if let Some((entry, json)) = cached {
            return Read {
                file: entry.file,
                diagnostics: entry.diagnostics.into_iter().collect(),
                cached: true,
                entry: Some((key, json.clone())),
            };
        }
        let (file, diagnostics) = read();
        let entry = Entry {
            path: rel.to_path_buf(),
            file: file.as_ref(),
            diagnostics: diagnostics.iter().cloned().collect(),
        };
        // A value that JSON cannot hold (a NaN) is simply not cached.
        let json = serde_json::to_string(&entry).ok();
        Read {
            file,
            diagnostics,
            cached: false,
            entry: json.map(|json| (key, json)),
        }
    }

    /// Keeps the entries of this load (`reads` in path order), dropping the rest.
    pub fn keep<F>(&mut self, reads: &mut [Read<F>]) {
        if !self.on {
            return;
        }
        self.order.clear();
        let mut entries = HashMap::with_capacity(reads.len());
        for read in reads {
            if let Some((key, json)) = read.entry.take() {
                self.order.push(key);
                entries.insert(key, json);
            }
        }
        self.entries = entries;
    }

    /// The cache file for the output folder: keyed by its entries, so an unchanged one is the
    /// previous file, not written again.
    pub fn output(&self, previous: &Previous) -> OutputFile {
        let key = crate::artifact::key(&("data cache", &self.order));
        let made = previous.take_or_make(PathBuf::from(NAME), key, || {
            let mut text = String::new();
            for key in &self.order {
                if let Some(json) = self.entries.get(key) {
                    text.push_str(&format!("{key:016x} {json}\n"));
                }
            }
            Ok::<_, std::convert::Infallible>(text.into_bytes())
        });
        match made {
            Ok(file) => file,
            Err(never) => match never {},
        }
    }
}
