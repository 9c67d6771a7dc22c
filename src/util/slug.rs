//! Heading anchors that keep Thai letters: `## ขั้นตอนที่ 1 การรับสมัคร` → `ขั้นตอนที่-1-การรับสมัคร`.

use std::collections::HashMap;

/// Lower-cases Latin, keeps letters, digits and every Thai character (vowel and tone marks
/// are not "alphanumeric" to Unicode, but dropping them would garble the word), turns runs
/// of spaces and dashes into one `-` and drops other punctuation.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::thai::is_thai(c) || c.is_alphanumeric() || c == '_' {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '.')
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
    }
    let trimmed = slug.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A part of an output file's name made only of safe characters (a unit's id comes from a
/// folder name): the PDFs and the spreadsheets of one unit-month share it.
pub fn file_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Hands out anchors unique within one page: the second `ขั้นตอน` becomes `ขั้นตอน-1`.
#[derive(Default)]
pub struct UniqueSlugs {
    seen: HashMap<String, usize>,
}

impl UniqueSlugs {
    pub fn claim(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{wanted}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_thai_marks_and_drops_punctuation() {
        assert_eq!(slugify("ขั้นตอนที่ 1: การรับสมัคร"), "ขั้นตอนที่-1-การรับสมัคร");
        assert_eq!(slugify("PDCA (Plan-Do)"), "pdca-plan-do");
        assert_eq!(slugify("๔.๑ สรรหา"), "๔-๑-สรรหา");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn makes_duplicates_unique() {
        let mut slugs = UniqueSlugs::default();
        assert_eq!(slugs.claim("a".into()), "a");
        assert_eq!(slugs.claim("a".into()), "a-1");
        assert_eq!(slugs.claim("a".into()), "a-2");
        assert_eq!(slugs.claim("a-1".into()), "a-1-1");
    }
}
