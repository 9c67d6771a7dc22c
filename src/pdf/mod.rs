//! Typeset PDF reports with Typst: the official monthly forms (แบบ สป-๑๒, แบบ สนบ.๒), the
//! annual results report, the competency development plan and the whole handbook as a book.
//!
//! Templates are the theme's `typst/` and fonts its `fonts/`: the built-in default theme
//! (embedded in the binary, with Sarabun for text and IBM Plex Mono for code, both OFL,
//! licences beside them) or a project theme's files in their place. Data reaches the
//! templates only as values in the file `/khumue/inputs.json`; Markdown reaches Typst through
//! `markdown_to_typst`, which escapes every special character.

mod annual;
mod engine;
mod forms;
mod glyphs;
mod handbook;
pub mod markdown_to_typst;
mod offer;
pub mod thai_break;
mod values;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;

use crate::artifact::{Emit, OutputFile, Previous};
use crate::data::{Data, Totals};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::site::{Page, Site};
use crate::theme::Theme;

pub use engine::{Engine, GeneratedSource, Job};
pub use forms::Ids;
pub use offer::{
    linkable as linkable_downloads, offers, Kind as OfferKind, Offer, FOLDER as DOWNLOADS,
};

/// The date of a document whose template leaves `document(date:)` at `auto`: its `date_iso`
/// input (a theme's own `handbook.typ` need not set the date PDF/A requires).
fn document_timestamp(inputs: &typst::foundations::Dict) -> Option<typst_pdf::Timestamp> {
    let typst::foundations::Value::Str(iso) = inputs.get("date_iso").ok()? else {
        return None;
    };
    let date = chrono::NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    let datetime = typst::foundations::Datetime::from_ymd(
        date.year(),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )?;
    Some(typst_pdf::Timestamp::new_utc(datetime))
}

/// The templates of the archival documents: the book, the annual reports and the plan.
const ARCHIVAL: &[&str] = &["handbook.typ", "annual.typ", "competency.typ"];

/// The PDF standard a template's documents conform to. The archival documents are PDF/A-2a,
/// the strictest PDF/A level Typst writes: level A requires the tagged structure (which Typst
/// writes anyway) and Unicode text, and PDF/A-2 forbids what PDF/A-3 allows, embedded files of
/// any kind. The forms are working copies and stay plain tagged PDF.
fn standards(template: &str) -> typst_pdf::PdfStandards {
    if ARCHIVAL.contains(&template) {
        // `PdfStandards::new` refuses only contradictory lists; one standard is never that
        // (the test `archival_standard_is_valid` checks it).
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a]).unwrap_or_default()
    } else {
        typst_pdf::PdfStandards::default()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    /// Also write full-ID copies of the official forms to `private/`.
    pub with_ids: bool,
    /// Show an indicatif bar on a terminal when a batch takes more than a second.
    pub progress: bool,
}

/// What the PDF stage of a build did.
pub struct PdfSummary {
    pub made: usize,
    pub reused: usize,
    /// Text the PDFs show replaced: characters the theme's fonts lack.
    pub warnings: Vec<Diagnostic>,
}

fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What every PDF is made from: khumue's own code and the theme's templates and fonts.
fn engine_fingerprint(theme: &Theme) -> u64 {
    let files: Vec<(&String, &[u8])> = theme
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("typst/") || path.starts_with("fonts/"))
        .map(|(path, data)| (path, data.as_ref()))
        .collect();
    crate::artifact::key(&files)
}

fn sources_fingerprint(sources: &[GeneratedSource], files: &[(String, Vec<u8>)]) -> u64 {
    let sources: Vec<(&str, &str)> = sources
        .iter()
        .map(|s| (s.path.as_str(), s.markup.source.as_str()))
        .collect();
    fingerprint(&(sources, files))
}

/// All PDFs of a build: `pdf/...` (national IDs masked) and, with `with_ids`, full-ID copies
/// of the forms under `private/`, handed to `emit` as they are made. A PDF whose key (a hash
/// of its template, fonts, data, Markdown and khumue's executable) is the one `previous` made
/// it from is taken over unchanged instead of typeset again.
pub fn render_into(
    site: &Site,
    data: &Data,
    totals: &Totals,
    theme: &Theme,
    options: &PdfOptions,
    previous: &Previous,
    emit: &mut Emit,
) -> Result<PdfSummary, Error> {
    let glyphs = glyphs::Glyphs::new(&engine::theme_fonts(theme));
    let handbook = handbook::parts(site, &glyphs)?;
    let narrative = annual::narrative_sources(site, &glyphs)?;
    let shared = engine_fingerprint(theme);
    let reprinted = sources_fingerprint(&narrative, &[]);
    // The longest jobs first, so that they do not finish alone at the end. A volume of the
    // book depends on its own pages only.
    let mut jobs: Vec<(Job, u64)> = handbook
        .books
        .into_iter()
        .map(|book| {
            let pages = &handbook.sources[book.sources];
            (book.job, sources_fingerprint(pages, &handbook.files))
        })
        .collect();
    jobs.extend(
        annual::annual_jobs(site, data, totals, &narrative, &glyphs)
            .into_iter()
            .map(|job| (job, reprinted)),
    );
    jobs.extend(annual::competency_job(site, data).map(|job| (job, 0)));
    // แบบ สนบ.๑ is small and reads the totals: keyed by its inputs like the reports.
    jobs.extend(
        forms::snb1_jobs(data, totals, site.config.numerals)
            .into_iter()
            .map(|job| (job, 0)),
    );
    // The key of every PDF, given to it as it goes by (the engine makes plain files).
    let mut keys = HashMap::new();
    let mut reused = Vec::new();
    let mut to_make = Vec::new();
    for (job, depends) in jobs {
        let key = fingerprint(&(shared, job.template, &job.output, &job.inputs, depends));
        keys.insert(job.output.clone(), key);
        match previous.reusable(&job.output, key) {
            Some(file) => reused.push(OutputFile::reused(job.output, file, key)),
            None => to_make.push(job),
        }
    }
    // A form is keyed by its report data: its Typst inputs are built only to typeset it.
    let numerals = site.config.numerals;
    let mut forms_to_make = Vec::new();
    for form in forms::forms(data, numerals, options.with_ids) {
        let key = fingerprint(&(shared, form.template, &form.output, form.key));
        keys.insert(form.output.clone(), key);
        match previous.reusable(&form.output, key) {
            Some(file) => reused.push(OutputFile::reused(form.output, file, key)),
            None => forms_to_make.push(form),
        }
    }
    let province = forms::province(data);
    to_make.par_extend(
        forms_to_make
            .par_iter()
            .map(|form| form.job(province, numerals)),
    );
    let reused_count = reused.len();
    let emit = &mut |mut files: Vec<OutputFile>| {
        for file in &mut files {
            file.key = keys.get(&file.path).copied();
        }
        emit(files)
    };
    let made = if to_make.is_empty() {
        emit(reused)?;
        0
    } else {
        let mut sources = handbook.sources;
        sources.extend(narrative);
        let engine = Engine::new(theme, sources, handbook.files)?;
        engine.compile_batch(to_make, reused, options.progress, emit)?
    };
    Ok(PdfSummary {
        made,
        reused: reused_count,
        warnings: handbook.warnings,
    })
}

/// A page's Markdown for the PDFs, which print it. A site loaded without Markdown (a build
/// without PDFs releases it once the HTML is made) cannot be typeset: that is an error here,
/// never a book of empty pages.
fn markdown_of(page: &Page) -> Result<&str, Diagnostic> {
    page.markdown.as_deref().ok_or_else(|| {
        Diagnostic::error(
            &page.source,
            0,
            0,
            "this page's Markdown was released before the PDFs were made",
        )
        .with_hint(
            "a build bug: load the project with its Markdown kept (build::load) to make PDFs",
        )
    })
}

/// Every PDF of a build, typeset afresh and kept in memory (tests and benchmarks).
pub fn render(
    site: &Site,
    data: &Data,
    totals: &Totals,
    theme: &Theme,
    options: &PdfOptions,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    render_into(
        site,
        data,
        totals,
        theme,
        options,
        &Previous::none(),
        &mut |made| {
            files.extend(made);
            Ok(())
        },
    )?;
    Ok(files)
}

/// The forms only (SP-12 and SNB-2), e.g. for a `forms` subcommand or a benchmark.
pub fn render_forms(
    site: &Site,
    data: &Data,
    theme: &Theme,
    options: &PdfOptions,
) -> Result<Vec<OutputFile>, Error> {
    let engine = Engine::new(theme, Vec::new(), Vec::new())?;
    let mut files = Vec::new();
    engine.compile_batch(
        forms::jobs(data, site.config.numerals, options.with_ids),
        Vec::new(),
        options.progress,
        &mut |made| {
            files.extend(made);
            Ok(())
        },
    )?;
    Ok(files)
}

/// The handbook book alone (each of its volumes, when it has several).
pub fn render_handbook(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let glyphs = glyphs::Glyphs::new(&engine::theme_fonts(theme));
    let handbook = handbook::parts(site, &glyphs)?;
    let engine = Engine::new(theme, handbook.sources, handbook.files)?;
    handbook
        .books
        .into_iter()
        .map(|book| {
            let job = book.job;
            engine
                .compile(job.template, job.inputs)
                .map(|pdf| OutputFile::new(job.output, pdf))
                .map_err(Diagnostics::from_iter)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    #[test]
    fn archival_standard_is_valid() {
        assert!(typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a]).is_ok());
    }
}
