//! How text becomes index terms. `search-analysis.js` repeats every rule here at query time; the
//! cases in `tests/fixtures/search-analysis.json` hold both sides to the same terms
//! (`search::parity` here, `tests/browser/search-parity.mjs` there).
//!
//! - *runs*: maximal stretches of letters, digits and Thai signs (plus `.` between digits, so
//!   `3.2.1.3` stays whole). Runs ignore word boundaries, so they do not depend on a dictionary.
//! - *bigrams*: every pair of neighbouring characters inside a run. A compound, a partial word or
//!   a word with one wrong letter still shares most of its bigrams with the text.
//! - *words*: ICU4X dictionary words (the browser uses `Intl.Segmenter('th')`).

use crate::thai;

/// A character that belongs inside a run (JS: `/[\p{Alphabetic}\p{N}\u0E00-\u0E7F]/u`).
pub fn is_run_char(c: char) -> bool {
    // The Thai range first: it is most of the text, and `is_alphanumeric` is a table lookup.
    thai::is_thai(c) || c.is_alphanumeric()
}

/// The runs of already normalised `text`, in order.
pub fn runs(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let between_digits = c == '.'
            && previous.is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|n| n.1.is_ascii_digit());
        if is_run_char(c) || (between_digits && start.is_some()) {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            found.push(&text[s..at]);
        }
        previous = Some(c);
    }
    if let Some(s) = start {
        found.push(&text[s..]);
    }
    found
}

/// The character bigrams of one run (none for a single character), as pairs.
pub fn bigrams(run: &str) -> impl Iterator<Item = (char, char)> + '_ {
    run.chars().zip(run.chars().skip(1))
}

/// A bigram packed into one number, the key the index is built with.
pub fn pack_bigram((first, second): (char, char)) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// The two characters of a packed bigram, as the index spells it.
pub fn unpack_bigram(packed: u64) -> String {
    [(packed >> 32) as u32, packed as u32]
        .into_iter()
        .filter_map(char::from_u32)
        .collect()
}

/// FNV-1a over code points; decides which shard holds a term (`search-analysis.js`: `hashTerm`).
pub fn shard_hash(term: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for c in term.chars() {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Drops every national ID (`crate::data::national_id::find_ids`, the detector every other check
/// uses) so that one never reaches the index, whatever a page says.
pub fn without_national_ids(text: &str) -> String {
    let ids = crate::data::national_id::find_ids(text.as_bytes());
    if ids.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for id in ids {
        // The detector's ranges start and end at digits, so at character boundaries.
        out.push_str(text.get(last..id.start).unwrap_or(""));
        last = id.end;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::thai::normalize::for_search;

    #[test]
    fn runs_keep_dotted_numbers_and_split_at_spaces_and_punctuation() {
        let text = for_search("๓.๒.๑.๓ แรงงานนอกระบบ (ICLS), พ.ศ. ๒๕๖๔");
        assert_eq!(
            runs(&text),
            vec!["3.2.1.3", "แรงงานนอกระบบ", "icls", "พ", "ศ", "2564"]
        );
    }

    #[test]
    fn thai_tone_marks_stay_inside_runs() {
        assert_eq!(runs("ผู้ว่าราชการ"), vec!["ผู้ว่าราชการ"]);
    }

    #[test]
    fn bigrams_of_a_run() {
        let got: Vec<String> = bigrams("แรง")
            .map(|pair| unpack_bigram(pack_bigram(pair)))
            .collect();
        assert_eq!(got, vec!["แร", "รง"]);
        assert_eq!(bigrams("ก").count(), 0);
    }

    #[test]
    fn shard_hash_is_fnv1a_over_code_points() {
        // Same value search-analysis.js computes for "a": FNV-1a 32 of one code point 0x61.
        assert_eq!(shard_hash("a"), 0xe40c292c);
        assert_ne!(shard_hash("แร"), shard_hash("รแ"));
    }

    #[test]
    fn national_ids_are_dropped_other_numbers_kept() {
        assert_eq!(without_national_ids("id 1103700001239 ok"), "id  ok");
        assert_eq!(without_national_ids("id ๑-๑๐๓๗-๐๐๐๐๑-๒๓-๙ ok"), "id  ok");
        assert_eq!(without_national_ids("185367 คน ปี 2564"), "185367 คน ปี 2564");
        assert_eq!(without_national_ids("12345678901234"), "12345678901234");
    }
}
