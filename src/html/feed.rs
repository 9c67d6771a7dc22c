//! The Atom feed of recent changes (the handbook's "push" channel, as KM calls it).

use crate::artifact::OutputFile;
use crate::site::{nav, Site};
use crate::util::escape;

pub fn atom(site: &Site) -> OutputFile {
    let recent = nav::recently_updated(&site.pages);
    let newest = recent
        .first()
        .and_then(|p| p.front.updated)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    let author = if site.config.organisation.is_empty() {
        &site.config.title
    } else {
        &site.config.organisation
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  \
         <title>{}</title>\n  <subtitle>หน้าที่ปรับปรุงล่าสุด</subtitle>\n  <id>urn:khumue:{}</id>\n  \
         <updated>{newest}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n  <link rel=\"alternate\" href=\"index.html\"/>\n",
        escape(&site.config.language),
        escape(&site.config.title),
        escape(&site.config.title.replace(' ', "-")),
        escape(author)
    );
    for page in recent.into_iter().take(nav::RECENT_LIMIT) {
        let updated = page
            .front
            .updated
            .map(|d| d.to_string())
            .unwrap_or_default();
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>urn:khumue:page:{}</id>\n    <link rel=\"alternate\" href=\"{}\"/>\n    \
             <updated>{updated}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(page.title()),
            escape(&page.id),
            escape(&page.url),
            escape(page.front.description.as_deref().unwrap_or(page.title()))
        ));
    }
    xml.push_str("</feed>\n");
    OutputFile::new("site/feed.xml", xml)
}
