//! Thai word segmentation with ICU4X's dictionary segmenter, the same algorithm family the
//! browser's `Intl.Segmenter('th')` uses, so index-time and query-time words agree.

use std::sync::OnceLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

fn segmenter() -> &'static WordSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    SEGMENTER.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// The word-like segments of `text` (letters and numbers; spaces and punctuation dropped),
/// as byte ranges into `text`.
pub fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (end, kind) in segmenter().segment_str(text).iter_with_word_type() {
        if end > start && kind.is_word_like() {
            ranges.push((start, end));
        }
        start = end;
    }
    ranges
}

/// The word-like segments of `text`.
pub fn words(text: &str) -> Vec<&str> {
    word_ranges(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

/// Every segment boundary (byte offsets, including 0 and `text.len()`).
pub fn boundaries(text: &str) -> Vec<usize> {
    segmenter().segment_str(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_unspaced_thai_into_words() {
        let w = words("ศูนย์ประสานงานแรงงานนอกระบบ");
        assert!(w.len() >= 3, "{w:?}");
        assert_eq!(w.concat(), "ศูนย์ประสานงานแรงงานนอกระบบ");
        assert!(w.contains(&"แรงงาน"), "{w:?}");
    }

    #[test]
    fn drops_spaces_and_punctuation() {
        assert_eq!(words("PDCA, และ KM"), vec!["PDCA", "และ", "KM"]);
    }
}
