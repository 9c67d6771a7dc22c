//! The glossary page's term list: every term with its definition, related words and the
//! pages that use it.

use crate::glossary::Glossary;
use crate::site::Page;
use crate::util::{escape_markdown, relative_url};

/// The term list with back-links, as Markdown appended to the glossary page.
pub fn listing(glossary: &Glossary, pages: &[Page]) -> String {
    let glossary_id = glossary.page_id.clone().unwrap_or_default();
    let from = format!("{glossary_id}.md");
    let mut used_on: Vec<Vec<&Page>> = vec![Vec::new(); glossary.terms.len()];
    for page in pages.iter().filter(|p| glossary.links_on(p)) {
        for term in glossary.terms_in(page.markdown.as_deref().unwrap_or_default()) {
            used_on[term].push(page);
        }
    }
    let mut order: Vec<usize> = (0..glossary.terms.len()).collect();
    order.sort_by(|a, b| glossary.terms[*a].term.cmp(&glossary.terms[*b].term));
    let mut md = String::from("\n");
    for term in order {
        let entry = &glossary.terms[term];
        md.push_str(&format!(
            "\n### {} {{#{}}}\n\n{}\n",
            escape_markdown(&entry.term),
            glossary.anchor(term),
            escape_markdown(&entry.definition)
        ));
        if !entry.aliases.is_empty() {
            md.push_str(&format!(
                "\nคำที่เกี่ยวข้อง: {}\n",
                escape_markdown(&entry.aliases.join(", "))
            ));
        }
        if !used_on[term].is_empty() {
            let links: Vec<String> = used_on[term]
                .iter()
                .map(|p| {
                    format!(
                        "[{}]({})",
                        escape_markdown(p.title()),
                        relative_url(&from, &format!("{}.md", p.id))
                    )
                })
                .collect();
            md.push_str(&format!("\nใช้ในหน้า: {}\n", links.join(" · ")));
        }
    }
    md
}
