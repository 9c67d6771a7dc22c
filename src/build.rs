//! The pipeline, one direction: discover → parse → validate → render → write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::data::national_id;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::generate;
use crate::glossary::Glossary;
use crate::html::{self, Templates};
use crate::markdown::{self, LinkTargets};
use crate::output::{self, BuildLock, Emit, OutputFile};
use crate::site::{discover, nav, updated, Site, SiteConfig};
use crate::theme::Theme;
use crate::util::fingerprint;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Also write full-ID copies of the official forms to `private/`.
    pub with_ids: bool,
    /// Show a progress bar for long PDF batches.
    pub progress: bool,
    /// Render the PDF reports (the preview server skips them: they are slow).
    pub pdf: bool,
    /// Build the search index (the preview server builds it apart, after the pages).
    pub search: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    /// PDFs typeset by this build and PDFs taken over unchanged from the previous one.
    pub pdfs_made: usize,
    pub pdfs_reused: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Everything read from a project, parsed and checked, ready to render.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub data: crate::data::Data,
    /// Every figure of the data, computed once: the dashboards and the annual PDF read it.
    pub totals: crate::data::Totals,
}

/// What a preview keeps between rebuilds, so that unchanged files are neither read nor
/// rendered again. A fresh cache gives exactly a full build; a one-off build keeps nothing
/// (`Cache::none`), so it holds no second copy of the site in memory.
pub struct Cache {
    pages: Option<discover::PageCache>,
    /// Rendered Markdown by page id, with the hash of everything the rendering read.
    markdown: Option<HashMap<String, (u64, markdown::Rendered)>>,
    html: Option<html::HtmlCache>,
}

impl Cache {
    /// A cache that keeps what each build made, for the next one.
    pub fn for_preview() -> Cache {
        Cache {
            pages: Some(HashMap::new()),
            markdown: Some(HashMap::new()),
            html: Some(HashMap::new()),
        }
    }

    /// Keeps nothing.
    pub fn none() -> Cache {
        Cache {
            pages: None,
            markdown: None,
            html: None,
        }
    }
}

/// Reads and checks a whole project. On success the diagnostics hold only warnings.
pub fn load(root: &Path) -> (Option<Loaded>, Diagnostics) {
    load_cached(root, &mut Cache::none(), true)
}

/// Like `load`, reusing what `cache` holds from the previous run and updating it. Unless
/// `keep_markdown`, each page's Markdown is released as soon as it is rendered: only the PDF
/// stage reads it again, and a large site would otherwise hold its text three times.
pub fn load_cached(
    root: &Path,
    cache: &mut Cache,
    keep_markdown: bool,
) -> (Option<Loaded>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = match SiteConfig::load(root) {
        Ok(c) => c,
        Err(d) => {
            diags.extend(d);
            SiteConfig::fallback()
        }
    };
    let theme = match Theme::load(root, &config.theme) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let (found, found_diags) = discover::discover(root, cache.pages.as_mut());
    diags.extend(found_diags);

    let (data, data_diags) = crate::data::load(root);
    diags.extend(data_diags);
    diags.extend(crate::data::validate(&data));
    let totals = crate::data::totals(&data);

    // The handbook's own pages in reading order, then every generated page made from them
    // and from the data, then the whole tree ordered again with the generated pages in it.
    let mut pages = found.pages;
    updated::fill_from_git(root, &mut pages);
    discover::link_sections(&mut pages, &config.title);
    let mut pages = nav::order(pages);
    let glossary = match Glossary::load(root) {
        Ok(g) => g,
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let generated = generate::pages(&generate::Inputs {
        data: &data,
        totals: &totals,
        numerals: config.numerals,
        pages: &pages,
    });
    if let Some(glossary) = &glossary {
        let listing = generate::glossary_listing(glossary, &pages);
        if let Some(page) = pages
            .iter_mut()
            .find(|p| Some(p.id.as_str()) == glossary.page_id.as_deref())
        {
            page.markdown.push_str(&listing);
        }
    }
    pages.extend(generated.into_iter().map(discover::from_virtual));
    discover::link_sections(&mut pages, &config.title);
    let mut pages = nav::order(pages);
    diags.extend(discover::check_unique_urls(&pages));

    let targets = LinkTargets::new(pages.iter(), found.assets.iter());
    // A page's HTML depends on its Markdown, on which pages and files exist, and on the glossary.
    let shared_inputs = fingerprint(&(
        pages.iter().map(|p| (&p.id, &p.url)).collect::<Vec<_>>(),
        &found.assets,
        glossary.as_ref().map(|g| g.fingerprint),
    ));
    let previous = cache
        .markdown
        .as_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    let rendered: Vec<(u64, markdown::Rendered)> = pages
        .par_iter_mut()
        .map(|p| {
            let key = fingerprint(&(shared_inputs, &p.markdown, &p.source, p.body_line, &p.url));
            let done = match previous.get(&p.id) {
                Some((seen, done)) if *seen == key => done.clone(),
                _ => markdown::render(p, &targets, glossary.as_ref()),
            };
            if !keep_markdown {
                p.markdown = String::new();
            }
            (key, done)
        })
        .collect();
    if let Some(store) = cache.markdown.as_mut() {
        *store = pages
            .iter()
            .zip(&rendered)
            .map(|(p, r)| (p.id.clone(), r.clone()))
            .collect();
    }
    let mut anchors = Vec::new();
    for (page, (key, r)) in pages.iter_mut().zip(rendered) {
        page.fingerprint = key;
        page.body = r.body;
        anchors.extend(r.anchors);
        diags.extend(r.diagnostics);
    }
    diags.extend(markdown::check_anchors(&pages, &anchors));

    let site = Site::new(root.to_path_buf(), config, pages, found.assets);
    match theme {
        Some(theme) if !diags.has_errors() => (
            Some(Loaded {
                site,
                theme,
                data,
                totals,
            }),
            diags,
        ),
        _ => (None, diags),
    }
}

/// Renders every output of a loaded project. Page bodies are released once the pages are
/// written (search reads the plain text, PDFs the Markdown).
pub fn render(loaded: &mut Loaded, options: &BuildOptions) -> Result<Vec<OutputFile>, Error> {
    render_cached(loaded, options, &mut Cache::none())
}

/// Like `render`, reusing pages whose HTML cannot have changed since `cache` was filled.
pub fn render_cached(
    loaded: &mut Loaded,
    options: &BuildOptions,
    cache: &mut Cache,
) -> Result<Vec<OutputFile>, Error> {
    let mut files = Vec::new();
    render_into(
        loaded,
        options,
        cache,
        &crate::pdf::Previous::none(),
        &mut |stage| {
            files.extend(stage);
            Ok(())
        },
    )?;
    Ok(files)
}

/// Renders stage by stage (pages, search index, static files, PDFs), handing each stage's
/// files to `emit` as soon as it is done: a build writes them out and lets them go, so the
/// whole site is never in memory at once. PDFs that `previous` made from the same inputs are
/// taken over, not typeset again. Returns (PDFs made, PDFs reused).
pub fn render_into(
    loaded: &mut Loaded,
    options: &BuildOptions,
    cache: &mut Cache,
    previous: &crate::pdf::Previous,
    emit: &mut Emit,
) -> Result<(usize, usize), Error> {
    let emit = &mut |files: Vec<OutputFile>| {
        let leaks = published_ids(&files);
        if leaks.is_empty() {
            emit(files)
        } else {
            Err(Error::Input(leaks))
        }
    };
    let Loaded {
        site,
        theme,
        data,
        totals,
    } = loaded;
    // The offline worker lists every file of the site, so it sees each stage go by. Only a
    // build that writes the search index gets one: the preview's pages change on every save.
    let mut precache = html::offline::Precache::default();
    let outer = emit;
    let emit: &mut Emit = &mut |stage: Vec<OutputFile>| {
        precache.record(&stage);
        outer(stage)
    };
    let templates = Templates::compile(theme)?;
    html::render_pages(site, &templates, cache.html.as_mut(), emit)?;
    if options.search {
        crate::search::write_index(site, emit)?;
    }
    let mut rest = html::site_files(site, theme);
    rest.extend(copy_assets(site)?);
    emit(rest)?;
    let mut pdfs = (0, 0);
    if options.pdf {
        let pdf_options = crate::pdf::PdfOptions {
            with_ids: options.with_ids,
            progress: options.progress,
        };
        let summary = crate::pdf::render_into(
            site,
            data,
            totals,
            theme,
            &pdf_options,
            previous,
            &mut *emit,
        )?;
        emit(vec![summary.keys])?;
        pdfs = (summary.made, summary.reused);
        // The forms as spreadsheets, beside the PDFs: cheap enough to write every time.
        emit(crate::sheets::outputs(
            data,
            totals,
            site.config.numerals,
            options.with_ids,
        )?)?;
    }
    if options.search {
        outer(precache.finish(&site.config))?;
    }
    Ok(pdfs)
}

/// The last line of defence: a national ID in any file bound for `site/` (whatever put it
/// there: a template, a file copied from `content/`, a generated page) fails the build before
/// anything is swapped in. Pages and data were checked at their source, with positions.
fn published_ids(files: &[OutputFile]) -> Diagnostics {
    files
        .par_iter()
        .filter(|f| f.path.starts_with("site") && !is_search_postings(&f.path))
        .filter_map(|f| {
            let ids = national_id::find_ids(&f.contents);
            let (line, col) = match ids.first() {
                Some(first) => {
                    let before = &f.contents[..first.start];
                    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
                    // Characters, not bytes: UTF-8 continuation bytes do not start one.
                    let col = before[line_start..]
                        .iter()
                        .filter(|b| (**b & 0xC0) != 0x80)
                        .count()
                        + 1;
                    (line, col)
                }
                None if national_id::contains_id(f.path.as_os_str().as_encoded_bytes()) => (1, 1),
                None => return None,
            };
            Some(
                Diagnostic::error(
                    &f.path,
                    line,
                    col,
                    format!(
                        "a national ID number is in this built file ({} in all); nothing was published",
                        ids.len().max(1)
                    ),
                )
                .with_hint(format!(
                    "it came from a template, a file copied from content/ or a generated page: find it and {}",
                    national_id::MASK_HINT
                )),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The search index's word and bigram shards: numbers in base 36 and terms taken from text
/// that search has already passed through the same detector (`terms::without_national_ids`).
/// They are a third of a large site's bytes and dense with digits, so scanning them would
/// cost more than the rest together; the documents (`search/d/`), which quote page text, are
/// scanned like pages.
fn is_search_postings(path: &Path) -> bool {
    path.starts_with("site/search/w") || path.starts_with("site/search/b")
}

/// Files next to pages are copied to the same place under `site/`.
fn copy_assets(site: &Site) -> Result<Vec<OutputFile>, Error> {
    site.assets
        .par_iter()
        .map(|rel| {
            let source = Path::new("content").join(rel);
            std::fs::read(site.root.join(&source))
                .map(|bytes| OutputFile::new(Path::new("site").join(rel), bytes))
                .map_err(Error::io("read", &source))
        })
        .collect()
}

/// load → render → write. The previous output stays whole unless everything succeeded. A
/// failure in the user's files comes back with the warnings found on the way.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Error> {
    output::check_out(&options.root, &options.out)?;
    let _lock = BuildLock::acquire(&options.out)?;
    let (loaded, diags) = load_cached(&options.root, &mut Cache::none(), options.pdf);
    let Some(mut loaded) = loaded else {
        return Err(Error::Input(diags));
    };
    let mut staging = output::Staging::begin(&options.out)?;
    // The output folder still holds the last build: its PDFs are the ones to reuse.
    let previous = crate::pdf::Previous::read(&options.out);
    let mut files = 0;
    let rendered = render_into(
        &mut loaded,
        options,
        &mut Cache::none(),
        &previous,
        &mut |stage| {
            files += stage.len();
            Ok(staging.write(stage)?)
        },
    );
    let (pdfs_made, pdfs_reused) = match rendered {
        Ok(counts) => counts,
        Err(Error::Input(more)) => {
            staging.abandon();
            let mut all = diags;
            all.extend(more);
            return Err(Error::Input(all));
        }
        Err(other) => {
            staging.discard();
            return Err(other);
        }
    };
    staging.finish()?;
    Ok(BuildSummary {
        pages: loaded.site.pages.len(),
        files,
        pdfs_made,
        pdfs_reused,
        warnings: diags.sorted(),
    })
}
