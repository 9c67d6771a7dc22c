//! Glossary terms (`data/glossary.yaml`): linked on their first use on every page, with the
//! definition shown on hover and keyboard focus, and listed with back-links on one page.

use std::collections::BTreeSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::site::Page;
use crate::util::slug::slugify;
use crate::util::{escape, fingerprint};
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    /// The page (under `content/`) that lists the terms, e.g. `reference/glossary.md`.
    page: Option<String>,
    terms: Vec<TermEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
}

pub struct Glossary {
    /// Changes whenever `data/glossary.yaml` does (pages cached by a preview depend on it).
    pub fingerprint: u64,
    /// Id of the page listing the terms (`reference/glossary`).
    pub page_id: Option<String>,
    pub terms: Vec<TermEntry>,
    matcher: AhoCorasick,
    /// Which term each matcher pattern (term or alias) stands for.
    pattern_term: Vec<usize>,
}

impl Glossary {
    /// `Ok(None)` when the project has no glossary.
    pub fn load(root: &Path) -> Result<Option<Glossary>, Diagnostic> {
        let rel = Path::new("data/glossary.yaml");
        let Some(text) = crate::input::read_text(root, rel)? else {
            return Ok(None);
        };
        let file = yaml::parse::<GlossaryFile>(&text, rel, 1)?.value;
        let mut patterns = Vec::new();
        let mut pattern_term = Vec::new();
        for (index, entry) in file.terms.iter().enumerate() {
            for name in std::iter::once(&entry.term)
                .chain(&entry.aliases)
                .filter(|n| !n.trim().is_empty())
            {
                patterns.push(name.clone());
                pattern_term.push(index);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| {
                Diagnostic::error(rel, 0, 0, format!("glossary terms cannot be matched: {e}"))
            })?;
        let page_id = file.page.map(|p| p.trim_end_matches(".md").to_string());
        let fingerprint = fingerprint(&text);
        Ok(Some(Glossary {
            fingerprint,
            page_id,
            terms: file.terms,
            matcher,
            pattern_term,
        }))
    }

    pub fn anchor(&self, term: usize) -> String {
        format!("term-{}", slugify(&self.terms[term].term))
    }

    /// Terms used in `text`, in order of first use.
    pub fn terms_in(&self, text: &str) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        self.matcher
            .find_iter(text)
            .map(|m| self.pattern_term[m.pattern().as_usize()])
            .filter(|t| seen.insert(*t))
            .collect()
    }

    /// Whether `page` gets its terms linked (not the glossary itself, not generated pages).
    pub fn links_on(&self, page: &Page) -> bool {
        !page.generated && self.page_id.as_deref() != Some(page.id.as_str())
    }

    /// Splits `text` into plain runs and the first use of terms not yet `linked` on this
    /// page, returned as HTML for the link with its tooltip.
    pub fn link_first_uses(
        &self,
        text: &str,
        linked: &mut BTreeSet<usize>,
        glossary_href: &str,
    ) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut last = 0;
        for m in self.matcher.find_iter(text) {
            let term = self.pattern_term[m.pattern().as_usize()];
            if !linked.insert(term) {
                continue;
            }
            if m.start() > last {
                pieces.push(Piece::Text(text[last..m.start()].to_string()));
            }
            pieces.push(Piece::Html(format!(
                "<a class=\"glossary-term\" href=\"{href}#{anchor}\">{word}<span class=\"term-tip\" role=\"tooltip\">{def}</span></a>",
                href = escape(glossary_href),
                anchor = escape(&self.anchor(term)),
                word = escape(&text[m.start()..m.end()]),
                def = escape(&self.terms[term].definition),
            )));
            last = m.end();
        }
        if last < text.len() {
            pieces.push(Piece::Text(text[last..].to_string()));
        }
        pieces
    }
}

/// A piece of text after term linking.
pub enum Piece {
    Text(String),
    Html(String),
}
