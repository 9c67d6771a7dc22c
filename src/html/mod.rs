//! HTML rendering with tera: every page through the theme's templates, plus the site-wide
//! files (static assets, the navigation script, the 404 and search pages).

mod context;
mod downloads;
mod feed;
pub mod offline;

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Tera;

use crate::artifact::{Emit, OutputFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::site::{nav, Page, PageKind, Site};
use crate::theme::Theme;
use crate::util::fingerprint;

pub use downloads::{render_downloads, Download, DownloadLinks};

/// The theme's templates, compiled once and shared by every render.
pub struct Templates {
    tera: Tera,
    origin: String,
    /// Changes whenever any template does.
    fingerprint: u64,
}

/// Pages rendered by the previous build, by page id, with the fingerprint of their inputs.
pub type HtmlCache = HashMap<String, (u64, String)>;

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::default();
        let mut sources = Vec::new();
        let mut diags = Diagnostics::new();
        for (name, bytes) in theme.folder("templates") {
            match std::str::from_utf8(bytes) {
                Ok(text) => sources.push((name.to_string(), text.to_string())),
                Err(_) => diags.push(Diagnostic::error(
                    format!("{}/templates/{name}", theme.origin),
                    0,
                    0,
                    "template is not valid UTF-8",
                )),
            }
        }
        let fingerprint = fingerprint(&sources);
        if let Err(e) = tera.add_raw_templates(sources) {
            diags.push(
                Diagnostic::error(format!("{}/templates", theme.origin), 0, 0, error_chain(&e))
                    .with_hint("fix the template syntax at the place named above"),
            );
        }
        tera.autoescape_on(vec![".html"]);
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Templates {
            tera,
            origin: theme.origin.clone(),
            fingerprint,
        })
    }

    fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| {
            Diagnostic::error(
                format!("{}/templates/{template}", self.origin),
                0,
                0,
                error_chain(&e),
            )
            .with_hint(
                "a template may only use the variables khumue provides: see README, \"Themes\"",
            )
        })
    }
}

/// Tera nests the useful message (missing variable, bad filter) inside its errors.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        parts.push(inner.to_string());
        source = inner.source();
    }
    parts.join(": ")
}

/// What a page's HTML is made from: its own inputs, the links around it and the templates.
fn page_inputs(site: &Site, index: usize, base: u64) -> u64 {
    let page = &site.pages[index];
    let link = |p: &Page| {
        (
            p.url.clone(),
            p.front.title.clone(),
            p.front.description.clone(),
        )
    };
    let ancestors: Vec<_> = site.ancestors(page).into_iter().map(link).collect();
    let kids: Vec<_> = site.children(page).map(link).collect();
    let prev = index.checked_sub(1).map(|i| link(&site.pages[i]));
    let next = site.pages.get(index + 1).map(link);
    fingerprint(&(
        base,
        page.fingerprint,
        &page.front,
        page.kind as u8,
        &page.url,
        ancestors,
        kids,
        prev,
        next,
    ))
}

/// Page `index` as HTML: taken from `previous` when its inputs (`key`) are unchanged, else
/// rendered through its template. A failure names the page.
fn render_page(
    site: &Site,
    index: usize,
    body: &str,
    templates: &Templates,
    shared: &context::SiteContext,
    previous: &HtmlCache,
    key: u64,
) -> Result<OutputFile, (Diagnostic, String)> {
    let page = &site.pages[index];
    let path = format!("site/{}", page.url);
    if let Some((seen, html)) = previous.get(&page.id) {
        if *seen == key {
            return Ok(OutputFile::new(path, html.clone()));
        }
    }
    let template = match (&page.front.template, page.kind) {
        (Some(t), _) => t.as_str(),
        (None, PageKind::Home) => "home.html",
        (None, PageKind::Section) => "section.html",
        (None, PageKind::Page) => "page.html",
    };
    let html = templates
        .render(template, &shared.for_page(site, index, body))
        .map_err(|d| (d, page.source.display().to_string()))?;
    Ok(OutputFile::new(path, html))
}

/// Pages rendered and handed on at a time: enough to keep both cores busy, few enough that the
/// finished HTML waiting to be written stays small however large the site.
const PAGES_PER_BATCH: usize = 512;

/// Every page of the site, rendered in parallel batches, plus search.html and 404.html. `html`
/// holds the pages' bodies in the order of `site.pages`; each batch goes to `emit` as soon as
/// it is rendered, and its bodies are released. Pages whose inputs are unchanged since `cache`
/// was filled are taken from it. Every page links the downloads in `links`.
pub fn render_pages(
    site: &Site,
    html: Vec<String>,
    templates: &Templates,
    links: &DownloadLinks,
    mut cache: Option<&mut HtmlCache>,
    emit: &mut Emit,
) -> Result<(), Error> {
    let shared = context::SiteContext::new(site, links);
    let base = fingerprint(&(templates.fingerprint, format!("{:?}", site.config), links));
    let previous = cache.as_deref_mut().map(std::mem::take).unwrap_or_default();
    // One broken template fails every page that uses it: report it once, naming the pages.
    let mut failures: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    let count = site.pages.len();
    let mut bodies = html.into_iter();
    for start in (0..count).step_by(PAGES_PER_BATCH) {
        let batch = start..(start + PAGES_PER_BATCH).min(count);
        // Dropped at the end of the batch: the finished pages hold what is kept of them.
        let batch_bodies: Vec<String> = bodies.by_ref().take(batch.len()).collect();
        let results: Vec<Result<(OutputFile, u64), (Diagnostic, String)>> = batch
            .clone()
            .into_par_iter()
            .map(|index| {
                // Only a preview compares inputs; a one-off build has no cache to check.
                let key = match cache {
                    Some(_) => page_inputs(site, index, base),
                    None => 0,
                };
                let body = batch_bodies.get(index - start).map_or("", String::as_str);
                render_page(site, index, body, templates, &shared, &previous, key).map(|f| (f, key))
            })
            .collect();
        let mut files = Vec::with_capacity(results.len());
        for (index, result) in batch.clone().zip(results) {
            match result {
                Ok((f, key)) => {
                    if let (Some(cache), Ok(html)) =
                        (cache.as_deref_mut(), std::str::from_utf8(&f.contents))
                    {
                        cache.insert(site.pages[index].id.clone(), (key, html.to_string()));
                    }
                    files.push(f)
                }
                Err((d, page)) => match failures.iter_mut().find(|(seen, _)| *seen == d) {
                    Some((_, pages)) => pages.push(page),
                    None => failures.push((d, vec![page])),
                },
            }
        }
        drop(batch_bodies);
        if failures.is_empty() {
            emit(files)?;
        }
    }
    let mut diags: Diagnostics = failures
        .into_iter()
        .map(|(mut d, pages)| {
            let others = match pages.len() {
                1 => String::new(),
                n => format!(" and {} other page(s)", n - 1),
            };
            d.message = format!("{} (rendering {}{others})", d.message, pages[0]);
            d
        })
        .collect();
    let mut files = Vec::new();
    for (template, url, title) in [
        ("search.html", "search.html", "ค้นหา"),
        ("404.html", "404.html", "ไม่พบหน้านี้"),
    ] {
        let ctx = shared.for_special(url, title, None);
        match templates.render(template, &ctx) {
            Ok(html) => files.push(OutputFile::new(format!("site/{url}"), html)),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return Err(Error::Input(diags));
    }
    emit(files)
}

/// The theme's `static/` folder under `site/static/`, and the navigation tree as a script.
pub fn site_files(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .folder("static")
        .map(|(path, bytes)| OutputFile::new(format!("site/static/{path}"), bytes.to_vec()))
        .collect();
    let tree = nav::tree(site);
    let home = site
        .pages
        .first()
        .map(|p| p.front.title.clone())
        .unwrap_or_default();
    let json = serde_json::json!({ "home": home, "items": tree });
    // A script, not JSON: `fetch` of a local file fails under file://.
    files.push(OutputFile::new(
        "site/nav.js",
        format!("window.khumueNav = {json};\n"),
    ));
    files.push(feed::atom(site));
    files
}
