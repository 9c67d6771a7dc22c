//! The normalisation search applies to both the index and the query: NFC, Thai digits to
//! Arabic, no zero-width characters, the decomposed sara am composed, Latin lower-cased, and `,`
//! between digits dropped (`185,367` = `185367`). The browser does the same steps in
//! `search-analysis.js`; `tests/fixtures/search-analysis.json` holds both to the same cases.

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
}
