//! Rebuilds for the preview. The pages come first: load, render HTML (no search index, no
//! PDFs), swap the result in, tell the browsers to reload. The search index — most of a full
//! build's time — follows on a worker thread limited to one core, so the next save is not kept
//! waiting; its result is dropped if a newer build arrived meanwhile. Once it is in, the
//! site folder is byte-for-byte what `khumue build` writes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::output::OutputFile;
use crate::site::Site;

use super::events::Hub;
use super::http::SiteFiles;
use super::mirror::{self, Changes};

/// State shared by the rebuild loop, the search worker and the HTTP threads.
pub struct Shared {
    /// The last good build, as served.
    files: RwLock<Arc<SiteFiles>>,
    /// Held while the mirror on disk and `files` are updated, so the two never disagree.
    publish: Mutex<Published>,
    pub hub: Arc<Hub>,
    /// Counts page builds swapped in; a search index built for an older one is stale.
    generation: AtomicU64,
    /// A search index is being built for the current pages.
    search_pending: AtomicBool,
}

#[derive(Default)]
struct Published {
    /// Keys of the files the search index produced last time.
    search_keys: HashSet<String>,
}

impl Shared {
    pub fn files(&self) -> Arc<SiteFiles> {
        self.files
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

pub struct Engine {
    options: BuildOptions,
    /// Pages read and rendered by the last rebuild, reused where their files did not change.
    cache: build::Cache,
    site_dir: PathBuf,
    shared: Arc<Shared>,
    search_jobs: Sender<(u64, Arc<Site>)>,
    /// The last build failed: the next good one must reload even if nothing changed.
    failing: bool,
}

/// How one rebuild went, for the terminal.
pub enum Outcome {
    Built {
        changes: Changes,
        warnings: Vec<Diagnostic>,
        millis: u128,
    },
    Failed(Vec<Diagnostic>),
}

impl Engine {
    pub fn new(root: &Path, out: &Path) -> Engine {
        let shared = Arc::new(Shared {
            files: RwLock::new(Arc::new(SiteFiles::new())),
            publish: Mutex::new(Published::default()),
            hub: Arc::new(Hub::default()),
            generation: AtomicU64::new(0),
            search_pending: AtomicBool::new(false),
        });
        let (search_jobs, jobs) = mpsc::channel();
        let worker = Arc::clone(&shared);
        let site_dir = out.join("site");
        let worker_dir = site_dir.clone();
        std::thread::Builder::new()
            .name("khumue-search".into())
            .spawn(move || search_worker(&worker, &worker_dir, &jobs))
            .ok();
        let options = BuildOptions {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            with_ids: false,
            progress: false,
            pdf: false,
            search: false,
        };
        Engine {
            options,
            cache: build::Cache::for_preview(),
            site_dir,
            shared,
            search_jobs,
            failing: false,
        }
    }

    pub fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }

    /// The first build: everything, search included, before the server answers anyone.
    pub fn initial(&mut self) -> Result<Outcome, Error> {
        let started = Instant::now();
        let (loaded, warnings) = match load_and_render(&self.options, &mut self.cache)? {
            Ok(done) => done,
            Err(diags) => {
                self.fail(&diags);
                return Ok(Outcome::Failed(diags));
            }
        };
        let (pages, site) = loaded;
        let search = crate::search::build_index(&site);
        let mut publish = self
            .shared
            .publish
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        publish.search_keys = site_keys(&search).collect();
        let mut files = to_site_files(pages, &SiteFiles::new());
        files.extend(to_site_files(search, &SiteFiles::new()));
        mirror::sync_all(&self.site_dir, &files)?;
        let changes = Changes::between(&SiteFiles::new(), &files);
        *self
            .shared
            .files
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(files);
        Ok(Outcome::Built {
            changes,
            warnings,
            millis: started.elapsed().as_millis(),
        })
    }

    /// A rebuild after a change on disk. Only an I/O failure writing the output is an `Err`.
    pub fn rebuild(&mut self) -> Result<Outcome, Error> {
        let started = Instant::now();
        let ((pages, site), warnings) = match load_and_render(&self.options, &mut self.cache)? {
            Ok(done) => done,
            Err(diags) => {
                self.fail(&diags);
                return Ok(Outcome::Failed(diags));
            }
        };
        let publish = self
            .shared
            .publish
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let old = self.shared.files();
        let mut files = to_site_files(pages, &old);
        // Until the worker catches up, the previous index stays (a page's search may lag).
        for key in &publish.search_keys {
            if let (false, Some(bytes)) = (files.contains_key(key), old.get(key)) {
                files.insert(key.clone(), Arc::clone(bytes));
            }
        }
        let changes = Changes::between(&old, &files);
        if !changes.is_empty() {
            // No good build yet this session: the folder may hold anything from before.
            let written = if old.is_empty() {
                mirror::sync_all(&self.site_dir, &files)
            } else {
                mirror::apply(&self.site_dir, &files, &changes)
            };
            written?;
            *self
                .shared
                .files
                .write()
                .unwrap_or_else(PoisonError::into_inner) = Arc::new(files);
            let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
            self.shared.search_pending.store(true, Ordering::SeqCst);
            if self.search_jobs.send((generation, Arc::new(site))).is_err() {
                // The search worker could not start: the pages are served without a new index.
                self.shared.search_pending.store(false, Ordering::SeqCst);
            }
        }
        drop(publish);
        if !changes.is_empty() || self.failing {
            self.shared.hub.reload();
        }
        if changes.is_empty() && !self.shared.search_pending.load(Ordering::SeqCst) {
            self.shared.hub.synced();
        }
        self.failing = false;
        Ok(Outcome::Built {
            changes,
            warnings,
            millis: started.elapsed().as_millis(),
        })
    }

    fn fail(&mut self, diags: &[Diagnostic]) {
        self.failing = true;
        self.shared
            .hub
            .error(&crate::diagnostics::shown(diags).join("\n"));
    }
}

type Rendered = ((Vec<OutputFile>, Site), Vec<Diagnostic>);

/// A build of the pages: `Ok(Err(problems))` when the user's files have errors (the preview
/// shows them and keeps serving), `Err` only when the machine failed.
fn load_and_render(
    options: &BuildOptions,
    cache: &mut build::Cache,
) -> Result<Result<Rendered, Vec<Diagnostic>>, Error> {
    let (loaded, diags) = build::load_cached(&options.root, cache, options.pdf);
    let Some(loaded) = loaded else {
        return Ok(Err(diags.sorted()));
    };
    match build::render_cached(loaded, options, cache) {
        Ok(rendered) => Ok(Ok((rendered, diags.sorted()))),
        Err(Error::Input(more)) => {
            let mut all = diags;
            all.extend(more);
            Ok(Err(all.sorted()))
        }
        Err(other) => Err(other),
    }
}

/// The `site/` part of a build, keyed below `site/`; bytes equal to `old`'s are shared.
fn to_site_files(files: Vec<OutputFile>, old: &SiteFiles) -> SiteFiles {
    files
        .into_iter()
        .filter_map(|f| {
            let key = site_key(&f)?;
            let bytes = match old.get(&key) {
                Some(before) if **before == f.contents => Arc::clone(before),
                _ => Arc::new(f.contents),
            };
            Some((key, bytes))
        })
        .collect()
}

fn site_key(file: &OutputFile) -> Option<String> {
    file.path
        .strip_prefix("site")
        .ok()
        .map(crate::util::slash_path)
}

fn site_keys(files: &[OutputFile]) -> impl Iterator<Item = String> + '_ {
    files.iter().filter_map(site_key)
}

fn search_worker(shared: &Shared, site_dir: &Path, jobs: &Receiver<(u64, Arc<Site>)>) {
    // One thread: the other core stays free for the next page build.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "khumue-search-pool".into())
        .build();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let (generation, site) = job;
        if generation != shared.generation.load(Ordering::SeqCst) {
            continue;
        }
        let started = Instant::now();
        let index = match &pool {
            Ok(pool) => pool.install(|| crate::search::build_index(&site)),
            Err(_) => crate::search::build_index(&site),
        };
        let mut publish = shared
            .publish
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if generation != shared.generation.load(Ordering::SeqCst) {
            continue;
        }
        let old = shared.files();
        let mut files: SiteFiles = old
            .iter()
            .filter(|(k, _)| !publish.search_keys.contains(*k))
            .map(|(k, v)| (k.clone(), Arc::clone(v)))
            .collect();
        publish.search_keys = site_keys(&index).collect();
        files.extend(to_site_files(index, &old));
        let changes = Changes::between(&old, &files);
        if let Err(e) = mirror::apply(site_dir, &files, &changes) {
            eprintln!("error: the search index was not updated: {e}");
            continue;
        }
        *shared.files.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(files);
        shared.search_pending.store(false, Ordering::SeqCst);
        drop(publish);
        eprintln!(
            "search index updated in {} ms ({} files changed)",
            started.elapsed().as_millis(),
            changes.written.len() + changes.removed.len()
        );
        shared.hub.synced();
    }
}
