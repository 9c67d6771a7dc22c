//! Markdown → HTML with pulldown-cmark: heading anchors, the page's plain text for search, and
//! links between pages rewritten to the built `.html` files and checked.

pub mod links;

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::glossary::{Glossary, Piece};
use crate::site::{Heading, Page, RenderedBody, TextSection};
use crate::util::slug::{slugify, UniqueSlugs};
use crate::util::url::is_script_url;
use crate::util::{escape, relative_url};
pub use links::{AnchorCheck, LinkTargets};

/// The Markdown extensions every renderer (HTML, search, PDF) agrees on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The result of rendering one page.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// The body as HTML, for the page renderer alone.
    pub html: String,
    pub body: RenderedBody,
    /// Links into other pages' headings, checked once every page is rendered.
    pub anchors: Vec<AnchorCheck>,
    pub diagnostics: Diagnostics,
}

/// Maps byte offsets of a page body to file line and column.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts, first_line }
    }

    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line + self.first_line, col)
    }
}

/// Renders one page. `glossary` links the first use of each term to its definition.
pub fn render(page: &Page, targets: &LinkTargets, glossary: Option<&Glossary>) -> Rendered {
    // A page is rendered while the build loads, before any Markdown is released.
    let text = page.markdown.as_deref().unwrap_or_default();
    let lines = LineIndex::new(text, page.body_line);
    let mut out = Rendered::default();
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut slugs = UniqueSlugs::default();
    let mut section = TextSection::default();
    let term_links = glossary.filter(|g| g.links_on(page)).and_then(|g| {
        Some((
            g,
            relative_url(&page.url, targets.url_of(g.page_id.as_deref()?)?),
        ))
    });
    let mut linked_terms = BTreeSet::new();
    // Terms are not linked inside links, images and code blocks.
    let mut plain_depth = 0usize;
    let mut in_table = false;
    let mut in_code_block = false;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let inner = &events[i + 1..end];
                let heading_text: String = inner
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let anchor = slugs.claim(
                    id.as_ref()
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| slugify(&heading_text)),
                );
                let level_num = heading_level(*level);
                let heading = Heading {
                    level: level_num,
                    text: heading_text.trim().to_string(),
                    anchor: anchor.clone(),
                };
                out.body.headings.push(heading.clone());
                push_section(&mut out.body.sections, std::mem::take(&mut section));
                section.heading = Some(heading);
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape(&classes.join(" ")))
                };
                html_events.push(Event::Html(CowStr::from(format!(
                    "<h{level_num} id=\"{}\"{class_attr}>",
                    escape(&anchor)
                ))));
                for (e, r) in inner {
                    html_events.push(rewrite(e.clone(), r, page, targets, &lines, &mut out));
                }
                // Out of the tab order: hidden from screen readers, it must not take focus
                // either (the table of contents links every heading for the keyboard).
                html_events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level_num}>\n",
                    escape(&anchor)
                ))));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                in_code_block |= matches!(event, Event::Start(Tag::CodeBlock(_)));
                plain_depth += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                in_code_block &= !matches!(event, Event::End(TagEnd::CodeBlock));
                plain_depth = plain_depth.saturating_sub(1)
            }
            Event::Text(t) => {
                section.text.push_str(t);
                if in_table {
                    out.body.table_text += t.len();
                }
                if in_code_block {
                    out.body.code_text += t.len();
                }
                if let (Some((glossary, href)), 0) = (&term_links, plain_depth) {
                    for piece in glossary.link_first_uses(t, &mut linked_terms, href) {
                        html_events.push(match piece {
                            Piece::Text(text) => Event::Text(CowStr::from(text)),
                            Piece::Html(html) => Event::InlineHtml(CowStr::from(html)),
                        });
                    }
                    i += 1;
                    continue;
                }
            }
            Event::Code(t) => {
                section.text.push_str(t);
                out.body.code_text += t.len();
            }
            // A task-list box is named by its item's text, as a form control must be.
            Event::TaskListMarker(done) => {
                let label: String = events[i + 1..]
                    .iter()
                    .take_while(|(e, _)| {
                        !matches!(e, Event::End(TagEnd::Item) | Event::Start(Tag::List(_)))
                    })
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                html_events.push(Event::InlineHtml(CowStr::from(format!(
                    "<input disabled=\"\" type=\"checkbox\"{} aria-label=\"{}\"/>\n",
                    if *done { " checked=\"\"" } else { "" },
                    escape(label.trim())
                ))));
                i += 1;
                continue;
            }
            // A wide table scrolls sideways inside a region the keyboard can reach and scroll,
            // named after the section it stands in, instead of squeezing its words apart.
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                let label = match &section.heading {
                    Some(h) => format!("ตาราง: {}", h.text),
                    None => format!("ตาราง: {}", page.front.title),
                };
                html_events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                    escape(&label)
                ))));
            }
            // The table's scroll region closes after the table itself (below).
            Event::End(TagEnd::Table) => in_table = false,
            Event::Html(t) | Event::InlineHtml(t) => {
                out.body.html_ids.extend(html_ids(t).map(str::to_owned));
                if let Some(bad) = crate::util::url::attribute_values(t).find(|v| is_script_url(v))
                {
                    let (line, col) = lines.position(text, range.start);
                    out.diagnostics
                        .push(links::script_link(page, bad, line, col));
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !section.text.ends_with(' ') && !section.text.is_empty() =>
            {
                section.text.push(' ');
            }
            _ => {}
        }
        let closes_table = matches!(event, Event::End(TagEnd::Table));
        html_events.push(rewrite(
            event.clone(),
            range,
            page,
            targets,
            &lines,
            &mut out,
        ));
        if closes_table {
            html_events.push(Event::Html(CowStr::from("</div>\n")));
        }
        i += 1;
    }
    push_section(&mut out.body.sections, section);
    // Markup is somewhat longer than its Markdown: reserve once rather than double repeatedly,
    // since every page's HTML is held until the pages are written.
    out.html.reserve(text.len() + text.len() / 2);
    html::push_html(&mut out.html, html_events.into_iter());
    out.html.shrink_to_fit();
    out
}

/// The values of `id="…"` attributes in a piece of raw HTML.
fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("id=\"").filter_map(move |(at, found)| {
        let before = html[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let value = &html[at + found.len()..];
        value.find('"').map(|end| &value[..end])
    })
}

fn push_section(sections: &mut Vec<TextSection>, mut section: TextSection) {
    let trimmed = section.text.trim_end().len();
    section.text.truncate(trimmed);
    // Held for every page until the search index is built: no spare capacity.
    section.text.shrink_to_fit();
    if section.heading.is_some() || !section.text.is_empty() {
        sections.push(section);
    }
}

/// `H2` → 2.
pub fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Rewrites link and image targets; records problems and anchors to check.
fn rewrite<'a>(
    event: Event<'a>,
    range: &Range<usize>,
    page: &Page,
    targets: &LinkTargets,
    lines: &LineIndex,
    out: &mut Rendered,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let (line, col) =
                lines.position(page.markdown.as_deref().unwrap_or_default(), range.start);
            let dest = match targets.resolve_link(page, &dest_url, line, col) {
                Ok((url, anchor)) => {
                    out.anchors.extend(anchor);
                    CowStr::from(url)
                }
                Err(d) => {
                    out.diagnostics.push(d);
                    dest_url
                }
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let (line, col) =
                lines.position(page.markdown.as_deref().unwrap_or_default(), range.start);
            if let Err(d) = targets.check_asset(page, &dest_url, line, col, true) {
                out.diagnostics.push(d);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

/// Checks that every link into another page's heading finds that heading.
pub fn check_anchors(pages: &[Page], checks: &[AnchorCheck]) -> Diagnostics {
    let by_id: std::collections::HashMap<&str, &Page> =
        pages.iter().map(|p| (p.id.as_str(), p)).collect();
    checks
        .iter()
        .filter_map(|check| {
            let target = by_id.get(check.target_id.as_str())?;
            let found = target
                .body
                .headings
                .iter()
                .any(|h| h.anchor == check.fragment)
                || target.body.html_ids.contains(&check.fragment);
            (!found).then(|| {
                let names: Vec<&str> = target
                    .body
                    .headings
                    .iter()
                    .map(|h| h.anchor.as_str())
                    .take(12)
                    .collect();
                Diagnostic::error(
                    &check.source,
                    check.line,
                    check.col,
                    format!(
                        "link to a missing heading: `{}` has no heading `#{}`",
                        target.source.display(),
                        check.fragment
                    ),
                )
                .with_hint(if names.is_empty() {
                    "that page has no headings".to_string()
                } else {
                    format!("headings there: {}", names.join(", "))
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::discover::from_virtual;
    use crate::site::{FrontMatter, VirtualPage};

    fn page(path: &str, markdown: &str) -> Page {
        from_virtual(VirtualPage {
            path: path.into(),
            origin: format!("content/{path}"),
            front: FrontMatter {
                title: path.into(),
                ..FrontMatter::default()
            },
            markdown: markdown.into(),
        })
    }

    #[test]
    fn code_spans_and_blocks_are_counted_as_code_text() {
        let p = page(
            "a.md",
            "ไฟล์ `data/org.yaml` ของ[หน่วย](b.md)\n\n```\nkhumue check\n```\n\n| a | `b` |\n|---|---|\n| c | d |\n",
        );
        let targets = LinkTargets::new([&p], []);
        let body = render(&p, &targets, None).body;
        // `data/org.yaml`, "khumue check\n" and `b`: the link's text is not code.
        assert_eq!(body.code_text, 13 + 13 + 1);
        let text: String = body.sections.iter().map(|s| s.text.as_str()).collect();
        assert!(
            text.contains("data/org.yaml") && text.contains("khumue check"),
            "{text}"
        );
    }

    #[test]
    fn links_may_point_at_ids_given_in_raw_html_but_not_in_code() {
        let mut pages = vec![
            page(
                "a.md",
                "<div id=\"box\" data-id=\"data\">\n\ntext\n\n</div>\n\n```\n<a id=\"code\"></a>\n```\n",
            ),
            page("b.md", "[1](a.md#box) [2](a.md#code) [3](a.md#data)\n"),
        ];
        let targets = LinkTargets::new(pages.iter(), []);
        let mut checks = Vec::new();
        for p in &mut pages {
            let rendered = render(p, &targets, None);
            assert!(rendered.diagnostics.is_empty());
            checks.extend(rendered.anchors);
            p.body = rendered.body;
        }
        assert_eq!(pages[0].body.html_ids, vec!["box".to_string()]);
        let missing: Vec<String> = check_anchors(&pages, &checks)
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(
            missing[0].ends_with("has no heading `#code`"),
            "{missing:?}"
        );
        assert!(
            missing[1].ends_with("has no heading `#data`"),
            "{missing:?}"
        );
    }
}
