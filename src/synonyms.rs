//! Words people type for the same thing (`data/synonyms.yaml`): groups of words that are not
//! glossary terms (a glossary term and its `aliases:` are a group already), such as an acronym
//! and its long form or a staff word and the handbook's word. Search expands a query word to
//! the other words of its group, at a lower weight (`search-engine.js`: `readings`).
//!
//! ```yaml
//! groups:
//!   - [พนักงาน, เจ้าหน้าที่]
//!   - [สปส, สำนักงานประกันสังคม]
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::data::national_id;
use crate::diagnostics::Diagnostic;
use crate::yaml;

const FILE: &str = "data/synonyms.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[serde(default)]
    groups: Vec<Vec<String>>,
}

/// The groups of `data/synonyms.yaml` (none when the file is missing), or every problem in
/// it as `file:line:col`.
pub fn load(root: &Path) -> Result<Vec<Vec<String>>, Vec<Diagnostic>> {
    let rel = Path::new(FILE);
    let Some(text) = crate::input::read_text(root, rel).map_err(|d| vec![d])? else {
        return Ok(Vec::new());
    };
    parse(&text)
}

fn parse(text: &str) -> Result<Vec<Vec<String>>, Vec<Diagnostic>> {
    let rel = Path::new(FILE);
    // The words are written into the search index, which is published.
    let ids = national_id::check_text(text, rel, 1, |_, _| false);
    if !ids.is_empty() {
        return Err(ids);
    }
    let located = yaml::parse::<SynonymsFile>(text, rel, 1).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    for (g, group) in located.value.groups.iter().enumerate() {
        let at = |path: String| located.locations.nearest(&path);
        let words: Vec<&str> = group.iter().map(|w| w.trim()).collect();
        if words.iter().filter(|w| !w.is_empty()).count() < 2 {
            let (line, col) = at(format!("groups.{g}"));
            problems.push(
                Diagnostic::error(rel, line, col, "a synonym group needs at least two words")
                    .with_hint(
                    "write the words that mean the same thing in one list: [สปส, สำนักงานประกันสังคม]",
                ),
            );
        }
        for (w, word) in words.iter().enumerate() {
            let (line, col) = at(format!("groups.{g}.{w}"));
            if word.is_empty() {
                problems.push(Diagnostic::error(
                    rel,
                    line,
                    col,
                    "empty word in a synonym group",
                ));
            } else if !word
                .chars()
                .any(|c| c.is_alphanumeric() || crate::thai::is_thai(c))
            {
                problems.push(Diagnostic::error(
                    rel,
                    line,
                    col,
                    format!("\"{word}\" has no letter or digit to search for"),
                ));
            } else if words[..w].contains(word) {
                problems.push(Diagnostic::error(
                    rel,
                    line,
                    col,
                    format!("\"{word}\" appears twice in this group"),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(located
            .value
            .groups
            .into_iter()
            .map(|g| g.into_iter().map(|w| w.trim().to_string()).collect())
            .collect())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_groups_of_words() {
        let groups = parse("groups:\n  - [พนักงาน, เจ้าหน้าที่]\n  - [RBM, การบริหารแบบมุ่งผลสัมฤทธิ์]\n");
        assert_eq!(
            groups.ok(),
            Some(vec![
                vec!["พนักงาน".to_string(), "เจ้าหน้าที่".to_string()],
                vec!["RBM".to_string(), "การบริหารแบบมุ่งผลสัมฤทธิ์".to_string()],
            ])
        );
    }

    #[test]
    fn bad_groups_are_errors_at_their_line() {
        let text = "groups:\n  - [พนักงาน, เจ้าหน้าที่]\n  - [ใบปลิว]\n  - [งบ, \"\", งบ]\n";
        let problems = parse(text).err().unwrap_or_default();
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, "a synonym group needs at least two words"),
                (4, "empty word in a synonym group"),
                (4, "\"งบ\" appears twice in this group"),
            ]
        );
    }

    #[test]
    fn unknown_keys_and_national_ids_are_errors() {
        assert!(parse("words: [a, b]\n").is_err());
        let id = parse("groups:\n  - [1103700001239, บัตร]\n")
            .err()
            .unwrap_or_default();
        assert_eq!(id.first().map(|d| d.line), Some(2));
    }
}
