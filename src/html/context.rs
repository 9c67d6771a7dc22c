//! What templates see: `site`, `page`, `root`, `breadcrumbs`, `prev`, `next`, `children`.

use serde::Serialize;
use tera::Context;

use crate::site::{Page, PageKind, Site};
use crate::thai::dates::long_date;
use crate::util::{relative_url, root_prefix};

#[derive(Serialize)]
struct SiteValues<'a> {
    title: &'a str,
    description: &'a str,
    organisation: &'a str,
    language: &'a str,
    /// `thai` or `arabic`: the digits the theme's scripts write numbers in.
    numerals: &'static str,
    change_process: &'a str,
    /// From the site root: the book PDF and the downloads page (empty when the build offers
    /// no PDFs, e.g. `--no-pdf` or the preview).
    book_pdf: &'a str,
    downloads: &'a str,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
    description: String,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
}

#[derive(Serialize)]
struct PageValues<'a> {
    title: &'a str,
    description: &'a str,
    content: &'a str,
    /// As a link target (percent-encoded), the form the navigation script compares.
    url: String,
    kind: &'static str,
    toc: Vec<TocEntry<'a>>,
    /// `updated` in Thai with a Buddhist-era year, and as ISO for `<time datetime>`.
    updated: Option<String>,
    updated_iso: Option<String>,
    audience: Vec<&'static str>,
    tags: &'a [String],
    owner: Option<&'a str>,
    generated: bool,
}

pub struct SiteContext {
    site: Context,
    numerals: crate::thai::dates::Numerals,
}

impl SiteContext {
    pub fn new(site: &Site, links: &super::DownloadLinks) -> Self {
        let mut base = Context::new();
        let c = &site.config;
        base.insert(
            "site",
            &SiteValues {
                title: &c.title,
                description: &c.description,
                organisation: &c.organisation,
                language: &c.language,
                numerals: match c.numerals {
                    crate::thai::dates::Numerals::Thai => "thai",
                    crate::thai::dates::Numerals::Arabic => "arabic",
                },
                change_process: &c.change_process,
                book_pdf: &links.book,
                downloads: &links.page,
            },
        );
        SiteContext {
            site: base,
            numerals: c.numerals,
        }
    }

    fn link(from: &Page, to: &Page) -> Link {
        Link {
            title: to.front.title.clone(),
            url: relative_url(&from.url, &to.url),
            description: to.front.description.clone().unwrap_or_default(),
        }
    }

    /// The context of page `index`, whose body is `content` (HTML).
    pub fn for_page(&self, site: &Site, index: usize, content: &str) -> Context {
        let page = &site.pages[index];
        let numerals = site.config.numerals;
        let mut ctx = self.site.clone();
        ctx.insert("root", &root_prefix(&page.url));
        ctx.insert(
            "page",
            &PageValues {
                title: &page.front.title,
                description: page.front.description.as_deref().unwrap_or(""),
                content,
                url: crate::util::url::encode_path(&page.url),
                kind: match page.kind {
                    PageKind::Home => "home",
                    PageKind::Section => "section",
                    PageKind::Page => "page",
                },
                toc: page
                    .body
                    .headings
                    .iter()
                    .filter(|h| (2..=3).contains(&h.level))
                    .map(|h| TocEntry {
                        level: h.level,
                        text: &h.text,
                        anchor: &h.anchor,
                    })
                    .collect(),
                updated: page.front.updated.map(|d| long_date(d, numerals)),
                updated_iso: page.front.updated.map(|d| d.to_string()),
                audience: page.front.audience.iter().map(|a| a.label()).collect(),
                tags: &page.front.tags,
                owner: page.front.owner.as_deref(),
                generated: page.generated,
            },
        );
        let crumbs: Vec<Link> = site
            .ancestors(page)
            .into_iter()
            .map(|a| Self::link(page, a))
            .collect();
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert(
            "prev",
            &index
                .checked_sub(1)
                .map(|i| Self::link(page, &site.pages[i])),
        );
        ctx.insert(
            "next",
            &site.pages.get(index + 1).map(|n| Self::link(page, n)),
        );
        // A section that lists some of its pages itself gets only the others listed for it:
        // one list of each page, never two.
        let children: Vec<Link> = site.children(page).map(|p| Self::link(page, p)).collect();
        let (listed, unlisted): (Vec<Link>, Vec<Link>) = children
            .into_iter()
            .partition(|c| content.contains(&format!("href=\"{}\"", c.url)));
        ctx.insert("children", &unlisted);
        ctx.insert("children_listed_in_body", &!listed.is_empty());
        ctx
    }

    /// Pages that have no Markdown source (search, 404, downloads), `url` from the site root,
    /// `updated` the date of what they show, if any.
    pub fn for_special(
        &self,
        url: &str,
        title: &str,
        updated: Option<chrono::NaiveDate>,
    ) -> Context {
        let mut ctx = self.site.clone();
        ctx.insert("root", &root_prefix(url));
        ctx.insert(
            "page",
            &PageValues {
                title,
                description: "",
                content: "",
                url: crate::util::url::encode_path(url),
                kind: "special",
                toc: Vec::new(),
                updated: updated.map(|d| long_date(d, self.numerals)),
                updated_iso: updated.map(|d| d.to_string()),
                audience: Vec::new(),
                tags: &[],
                owner: None,
                generated: true,
            },
        );
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx.insert("prev", &None::<Link>);
        ctx.insert("next", &None::<Link>);
        ctx.insert("children", &Vec::<Link>::new());
        ctx.insert("children_listed_in_body", &false);
        ctx
    }
}
