//! One Typst engine per batch: the theme's templates and fonts and any generated
//! sources (handbook pages converted from Markdown) are loaded once; every PDF of the batch
//! is compiled from it in parallel with its own inputs (the file `INPUTS`).

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::io::IsTerminal;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Dict, Duration as TypstDuration, Value};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::Font;
use typst::text::FontBook;
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstWorld};

use super::markdown_to_typst::TypstMarkup;
use crate::artifact::{Emit, OutputFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, IoError};
use crate::thai::digits::group_thousands;
use crate::theme::Theme;

/// Where a Typst source came from, to report its errors at the user's file and line.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A theme template, reported as is.
    Template(PathBuf),
    /// Markup converted from a Markdown file; `first_line` is the file line where the
    /// converted Markdown starts.
    Markdown {
        file: PathBuf,
        first_line: usize,
        line_map: Vec<usize>,
    },
}

/// A generated Typst source handed to the engine, e.g. one handbook page.
pub struct GeneratedSource {
    pub path: String,
    pub markup: TypstMarkup,
    pub file: PathBuf,
    pub first_line: usize,
}

/// One PDF to produce.
pub struct Job {
    /// Output path relative to the output folder (`pdf/...`, `private/...`).
    pub output: PathBuf,
    /// The template to compile, e.g. `sp12.typ`.
    pub template: &'static str,
    pub inputs: Dict,
}

/// Stack of a thread that compiles a PDF. Typst lays out nested content recursively; the
/// memory is reserved, not used, until a deep document needs it.
const TYPST_STACK: usize = 256 << 20;

/// A document compiled on its own: memoised layout results not used by the last this many
/// documents are dropped.
const CACHE_AGE: usize = 10;

/// After a document of more pages than this compiled on its own, the whole layout cache is
/// dropped.
const LONG_DOCUMENT: usize = 40;

/// In a batch, the layout cache is pruned each time this many pages have been typeset since
/// it was last pruned (some 2 MB of memoised layout per page of a long table).
const PRUNE_EVERY_PAGES: usize = 150;

/// A job whose inputs hold more values than this (a province-month's SNB-2 at 93 units holds
/// some 6,000 rows) is heavy: its layout takes hundreds of megabytes until it is done, so
/// only one heavy document is laid out at a time.
const HEAVY_VALUES: usize = 1_000;

/// Finished PDFs are written out this many at a time.
const EMIT_EVERY: usize = 16;

pub struct Engine {
    typst: TypstEngine,
    sources: HashMap<FileId, (Source, Origin)>,
    /// The theme's `typst/` folder as errors name it (`themes/default/typst`).
    template_dir: PathBuf,
}

/// The theme's `fonts/`: every TrueType or OpenType file (and each face of a collection).
pub(super) fn theme_fonts(theme: &Theme) -> Vec<Font> {
    theme
        .files
        .iter()
        .filter(|(path, _)| {
            path.strip_prefix("fonts/").is_some_and(|name| {
                let lower = name.to_ascii_lowercase();
                [".ttf", ".otf", ".ttc", ".otc"]
                    .iter()
                    .any(|ext| lower.ends_with(ext))
            })
        })
        .flat_map(|(_, data)| {
            let bytes = match data {
                // The built-in theme's fonts are part of the binary: no copy.
                Cow::Borrowed(data) => Bytes::new(*data),
                Cow::Owned(data) => Bytes::new(data.clone()),
            };
            Font::iter(bytes)
        })
        .collect()
}

pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Engine {
    /// An engine with the theme's Typst templates and fonts, `generated` sources and binary
    /// `files` (images).
    pub fn new(
        theme: &Theme,
        generated: Vec<GeneratedSource>,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<Engine, Diagnostics> {
        let template_dir = PathBuf::from(&theme.origin).join("typst");
        let mut sources = HashMap::new();
        let mut diagnostics = Diagnostics::new();
        for (name, bytes) in theme.folder("typst") {
            let Some(id) = file_id(name) else { continue };
            let path = template_dir.join(name);
            match std::str::from_utf8(bytes) {
                Ok(text) => {
                    let source = Source::new(id, text.to_owned());
                    sources.insert(id, (source, Origin::Template(path)));
                }
                Err(_) => diagnostics.push(Diagnostic::error(
                    path,
                    0,
                    0,
                    "Typst template is not valid UTF-8",
                )),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        for page in generated {
            if let Some(id) = file_id(&page.path) {
                let origin = Origin::Markdown {
                    file: page.file,
                    first_line: page.first_line,
                    line_map: page.markup.line_map,
                };
                sources.insert(id, (Source::new(id, page.markup.source), origin));
            }
        }
        let binaries: Vec<(FileId, Bytes)> = files
            .into_iter()
            .filter_map(|(path, data)| Some((file_id(&path)?, Bytes::new(data))))
            .collect();
        let typst = TypstEngine::builder()
            .fonts(theme_fonts(theme))
            .with_static_source_file_resolver(sources.values().map(|(source, _)| source.clone()))
            .with_static_file_resolver(binaries)
            // `compile` evicts, after the PDF export too (see there).
            .comemo_evict_max_age(None)
            .build();
        Ok(Engine {
            typst,
            sources,
            template_dir,
        })
    }

    /// Compiles `template` with `inputs` into PDF bytes, on its own: afterwards the layout
    /// cache keeps only what the last few documents used (nothing after a long one).
    pub fn compile(&self, template: &str, inputs: Dict) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let (pdf, pages) = self.typeset(template, inputs);
        let age = if pages > LONG_DOCUMENT { 0 } else { CACHE_AGE };
        typst::comemo::evict(age);
        pdf
    }

    /// Compiles `template` with `inputs` into PDF bytes; also returns its number of pages.
    /// Typst's layout cache is left as it is.
    fn typeset(&self, template: &str, inputs: Dict) -> (Result<Vec<u8>, Vec<Diagnostic>>, usize) {
        let Some(main) = file_id(template) else {
            let error = Diagnostic::error(
                &self.template_dir,
                0,
                0,
                format!("bad template name {template}"),
            );
            return (Err(vec![error]), 0);
        };
        let timestamp = super::document_timestamp(&inputs);
        let base = match self.typst.world_builder(main).build() {
            Ok(world) => world,
            Err(error) => return (Err(self.diagnostics(template, error)), 0),
        };
        let inputs = match serde_json::to_vec(&inputs) {
            Ok(json) => Bytes::new(json),
            Err(e) => {
                let error =
                    Diagnostic::error(self.template_dir.join(template), 0, 0, e.to_string());
                return (Err(vec![error]), 0);
            }
        };
        let world = JobWorld {
            base: &base,
            inputs_id: file_id(INPUTS),
            inputs,
        };
        let document = match typst::compile(&world).output {
            Ok(document) => document,
            Err(errors) => return (Err(self.source_diagnostics(template, &errors)), 0),
        };
        let options = typst_pdf::PdfOptions {
            standards: super::standards(template),
            timestamp,
            ..typst_pdf::PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|errors| self.source_diagnostics(template, &errors));
        (pdf, document.pages().len())
    }

    /// Compiles `jobs` and hands every PDF to `emit`, a few at a time, after the `reused`
    /// files of the previous build. Returns how many PDFs were made.
    ///
    /// Each worker takes the next job only when its PDF is done, and compiles it inside a
    /// rayon pool of its own whose threads have stacks sized for Typst (a heavy job in the
    /// pool of heavy jobs, which run one at a time). Typst parallelises
    /// inside a compilation with rayon, and a rayon worker waiting on that work runs whatever
    /// task its pool holds: when PDF jobs were rayon tasks, or when two documents' inner tasks
    /// shared one pool, documents nested on one stack until it overflowed (20 units was
    /// enough). In its own pool a document's inner tasks can only nest among themselves, as
    /// in Typst's own command line. At most `workers` documents are laid out at once and
    /// finished PDFs wait in a small channel, so memory stays bounded whatever the number of
    /// jobs, and the layout cache is pruned by `Pruning` as pages accumulate, never of what a
    /// document still being laid out has used. On a terminal an indicatif bar appears when the
    /// batch runs longer than a second.
    pub fn compile_batch(
        &self,
        jobs: Vec<Job>,
        reused: Vec<OutputFile>,
        progress: bool,
        emit: &mut Emit,
    ) -> Result<usize, Error> {
        let bar = DelayedBar::new(jobs.len() + reused.len(), reused.len(), progress);
        if !reused.is_empty() {
            emit(reused)?;
        }
        let count = jobs.len();
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let workers = cores.min(count).max(1);
        let pool = |name: &'static str, threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .stack_size(TYPST_STACK)
                .thread_name(move |i| format!("{name}-{i}"))
                .build()
                .map_err(|e| {
                    let e = std::io::Error::other(e);
                    Error::Io(IoError::new(
                        "start threads to typeset",
                        &self.template_dir,
                        e,
                    ))
                })
        };
        // Typst lays out a document's page runs in parallel, in the pool it is compiled in. A
        // light document gets the cores no worker has (none in a batch: idle threads of a pool
        // spin before they sleep, and that was more work than they saved). Heavy documents are
        // laid out one at a time, so the one in progress may spread over every core: at the
        // end of a batch it is often the only job left.
        let threads_per_worker = (cores / workers).max(1);
        let wide = pool("khumue-pdf-wide", cores)?;
        let queue = Mutex::new(Queue {
            jobs: jobs.into_iter().map(|job| (job.is_heavy(), job)).collect(),
            heavy_running: false,
        });
        let stop = AtomicBool::new(false);
        let pruning = Pruning::new(workers);
        let mut errors = Vec::new();
        let mut failure = None;
        std::thread::scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel(workers * 2);
            let (queue, stop, pruning, wide) = (&queue, &stop, &pruning, &wide);
            for number in 0..workers {
                let sender = sender.clone();
                let pool = pool("khumue-pdf", threads_per_worker);
                let worker = move |narrow: rayon::ThreadPool| {
                    while !stop.load(Ordering::Relaxed) {
                        let Some((heavy, job)) = queue.lock().ok().and_then(|mut q| q.take())
                        else {
                            break;
                        };
                        pruning.start(number);
                        let pool = if heavy { wide } else { &narrow };
                        let (pdf, pages) = pool.install(|| self.typeset(job.template, job.inputs));
                        pruning.finish(number, pages);
                        if heavy {
                            if let Ok(mut queue) = queue.lock() {
                                queue.heavy_running = false;
                            }
                        }
                        let result = pdf.map(|pdf| OutputFile::new(job.output, pdf));
                        if sender.send(result).is_err() {
                            break;
                        }
                    }
                };
                let spawned = pool.and_then(|pool| {
                    std::thread::Builder::new()
                        .name(format!("khumue-pdf-{number}"))
                        .spawn_scoped(scope, move || worker(pool))
                        .map_err(|e| {
                            Error::Io(IoError::new(
                                "start a thread to typeset",
                                &self.template_dir,
                                e,
                            ))
                        })
                });
                if let Err(e) = spawned {
                    failure = Some(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
            drop(sender);
            let mut ready = Vec::new();
            for result in receiver {
                bar.tick();
                match result {
                    Ok(file) => ready.push(file),
                    Err(found) => errors.extend(found),
                }
                if ready.len() >= EMIT_EVERY {
                    if let Err(d) = emit(std::mem::take(&mut ready)) {
                        failure = Some(d);
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
            }
            if failure.is_none() && !ready.is_empty() {
                if let Err(d) = emit(ready) {
                    failure = Some(d);
                }
            }
        });
        bar.finish();
        // What the batch laid out stays in Typst's cache: pruning it took a tenth of a second
        // at the end of every build, and the next batch's `Pruning` ages it out.
        if let Some(failure) = failure {
            return Err(failure);
        }
        // A template error fails every job that uses it: report it once.
        let diagnostics: Diagnostics = errors.into_iter().collect();
        if diagnostics.has_errors() {
            return Err(Error::Input(diagnostics.sorted().into_iter().collect()));
        }
        Ok(count)
    }

    fn diagnostics(&self, template: &str, error: TypstAsLibError) -> Vec<Diagnostic> {
        match error {
            TypstAsLibError::TypstSource(errors) => self.source_diagnostics(template, &errors),
            other => vec![Diagnostic::error(
                self.template_dir.join(template),
                0,
                0,
                other.to_string(),
            )],
        }
    }

    fn source_diagnostics(&self, template: &str, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        errors
            .iter()
            .filter(|e| e.severity == typst::diag::Severity::Error)
            .map(|error| {
                let located =
                    self.locate(error)
                        .unwrap_or((self.template_dir.join(template), 0, 0));
                let (file, line, col) = located;
                let mut diagnostic =
                    Diagnostic::error(file, line, col, format!("Typst: {}", error.message));
                if self.reads_sys_inputs(error) {
                    diagnostic = diagnostic.with_hint(format!(
                        "a template reads its data with json(\"{INPUTS}\"); sys.inputs is empty"
                    ));
                } else if let Some(hint) = error.hints.first() {
                    diagnostic = diagnostic.with_hint(hint.v.to_string());
                }
                diagnostic
            })
            .collect()
    }

    /// Whether the source an error is in reads `sys.inputs` (a theme written for an earlier
    /// khumue).
    fn reads_sys_inputs(&self, error: &SourceDiagnostic) -> bool {
        let id = match error.span.get() {
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => id,
            DiagSpanKind::Detached => return false,
        };
        self.sources
            .get(&id)
            .is_some_and(|(source, _)| source.text().contains("sys.inputs"))
    }

    /// File, 1-based line and column of a Typst error, mapped back to Markdown when the
    /// source was converted from it.
    fn locate(&self, error: &SourceDiagnostic) -> Option<(PathBuf, usize, usize)> {
        let (id, range): (FileId, Option<Range<usize>>) = match error.span.get() {
            DiagSpanKind::Number { id, num, sub_range } => {
                let range = self
                    .sources
                    .get(&id)
                    .and_then(|(s, _)| s.range(num, sub_range));
                (id, range)
            }
            DiagSpanKind::Range { id, range } => (id, Some(range)),
            DiagSpanKind::Detached => return None,
        };
        let (source, origin) = self.sources.get(&id)?;
        let (line, col) = range
            .and_then(|r| source.lines().byte_to_line_column(r.start))
            .map_or((1, 1), |(l, c)| (l + 1, c + 1));
        Some(match origin {
            Origin::Template(path) => (path.clone(), line, col),
            Origin::Markdown {
                file,
                first_line,
                line_map,
            } => {
                let markdown_line = line_map
                    .get(line - 1)
                    .or(line_map.last())
                    .copied()
                    .unwrap_or(1);
                (file.clone(), first_line + markdown_line - 1, 0)
            }
        })
    }
}

impl Job {
    /// Whether the document is heavy to lay out: how many values its inputs hold (the rows of
    /// its tables) stands for its size.
    fn is_heavy(&self) -> bool {
        fn count(value: &Value) -> usize {
            match value {
                Value::Array(values) => values.len() + values.iter().map(count).sum::<usize>(),
                Value::Dict(dict) => dict.iter().map(|(_, value)| count(value)).sum(),
                _ => 0,
            }
        }
        self.inputs
            .iter()
            .map(|(_, value)| count(value))
            .sum::<usize>()
            > HEAVY_VALUES
    }
}

/// Where a template reads its document's data (`json("/khumue/inputs.json")`).
pub const INPUTS: &str = "/khumue/inputs.json";

/// The engine's world with one document's data as the file `INPUTS`. The data is not in
/// `sys.inputs`: those are part of Typst's library, which keys every memoised layout, so a
/// library per document made every document lay out everything afresh. With one library,
/// what documents share (a form's header, notes and signature block, the same text in a cell)
/// is laid out once per batch.
struct JobWorld<'a> {
    base: &'a TypstWorld<'a>,
    inputs_id: Option<FileId>,
    inputs: Bytes,
}

impl World for JobWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.base.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.base.book()
    }

    fn main(&self) -> FileId {
        self.base.main()
    }

    fn source(&self, id: FileId) -> typst::diag::FileResult<Source> {
        self.base.source(id)
    }

    fn file(&self, id: FileId) -> typst::diag::FileResult<Bytes> {
        if self.inputs_id == Some(id) {
            Ok(self.inputs.clone())
        } else {
            self.base.file(id)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.font(index)
    }

    fn today(&self, offset: Option<TypstDuration>) -> Option<Datetime> {
        self.base.today(offset)
    }
}

/// The jobs of a batch not yet started.
struct Queue {
    jobs: VecDeque<(bool, Job)>,
    /// Whether a heavy job is being laid out.
    heavy_running: bool,
}

impl Queue {
    /// The next job, in order, except that while a heavy one runs only light ones are taken
    /// (when only heavy ones are left, the worker running one takes the rest in turn).
    fn take(&mut self) -> Option<(bool, Job)> {
        let index = if self.heavy_running {
            self.jobs.iter().position(|(heavy, _)| !heavy)?
        } else {
            0
        };
        let (heavy, job) = self.jobs.remove(index)?;
        self.heavy_running |= heavy;
        Some((heavy, job))
    }
}

/// When a batch prunes Typst's layout cache. Typst memoises layout results in one global
/// cache that only `comemo::evict` shrinks, and every entry's age counts the evictions since
/// it was last used. Evicting after every document cost a quarter of the forms' time (each
/// eviction walks the whole cache) and, evicting everything after a long document, dropped
/// what another worker's document had laid out in its first pass, so that its second pass
/// (the running "page of pages" needs two) laid everything out again. So the cache is pruned
/// only after `PRUNE_EVERY_PAGES` pages, of every entry last used before the oldest document
/// still in progress started: memory is bounded by the documents in progress and the pages of
/// one period, and no document loses its own results.
struct Pruning {
    state: Mutex<PruneState>,
}

struct PruneState {
    /// Evictions so far.
    evictions: usize,
    /// Pages typeset since the last eviction.
    pages: usize,
    /// For each worker, the eviction count when its document in progress started.
    started: Vec<Option<usize>>,
}

impl Pruning {
    fn new(workers: usize) -> Pruning {
        Pruning {
            state: Mutex::new(PruneState {
                evictions: 0,
                pages: 0,
                started: vec![None; workers],
            }),
        }
    }

    fn start(&self, worker: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.started[worker] = Some(state.evictions);
        }
    }

    fn finish(&self, worker: usize, pages: usize) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.started[worker] = None;
        state.pages += pages;
        if state.pages < PRUNE_EVERY_PAGES {
            return;
        }
        // An entry last used while eviction `e` was the latest is `evictions - e + 1` old once
        // this eviction has aged it: keep those of the oldest document in progress, and at
        // least those used since the last eviction (the forms' headers and notes).
        let oldest = state.started.iter().flatten().min().copied();
        let age = oldest.map_or(1, |e| state.evictions - e + 1).max(1);
        typst::comemo::evict(age);
        state.evictions += 1;
        state.pages = 0;
    }
}

/// An indicatif bar that stays hidden until its batch has run for a second, and only on a
/// terminal.
struct DelayedBar {
    bar: ProgressBar,
    started: Instant,
    wanted: bool,
    shown: std::sync::atomic::AtomicBool,
}

impl DelayedBar {
    fn new(len: usize, reused: usize, progress: bool) -> Self {
        let bar = ProgressBar::hidden();
        bar.set_length(len as u64);
        bar.set_position(reused as u64);
        if let Ok(style) =
            ProgressStyle::with_template("PDF {human_pos}/{human_len}, {msg} reused [{bar:30}]")
        {
            bar.set_style(style);
        }
        bar.set_message(group_thousands(reused as u64));
        DelayedBar {
            bar,
            started: Instant::now(),
            wanted: progress && std::io::stderr().is_terminal(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.wanted
            && self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        if self.shown.load(std::sync::atomic::Ordering::Relaxed) {
            self.bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_shared_across_threads() {
        fn assert_sync<T: Sync + Send>() {}
        assert_sync::<Engine>();
    }

    #[test]
    fn typst_errors_point_at_the_markdown_line() {
        let markup = TypstMarkup {
            source: "text\n\n#no-such-function()\n".into(),
            line_map: vec![4, 4, 7, 7],
            ..TypstMarkup::default()
        };
        let page = GeneratedSource {
            path: "/p.typ".into(),
            markup,
            file: PathBuf::from("content/a.md"),
            first_line: 5,
        };
        let engine = Engine::new(&Theme::built_in(), vec![page], Vec::new()).unwrap();
        let inputs = super::super::values::dict([("page", super::super::values::text("/p.typ"))]);
        let errors = engine.compile("page.typ", inputs).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, PathBuf::from("content/a.md"));
        // Markdown line 7 of a body that starts on file line 5.
        assert_eq!(errors[0].line, 11, "{}", errors[0]);
    }

    #[test]
    fn a_template_reading_sys_inputs_is_told_where_its_data_is() {
        let markup = TypstMarkup {
            source: "#sys.inputs.title\n".into(),
            line_map: vec![1],
            ..TypstMarkup::default()
        };
        let page = GeneratedSource {
            path: "/p.typ".into(),
            markup,
            file: PathBuf::from("content/a.md"),
            first_line: 1,
        };
        let engine = Engine::new(&Theme::built_in(), vec![page], Vec::new()).unwrap();
        let inputs = super::super::values::dict([("page", super::super::values::text("/p.typ"))]);
        let errors = engine.compile("page.typ", inputs).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let hint = errors[0].hint.as_deref().unwrap_or_default();
        assert!(hint.contains(INPUTS), "{}", errors[0]);
    }

    #[test]
    fn template_errors_point_at_the_template() {
        let engine = Engine::new(&Theme::built_in(), Vec::new(), Vec::new()).unwrap();
        // sp12.typ reads inputs it is not given here.
        let errors = engine
            .compile("sp12.typ", typst::foundations::Dict::new())
            .err()
            .unwrap_or_default();
        assert!(!errors.is_empty());
        assert!(
            errors
                .iter()
                .all(|e| e.file.starts_with("(built-in default theme)/typst") && e.line > 0),
            "{errors:?}"
        );
    }
}
