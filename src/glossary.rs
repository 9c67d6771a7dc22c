//! Glossary terms (`data/glossary.yaml`): linked on their first use on every page, with the
//! definition shown on hover and keyboard focus, and listed with back-links on one page.

use std::collections::BTreeSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::data::national_id;
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
    /// The page whose tables list abbreviations with their full names (second column), e.g.
    /// `reference/abbreviations.md`: no term is linked inside a full name.
    #[serde(default)]
    abbreviations: Option<String>,
    /// More names (of offices, departments, plans) that no term is linked inside.
    #[serde(default)]
    names: Vec<String>,
    terms: Vec<TermEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
    /// Phrases this term is never linked inside (`พัฒนา` in `แผนพัฒนาตนเอง`).
    #[serde(default)]
    pub not_in: Vec<String>,
}

/// What a matcher pattern stands for: a term (its index), or a name that shields what it
/// contains from linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Term(usize),
    Shield,
}

pub struct Glossary {
    /// Changes whenever `data/glossary.yaml` does (pages cached by a preview depend on it).
    pub fingerprint: u64,
    /// Id of the page listing the terms (`reference/glossary`).
    pub page_id: Option<String>,
    pub terms: Vec<TermEntry>,
    matcher: AhoCorasick,
    /// What each matcher pattern (term, alias or shielding name) stands for.
    patterns: Vec<Pattern>,
}

impl Glossary {
    /// `Ok(None)` when the project has no glossary. `names` (of the offices in
    /// `data/org.yaml`) and the full names on the abbreviations page among `pages` are never
    /// linked into.
    pub fn load(
        root: &Path,
        names: &[String],
        pages: &[Page],
    ) -> Result<Option<Glossary>, Vec<Diagnostic>> {
        let rel = Path::new("data/glossary.yaml");
        let Some(text) = crate::input::read_text(root, rel).map_err(|d| vec![d])? else {
            return Ok(None);
        };
        // Terms and definitions are shown on every page that uses them.
        let ids = national_id::check_text(&text, rel, 1, |_, _| false);
        if !ids.is_empty() {
            return Err(ids);
        }
        let file = yaml::parse::<GlossaryFile>(&text, rel, 1)
            .map_err(|d| vec![d])?
            .value;
        let abbreviations = file
            .abbreviations
            .as_deref()
            .map(|p| p.trim_end_matches(".md"))
            .and_then(|id| pages.iter().find(|p| p.id == id))
            .and_then(|p| p.markdown.as_deref())
            .map(full_names)
            .unwrap_or_default();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (index, entry) in file.terms.iter().enumerate() {
            for name in std::iter::once(&entry.term).chain(&entry.aliases) {
                texts.push(name.clone());
                patterns.push(Pattern::Term(index));
            }
            for phrase in &entry.not_in {
                texts.push(phrase.clone());
                patterns.push(Pattern::Shield);
            }
        }
        for name in names.iter().chain(&file.names).chain(&abbreviations) {
            texts.push(name.clone());
            patterns.push(Pattern::Shield);
        }
        let (texts, patterns): (Vec<String>, Vec<Pattern>) = texts
            .into_iter()
            .zip(patterns)
            .filter(|(t, _)| !t.trim().is_empty())
            .unzip();
        // Leftmost, then longest: a name that starts before a term, or at the same place and
        // runs further, wins, and so does a longer term over a shorter one inside it.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&texts)
            .map_err(|e| {
                vec![Diagnostic::error(
                    rel,
                    0,
                    0,
                    format!("glossary terms cannot be matched: {e}"),
                )]
            })?;
        let page_id = file.page.map(|p| p.trim_end_matches(".md").to_string());
        let fingerprint = fingerprint(&(&text, names, &abbreviations));
        Ok(Some(Glossary {
            fingerprint,
            page_id,
            terms: file.terms,
            matcher,
            patterns,
        }))
    }

    /// The terms used in `text` as words of their own: (term, byte range), in order. A match
    /// inside a shielding name, or one that starts or ends inside a word (by the Thai word
    /// segmenter), is no use of the term.
    fn uses<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'a {
        let mut boundaries: Option<Vec<usize>> = None;
        self.matcher.find_iter(text).filter_map(move |m| {
            let Pattern::Term(term) = self.patterns[m.pattern().as_usize()] else {
                return None;
            };
            let bounds = boundaries.get_or_insert_with(|| crate::thai::segment::boundaries(text));
            let whole =
                bounds.binary_search(&m.start()).is_ok() && bounds.binary_search(&m.end()).is_ok();
            whole.then_some((term, m.range()))
        })
    }

    pub fn anchor(&self, term: usize) -> String {
        format!("term-{}", slugify(&self.terms[term].term))
    }

    /// Terms used in `text`, in order of first use.
    pub fn terms_in(&self, text: &str) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        self.uses(text)
            .map(|(term, _)| term)
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
        for (term, range) in self.uses(text) {
            if !linked.insert(term) {
                continue;
            }
            if range.start > last {
                pieces.push(Piece::Text(text[last..range.start].to_string()));
            }
            // Named by the word itself (aria-label), described by the definition: a screen
            // reader says "พัฒนา, link", then the definition, not the definition as the name.
            let anchor = self.anchor(term);
            let word = escape(&text[range.clone()]);
            pieces.push(Piece::Html(format!(
                "<a class=\"glossary-term\" href=\"{href}#{anchor}\" aria-label=\"{word}\" aria-describedby=\"tip-{anchor}\">{word}<span class=\"term-tip\" role=\"tooltip\" id=\"tip-{anchor}\">{def}</span></a>",
                href = escape(glossary_href),
                anchor = escape(&anchor),
                def = escape(&self.terms[term].definition),
            )));
            last = range.end;
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

/// The full names in the second column of the Markdown tables in `markdown` (an
/// abbreviations page: `| สป. | สำนักงานปลัดกระทรวงแรงงาน | … |`).
fn full_names(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|line| {
            let row = line.trim().strip_prefix('|')?;
            let cell = row.split('|').nth(1)?.trim();
            let separator = cell.chars().all(|c| matches!(c, '-' | ':' | ' '));
            (!separator).then(|| cell.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(yaml: &str, names: &[&str]) -> Glossary {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/glossary.yaml"), yaml).unwrap();
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        Glossary::load(dir.path(), &names, &[]).unwrap().unwrap()
    }

    const TERMS: &str = "terms:\n  - term: พัฒนา\n    definition: ประเภทการช่วยเหลือ\n    not_in: [แผนพัฒนาตนเอง]\n  - term: คุ้มครอง\n    definition: ประเภทการช่วยเหลือ\n  - term: แรงงานนอกระบบ\n    definition: ผู้มีงานทำนอกระบบ\n";

    #[test]
    fn a_term_is_linked_only_as_a_word_of_its_own_outside_names() {
        let g = glossary(TERMS, &["สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด"]);
        let found = |text: &str| g.terms_in(text);
        assert_eq!(found("ช่วยเหลือด้านการพัฒนา"), vec![0]);
        assert_eq!(found("ประสานกับแผนพัฒนาตนเองของบุคลากร"), Vec::<usize>::new());
        assert_eq!(
            found("ติดต่อสำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด"),
            Vec::<usize>::new()
        );
        assert_eq!(found("งานคุ้มครองแรงงานนอกระบบ"), vec![1, 2]);
        // Inside a longer word the segmenter keeps whole: no use of the term.
        assert_eq!(found("พัฒนาการของเด็ก"), Vec::<usize>::new());
    }

    #[test]
    fn abbreviation_full_names_shield_their_words() {
        let names = full_names("| ย่อ | ชื่อเต็ม |\n|---|---|\n| พฝ. | กรมพัฒนาฝีมือแรงงาน | x |\n");
        assert!(names.contains(&"กรมพัฒนาฝีมือแรงงาน".to_string()), "{names:?}");
        let g = glossary(TERMS, &["กรมพัฒนาฝีมือแรงงาน"]);
        assert!(g.terms_in("อบรมกับกรมพัฒนาฝีมือแรงงาน").is_empty());
    }

    #[test]
    fn a_linked_term_is_named_by_the_word() {
        let g = glossary(TERMS, &[]);
        let mut linked = BTreeSet::new();
        let html: String = g
            .link_first_uses("ด้านการพัฒนา", &mut linked, "g.html")
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => t,
                Piece::Html(h) => h,
            })
            .collect();
        assert!(html.contains("aria-label=\"พัฒนา\""), "{html}");
        assert!(
            html.contains("aria-describedby=\"tip-term-พัฒนา\""),
            "{html}"
        );
    }
}
