//! How text becomes index terms. `search-analysis.js` repeats every rule here at query time; the
//! cases in `tests/fixtures/search-analysis.json` hold both sides to the same terms
//! (`search::parity` here, `tests/browser/search-parity.mjs` there).
//!
//! - *runs*: maximal stretches of letters, digits and Thai signs of one script (plus `.` between
//!   digits, so `3.2.1.3` stays whole): Thai, digits and other letters each make their own run,
//!   so `เกณฑ์PMQA` is `เกณฑ์` and `pmqa`, `สป12` is `สป` and `12`. Runs ignore word boundaries,
//!   so they do not depend on a dictionary.
//! - *bigrams*: every pair of neighbouring characters inside a run. A compound, a partial word or
//!   a word with one wrong letter still shares most of its bigrams with the text.
//! - *loose bigrams*: the bigrams of a Thai run's `loose` form (no tone marks, confusable
//!   letters made one) that the run itself does not have, stored as `~` + bigram, so a query
//!   typed without tone marks still finds the page.
//! - *words*: ICU4X dictionary words (the browser uses `Intl.Segmenter('th')`).

use crate::thai;

/// A character that belongs inside a run (JS: `/[\p{Alphabetic}\p{N}\u0E00-\u0E7F]/u`).
pub fn is_run_char(c: char) -> bool {
    // The Thai range first: it is most of the text, and `is_alphanumeric` is a table lookup.
    thai::is_thai(c) || c.is_alphanumeric()
}

/// The script a run character belongs to: a run never mixes two (JS: `scriptOf`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Thai,
    Digit,
    Letter,
}

fn script(c: char) -> Script {
    if thai::is_thai(c) {
        Script::Thai
    } else if c.is_numeric() {
        Script::Digit
    } else {
        Script::Letter
    }
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
            let switches = is_run_char(c)
                && previous.is_some_and(|p| is_run_char(p) && script(p) != script(c));
            if let (true, Some(s)) = (switches, start) {
                found.push(&text[s..at]);
                start = Some(at);
            }
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

/// The bigrams of a Thai run's loose form that the run itself lacks, each once, in order. Empty
/// when the loose form is the run (most runs), so most text costs nothing more.
pub fn loose_bigrams(run: &str) -> Vec<(char, char)> {
    if !thai::normalize::loose_differs(run) {
        return Vec::new();
    }
    let exact: Vec<(char, char)> = bigrams(run).collect();
    let loose = thai::normalize::loose(run);
    let mut found = Vec::new();
    for pair in bigrams(&loose) {
        if !exact.contains(&pair) && !found.contains(&pair) {
            found.push(pair);
        }
    }
    found
}

/// Set in a packed bigram that is a loose bigram (spelt `~` + the two characters).
pub const LOOSE: u64 = 1 << 62;

/// A bigram packed into one number, the key the index is built with.
pub fn pack_bigram((first, second): (char, char)) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// The two characters of a packed bigram, as the index spells it (`~` first for a loose one).
pub fn unpack_bigram(packed: u64) -> String {
    let marker = (packed & LOOSE != 0).then_some('~');
    let pair = [((packed & !LOOSE) >> 32) as u32, packed as u32]
        .into_iter()
        .filter_map(char::from_u32);
    marker.into_iter().chain(pair).collect()
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
            vec!["3.2.1.3", "แรงงานนอกระบบ", "icls", "พศ", "2564"]
        );
    }

    #[test]
    fn runs_split_where_the_script_changes() {
        assert_eq!(runs("เกณฑ์pmqa"), vec!["เกณฑ์", "pmqa"]);
        assert_eq!(runs("ปัจจัย4m"), vec!["ปัจจัย", "4", "m"]);
        assert_eq!(runs("สป12 3.2"), vec!["สป", "12", "3.2"]);
    }

    #[test]
    fn loose_bigrams_are_only_those_the_run_lacks() {
        let got: Vec<String> = loose_bigrams("หน่วย")
            .into_iter()
            .map(|p| unpack_bigram(pack_bigram(p) | LOOSE))
            .collect();
        assert_eq!(got, vec!["~นว"]);
        assert!(loose_bigrams("แรงงาน").is_empty());
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
