//! Typeset PDF reports with Typst: the official monthly forms (แบบ สป-๑๒, แบบ สนบ.๒), the
//! annual results report, the competency development plan and the whole handbook as a book.
//!
//! Templates are the theme's `typst/` and fonts its `fonts/`: the built-in default theme
//! (embedded in the binary, with Sarabun for text and IBM Plex Mono for code, both OFL,
//! licences beside them) or a project theme's files in their place. Data reaches the
//! templates only as `sys.inputs` values; Markdown reaches Typst through
//! `markdown_to_typst`, which escapes every special character.

mod annual;
mod engine;
mod forms;
mod handbook;
pub mod markdown_to_typst;
pub mod thai_break;
mod values;

use std::path::Path;

use crate::artifact::OutputFile;
use crate::data::{Data, Totals};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::theme::Theme;

pub use engine::{Engine, GeneratedSource, Job};
pub use forms::Ids;

#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    /// Also write full-ID copies of the official forms to `private/`.
    pub with_ids: bool,
    /// Show an indicatif bar on a terminal when a batch takes more than a second.
    pub progress: bool,
}

/// All PDFs of a build: `pdf/...` (national IDs masked) and, with `with_ids`, full-ID copies
/// of the forms under `private/`. One engine typesets the whole batch in parallel.
pub fn render(
    site: &Site,
    data: &Data,
    totals: &Totals,
    theme: &Theme,
    options: &PdfOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let handbook = handbook::parts(site);
    let narrative = annual::narrative_sources(site);
    let mut jobs = vec![handbook.job];
    jobs.extend(forms::jobs(data, site.config.numerals, options.with_ids));
    jobs.extend(annual::annual_jobs(site, data, totals, &narrative));
    jobs.extend(annual::competency_job(site, data));
    let mut sources = handbook.sources;
    sources.extend(narrative);
    let engine = Engine::new(theme, sources, handbook.files)?;
    let (files, diagnostics) = engine.compile_batch(jobs, options.progress);
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(files)
    }
}

/// The forms only (SP-12 and SNB-2), e.g. for a `forms` subcommand or a benchmark.
pub fn render_forms(
    site: &Site,
    data: &Data,
    theme: &Theme,
    options: &PdfOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let engine = Engine::new(theme, Vec::new(), Vec::new())?;
    let (files, diagnostics) = engine.compile_batch(
        forms::jobs(data, site.config.numerals, options.with_ids),
        options.progress,
    );
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(files)
    }
}

/// The handbook book alone.
pub fn render_handbook(site: &Site, theme: &Theme) -> Result<OutputFile, Diagnostics> {
    let handbook = handbook::parts(site);
    let engine = Engine::new(theme, handbook.sources, handbook.files)?;
    let job = handbook.job;
    engine
        .compile(job.template, job.inputs)
        .map(|pdf| OutputFile::new(job.output, pdf))
        .map_err(Diagnostics::from_iter)
}

/// Typesets one Markdown text on its own with the built-in theme; errors point into `file`
/// (lines counted from `first_line`). Used to check that any Markdown gives a document that
/// compiles.
pub fn compile_markdown(
    markdown: &str,
    file: &Path,
    first_line: usize,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let markup =
        markdown_to_typst::convert(markdown, &markdown_to_typst::ConvertOptions::default());
    let source = GeneratedSource {
        path: "/markdown.typ".into(),
        markup,
        file: file.to_path_buf(),
        first_line,
    };
    let engine = Engine::new(&Theme::built_in(), vec![source], Vec::new())
        .map_err(|d| d.iter().cloned().collect::<Vec<_>>())?;
    engine.compile(
        "page.typ",
        values::dict([("page", values::text("/markdown.typ"))]),
    )
}
