//! The normalisation search applies to both the index and the query: NFC, Thai digits to
//! Arabic, no zero-width characters, the decomposed sara am composed, Latin lower-cased, `,`
//! between digits dropped (`185,367` = `185367`) and `.` between two Thai letters dropped, so a
//! dotted abbreviation is the same with and without its dots (`ก.พ.ร.` = `กพร.`). `loose` is the
//! secondary, forgiving form: no tone marks, and letters people confuse on a phone made one.
//! The browser does the same steps in `search-analysis.js`;
//! `tests/fixtures/search-analysis.json` holds both to the same cases.

use icu_normalizer::ComposingNormalizerBorrowed;

/// Characters that are invisible and must not split or change a word.
fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

pub fn for_search(text: &str) -> String {
    let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(text);
    let mut out = String::with_capacity(nfc.len());
    let mut chars = nfc.chars().filter(|c| !is_zero_width(*c)).peekable();
    while let Some(c) = chars.next() {
        let c = super::digits::arabic_digit(c);
        match c {
            // nikhahit + sara aa, as typed on some keyboards, is sara am.
            '\u{0E4D}' if chars.peek() == Some(&'\u{0E32}') => {
                out.push('\u{0E33}');
                chars.next();
            }
            // ก.พ.ร. → กพร.: a dot between Thai letters only ever abbreviates.
            '.' if out.ends_with(super::is_thai)
                && chars.peek().is_some_and(|n| {
                    super::is_thai(*n) && !super::digits::arabic_digit(*n).is_ascii_digit()
                }) => {}
            ',' if out.ends_with(|p: char| p.is_ascii_digit())
                && chars
                    .peek()
                    .is_some_and(|n| super::digits::arabic_digit(*n).is_ascii_digit()) => {}
            // Thai has no case; ASCII needs no table.
            _ if super::is_thai(c) => out.push(c),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// What `loose` does to one character of normalised text: `None` drops it.
fn loose_char(c: char) -> Option<char> {
    match c {
        // mai ek, mai tho, mai tri, mai chattawa, mai taikhu, thanthakhat
        '\u{0E48}'..='\u{0E4B}' | '\u{0E47}' | '\u{0E4C}' => None,
        'ใ' => Some('ไ'),
        'ี' => Some('ิ'),
        'ื' => Some('ึ'),
        'ู' => Some('ุ'),
        'ณ' => Some('น'),
        'ฎ' => Some('ฏ'),
        'ศ' | 'ษ' => Some('ส'),
        _ => Some(c),
    }
}

/// The forgiving form of normalised text (search-analysis.js `loose`): tone marks, mai taikhu
/// and thanthakhat left out, and ใ/ไ, long/short ี ื ู, ณ/น, ฎ/ฏ and ศ ษ/ส made one, as
/// people type them on a phone. Indexed beside the text at a lower weight.
pub fn loose(normal: &str) -> String {
    normal.chars().filter_map(loose_char).collect()
}

/// Whether `loose` changes `normal`.
pub fn loose_differs(normal: &str) -> bool {
    normal.chars().any(|c| loose_char(c) != Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_digits_case_and_invisible_characters() {
        assert_eq!(for_search("๒๕๖๔"), "2564");
        assert_eq!(for_search("PMQA"), "pmqa");
        assert_eq!(for_search("แรง\u{200B}งาน"), "แรงงาน");
        assert_eq!(for_search("185,367 คน"), "185367 คน");
        assert_eq!(for_search("a, b"), "a, b");
        assert_eq!(for_search("ท\u{0E4D}\u{0E32}งาน"), "ทำงาน");
    }

    #[test]
    fn dotted_thai_abbreviations_lose_their_inner_dots() {
        assert_eq!(for_search("ก.พ.ร."), "กพร.");
        assert_eq!(for_search("พ.ร.บ. ม.๔๐"), "พรบ. ม.40");
        assert_eq!(for_search("สนบ.๒ ๓.๒"), "สนบ.2 3.2");
    }

    #[test]
    fn loose_form_forgets_tone_marks_and_confusable_letters() {
        assert_eq!(loose("ข้อผิดพลาดที่พบบ่อย"), "ขอผิดพลาดทิพบบอย");
        assert_eq!(loose("ใหม่"), loose("ไหม"));
        assert_eq!(loose("คุณภาพ"), "คุนภาพ");
        assert!(!loose_differs("แรงงาน"));
    }
}
