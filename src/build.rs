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

/// What rendering leaves: the site (its pages' headings and text, for a search index built
/// later) and the PDFs typeset and reused.
pub struct Rendered {
    pub site: Site,
    pub pdfs_made: usize,
    pub pdfs_reused: usize,
    /// Found while rendering: text the PDFs show replaced.
    pub warnings: Vec<Diagnostic>,
}

/// Everything read from a project, parsed and checked, ready to render.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub data: crate::data::Data,
    /// Every figure of the data, computed once: the dashboards and the annual PDF read it.
    pub totals: crate::data::Totals,
    /// Each page's body as HTML, in the order of `site.pages`. Rendering takes `Loaded` by
    /// value and lets these go batch by batch: no stage can read a body already released.
    html: Vec<String>,
}

/// What a preview keeps between rebuilds, so that unchanged files are neither read nor
/// rendered again. A fresh cache gives exactly a full build; a one-off build keeps nothing
/// (`Cache::none`), so it holds no second copy of the site in memory.
pub struct Cache {
    pages: Option<discover::PageCache>,
    /// Rendered Markdown by page id, with the hash of everything the rendering read.
    markdown: Option<HashMap<String, (u64, markdown::Rendered)>>,
    html: Option<html::HtmlCache>,
    /// The data files as last read (a build takes them from its output folder).
    data: crate::data::Cache,
}

impl Cache {
    /// A cache that keeps what each build made, for the next one.
    pub fn for_preview() -> Cache {
        Cache {
            pages: Some(HashMap::new()),
            markdown: Some(HashMap::new()),
            html: Some(HashMap::new()),
            data: crate::data::Cache::on(),
        }
    }

    /// Keeps nothing.
    pub fn none() -> Cache {
        Cache {
            pages: None,
            markdown: None,
            html: None,
            data: crate::data::Cache::default(),
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

    let (data, data_diags) = crate::data::load_cached(root, &mut cache.data);
    diags.extend(data_diags);
    diags.extend(crate::data::validate(&data));
    let totals = crate::data::totals(&data);

    // The handbook's own pages in reading order, then every generated page made from them
    // and from the data, then the whole tree ordered again with the generated pages in it.
    let mut pages = found.pages;
    updated::fill_from_git(root, &mut pages);
    discover::link_sections(&mut pages, &config.title);
    let mut pages = nav::order(pages);
    // Offices and groups named in org.yaml: no glossary term is linked inside their names.
    let names: Vec<String> = data
        .org
        .as_ref()
        .map(|o| {
            let o = &o.value;
            std::iter::once(&o.office)
                .chain(std::iter::once(&o.centre.name))
                .chain(&o.centre.advisors)
                .chain(
                    o.centre
                        .working_groups
                        .iter()
                        .flat_map(|g| [&g.name, &g.lead_agency]),
                )
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let glossary = match Glossary::load(root, &names, &pages) {
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
            if let Some(markdown) = &mut page.markdown {
                markdown.push_str(&listing);
            }
        }
    }
    pages.extend(generated.into_iter().map(discover::from_virtual));
    discover::link_sections(&mut pages, &config.title);
    let mut pages = nav::order(pages);
    diags.extend(discover::check_unique_urls(&pages));

    // The downloads page and the book PDF are files of the site too: pages may link them
    // (`downloads/handbook.pdf` from the content folder's root).
    let downloads = crate::pdf::linkable_downloads(&pages, config.book_volume_kb);
    let targets = LinkTargets::new(pages.iter(), found.assets.iter().chain(&downloads));
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
                p.markdown = None;
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
    let mut html = Vec::with_capacity(pages.len());
    for (page, (key, r)) in pages.iter_mut().zip(rendered) {
        page.fingerprint = key;
        page.body = r.body;
        html.push(r.html);
        anchors.extend(r.anchors);
        diags.extend(r.diagnostics);
    }
    diags.extend(markdown::check_anchors(&pages, &anchors));

    let mut site = Site::new(root.to_path_buf(), config, pages, found.assets);
    site.vocabulary = search_vocabulary(glossary.as_ref(), root, &mut diags);
    match theme {
        Some(theme) if !diags.has_errors() => (
            Some(Loaded {
                site,
                theme,
                data,
                totals,
                html,
            }),
            diags,
        ),
        _ => (None, diags),
    }
}

/// The synonym groups search expands queries with (each glossary term with its aliases, then
/// `data/synonyms.yaml`) and the glossary's entries.
fn search_vocabulary(
    glossary: Option<&Glossary>,
    root: &Path,
    diags: &mut Diagnostics,
) -> crate::site::SearchVocabulary {
    let mut synonyms: Vec<Vec<String>> = glossary
        .map(|g| {
            g.terms
                .iter()
                .filter(|t| !t.aliases.is_empty())
                .map(|t| {
                    std::iter::once(&t.term)
                        .chain(&t.aliases)
                        .cloned()
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    match crate::synonyms::load(root) {
        Ok(groups) => synonyms.extend(groups),
        Err(d) => diags.extend(d),
    }
    let glossary = glossary.and_then(|g| {
        let page = g.page_id.clone()?;
        Some((page, (0..g.terms.len()).map(|t| g.anchor(t)).collect()))
    });
    crate::site::SearchVocabulary { synonyms, glossary }
}

/// Renders every output of a loaded project into memory.
pub fn render(loaded: Loaded, options: &BuildOptions) -> Result<Vec<OutputFile>, Error> {
    render_cached(loaded, options, &mut Cache::none()).map(|(files, _)| files)
}

/// Like `render`, reusing pages whose HTML cannot have changed since `cache` was filled; the
/// site comes back with the files.
pub fn render_cached(
    loaded: Loaded,
    options: &BuildOptions,
    cache: &mut Cache,
) -> Result<(Vec<OutputFile>, Site), Error> {
    let mut files = Vec::new();
    let rendered = render_into(
        loaded,
        options,
        cache,
        &crate::artifact::Previous::none(),
        &mut |stage| {
            files.extend(stage);
            Ok(())
        },
    )?;
    Ok((files, rendered.site))
}

/// Renders stage by stage (pages, search index, static files, PDFs), handing each stage's
/// files to `emit` as soon as it is done: a build writes them out and lets them go, so the
/// whole site is never in memory at once. PDFs that `previous` made from the same inputs are
/// taken over, not typeset again.
pub fn render_into(
    loaded: Loaded,
    options: &BuildOptions,
    cache: &mut Cache,
    previous: &crate::artifact::Previous,
    emit: &mut Emit,
) -> Result<Rendered, Error> {
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
        html,
    } = loaded;
    // The offline worker lists every file of the site, so it sees each stage go by. Only a
    // build that writes the search index gets one: the preview's pages change on every save.
    let mut precache = html::offline::Precache::default();
    let outer = emit;
    let emit: &mut Emit = &mut |stage: Vec<OutputFile>| {
        precache.record(&stage);
        outer(stage)
    };
    let templates = Templates::compile(&theme)?;
    // The PDFs the site offers in `downloads/`: linked from every page, so known before any.
    let offers = match options.pdf {
        true => crate::pdf::offers(&site, &data, &totals),
        false => Vec::new(),
    };
    let links = download_links(&offers);
    let pdf_options = crate::pdf::PdfOptions {
        with_ids: options.with_ids,
        progress: options.progress,
    };
    let (pdfs, warnings) = std::thread::scope(|scope| -> Result<_, Error> {
        // The PDFs, the longest stage, are typeset on their own threads from the start; this
        // thread renders the site and the spreadsheets meanwhile, then writes each PDF as it
        // comes. Files are written
        // here only, in whatever order they come: the output is the same.
        let (sender, made) = std::sync::mpsc::sync_channel::<Vec<OutputFile>>(4);
        let typesetting = options.pdf.then(|| {
            let (site, data, totals, theme) = (&site, &data, &totals, &theme);
            scope.spawn(move || {
                crate::pdf::render_into(
                    site,
                    data,
                    totals,
                    theme,
                    &pdf_options,
                    previous,
                    &mut |files: Vec<OutputFile>| {
                        // Closed only when the site failed: that error is the one reported.
                        sender
                            .send(files)
                            .map_err(|_| Error::Input(Diagnostics::new()))
                    },
                )
            })
        });
        html::render_pages(&site, html, &templates, &links, cache.html.as_mut(), emit)?;
        if options.search {
            crate::search::write_index(&site, emit)?;
        }
        let mut rest = html::site_files(&site, &theme);
        rest.extend(copy_assets(&site)?);
        emit(rest)?;
        let Some(typesetting) = typesetting else {
            return Ok(((0, 0), Vec::new()));
        };
        // The forms as spreadsheets, beside the PDFs, keyed like them.
        emit(crate::sheets::outputs(
            &data,
            &totals,
            site.config.numerals,
            options.with_ids,
            previous,
        )?)?;
        let mut copies = Copies::new(&offers);
        for mut files in made {
            copies.add(&mut files, previous)?;
            emit(files)?;
        }
        let summary = typesetting
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let listed = copies.listed(&offers);
        emit(vec![html::render_downloads(
            &site, &templates, &links, &listed,
        )?])?;
        Ok(((summary.made, summary.reused), summary.warnings))
    })?;
    if options.search {
        outer(precache.finish(&site.config))?;
    }
    Ok(Rendered {
        site,
        pdfs_made: pdfs.0,
        pdfs_reused: pdfs.1,
        warnings,
    })
}

/// The links every page has to the offered PDFs: the book and the downloads page.
fn download_links(offers: &[crate::pdf::Offer]) -> html::DownloadLinks {
    let page = format!("{}/index.html", crate::pdf::DOWNLOADS);
    let mut books = offers
        .iter()
        .filter(|o| o.kind == crate::pdf::OfferKind::Book);
    match (books.next(), books.next()) {
        (Some(book), None) => html::DownloadLinks {
            book: crate::util::url::encode_path(&book.site_path()),
            page,
        },
        // A book published in volumes: "the whole handbook" is the downloads page's list.
        (Some(_), Some(_)) => html::DownloadLinks {
            book: page.clone(),
            page,
        },
        (None, _) => html::DownloadLinks::default(),
    }
}

/// The copies of the offered PDFs in `site/downloads/`, made as the PDF stage hands each PDF
/// on: the same bytes, or the same previous file when the PDF was reused (a hard link then).
/// Each copy passes the national-ID scan of site files like any other.
struct Copies {
    /// Offer index by output path.
    wanted: HashMap<PathBuf, usize>,
    /// The size of each offered PDF once it went by.
    sizes: Vec<Option<u64>>,
}

impl Copies {
    fn new(offers: &[crate::pdf::Offer]) -> Copies {
        Copies {
            wanted: offers
                .iter()
                .enumerate()
                .map(|(i, o)| (o.output.clone(), i))
                .collect(),
            sizes: vec![None; offers.len()],
        }
    }

    fn add(
        &mut self,
        made: &mut Vec<OutputFile>,
        previous: &crate::artifact::Previous,
    ) -> Result<(), Error> {
        let mut copies = Vec::new();
        for file in made.iter() {
            let Some(&index) = self.wanted.get(&file.path) else {
                continue;
            };
            let Some(name) = file.path.file_name() else {
                continue;
            };
            let path = Path::new("site").join(crate::pdf::DOWNLOADS).join(name);
            let size = match &file.reuse {
                Some(on_disk) => std::fs::metadata(on_disk)
                    .map(|m| m.len())
                    .map_err(Error::io("read", on_disk))?,
                None => file.contents.len() as u64,
            };
            // The same bytes or previous file, under the same key: the previous build's copy
            // when it is that file, so that an unchanged copy stays the very same file.
            let copy = match file
                .key
                .and_then(|key| Some((previous.reusable(&path, key)?, key)))
            {
                Some((reused, key)) => OutputFile::reused(path, reused, key),
                None => OutputFile {
                    path,
                    ..file.clone()
                },
            };
            self.sizes[index] = Some(size);
            copies.push(copy);
        }
        made.extend(copies);
        Ok(())
    }

    /// The offers whose PDF this build wrote, for the downloads page.
    fn listed(&self, offers: &[crate::pdf::Offer]) -> Vec<html::Download> {
        offers
            .iter()
            .zip(&self.sizes)
            .filter_map(|(offer, size)| {
                Some(html::Download {
                    title: offer.title.clone(),
                    file: offer.output.file_name()?.to_string_lossy().into_owned(),
                    kind: match offer.kind {
                        crate::pdf::OfferKind::Book => "book",
                        crate::pdf::OfferKind::Annual => "annual",
                        crate::pdf::OfferKind::Plan => "plan",
                        crate::pdf::OfferKind::Form => "form",
                    },
                    bytes: (*size)?,
                    as_of: offer.as_of,
                })
            })
            .collect()
    }
}

/// The last line of defence: a national ID in any file bound for `site/` (whatever put it
/// there: a template, a file copied from `content/`, a generated page) fails the build before
/// anything is swapped in. Pages and data were checked at their source, with positions.
fn published_ids(files: &[OutputFile]) -> Diagnostics {
    files
        .par_iter()
        .filter(|f| f.path.starts_with("site") && !is_search_postings(&f.path))
        // The previous build's own file at this path, taken over by its key: that build
        // scanned these very bytes before publishing them.
        .filter(|f| !f.reuse.as_ref().is_some_and(|p| p.ends_with(&f.path)))
        .filter_map(|f| {
            // A file taken over from the previous build (a PDF's copy) is scanned as it is.
            let read;
            let contents = match &f.reuse {
                Some(previous) => match std::fs::read(previous) {
                    Ok(bytes) => {
                        read = bytes;
                        &read
                    }
                    Err(e) => {
                        return Some(Diagnostic::error(
                            previous,
                            0,
                            0,
                            format!("cannot read to check it for national IDs: {e}"),
                        ))
                    }
                },
                None => &f.contents,
            };
            let ids = national_id::find_ids(contents);
            let (line, col) = match ids.first() {
                Some(first) => {
                    let before = &contents[..first.start];
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
/// cost more than the rest together; the documents (`search/d/`, `search/documents.js`), which
/// quote page text, are scanned like pages.
fn is_search_postings(path: &Path) -> bool {
    path.starts_with("site/search/w")
        || path.starts_with("site/search/b")
        || path == Path::new(crate::search::POSTINGS_BUNDLE)
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
    // The data files as the last build read them: only changed ones are parsed.
    let mut cache = Cache::none();
    cache.data = crate::data::Cache::read(&options.out);
    let (loaded, diags) = load_cached(&options.root, &mut cache, options.pdf);
    let Some(loaded) = loaded else {
        return Err(Error::Input(diags));
    };
    let pages = loaded.site.pages.len();
    let mut staging = output::Staging::begin(&options.out)?;
    // The output folder still holds the last build: its keyed files (PDFs, spreadsheets,
    // the archive) are the ones to reuse.
    let previous = crate::artifact::Previous::read(&options.out);
    let mut keys = crate::artifact::Keys::default();
    let mut files = 0;
    let data_cache = vec![cache.data.output(&previous)];
    keys.record(&data_cache);
    if let Err(e) = staging.write(data_cache) {
        staging.discard();
        return Err(e.into());
    }
    let rendered = render_into(
        loaded,
        options,
        &mut Cache::none(),
        &previous,
        &mut |stage| {
            files += stage.len();
            keys.record(&stage);
            Ok(staging.write(stage)?)
        },
    );
    let rendered = match rendered {
        Ok(rendered) => rendered,
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
    let packaged = staging.package_site(&previous).and_then(|key| {
        keys.add(output::PACKAGE, key);
        staging.write(vec![keys.file()])
    });
    if let Err(e) = packaged {
        staging.discard();
        return Err(e.into());
    }
    staging.finish()?;
    Ok(BuildSummary {
        pages,
        files,
        pdfs_made: rendered.pdfs_made,
        pdfs_reused: rendered.pdfs_reused,
        warnings: {
            let mut all = diags;
            all.extend(rendered.warnings);
            all.sorted()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfs_of_a_site_loaded_without_its_markdown_are_an_error_not_empty_pages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/_index.md"),
            "---\ntitle: home\n---\n\ntext\n",
        )
        .unwrap();
        let (loaded, diags) = load_cached(dir.path(), &mut Cache::none(), false);
        let loaded = loaded.unwrap_or_else(|| panic!("{diags:?}"));
        assert!(loaded.site.pages.iter().all(|p| p.markdown.is_none()));
        let result = crate::pdf::render(
            &loaded.site,
            &loaded.data,
            &loaded.totals,
            &loaded.theme,
            &crate::pdf::PdfOptions::default(),
        );
        match result {
            Err(Error::Input(d)) => assert!(
                d.iter()
                    .any(|d| d.message.contains("Markdown was released")),
                "{d:?}"
            ),
            other => panic!("{:?}", other.map(|files| files.len())),
        }
    }
}
