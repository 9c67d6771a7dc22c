//! Thai 13-digit national ID numbers: normalising, checking, formatting and masking, and the
//! one detector that finds an ID written anywhere in text or in a built file.
//!
//! The 13th digit is a check digit: with d1…d12 weighted 13…2, check = (11 − sum mod 11) mod 10.

use std::ops::Range;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::thai::digits;

/// Thai digits become Arabic; dashes and spaces (any Unicode whitespace) are dropped. Other
/// characters are kept so that `problem` can point at them.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .map(digits::arabic_digit)
        .filter(|c| *c != '-' && !c.is_whitespace())
        .collect()
}

/// Why a normalised ID is not acceptable, or None when it is.
pub fn problem(id: &str) -> Option<IdProblem> {
    if let Some(c) = id.chars().find(|c| !c.is_ascii_digit()) {
        return Some(IdProblem::NotADigit(c));
    }
    if id.len() != 13 {
        return Some(IdProblem::Length(id.len()));
    }
    let expected = check_digit(id)?;
    let found = id.as_bytes()[12] - b'0';
    (expected != found).then_some(IdProblem::Checksum { expected, found })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    NotADigit(char),
    Length(usize),
    Checksum { expected: u8, found: u8 },
}

/// The check digit for the first 12 digits of `id` (None if they are not 12 ASCII digits).
pub fn check_digit(id: &str) -> Option<u8> {
    let bytes = id.as_bytes();
    if bytes.len() < 12 || !bytes[..12].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes[..12]
        .iter()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (13 - i as u32))
        .sum();
    Some(((11 - sum % 11) % 10) as u8)
}

pub fn is_valid(id: &str) -> bool {
    problem(&normalize(id)).is_none()
}

/// Digit groups of an ID as printed on the card: 1-4-5-2-1.
const GROUPS: [usize; 5] = [1, 4, 5, 2, 1];

fn grouped(digits: &str) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::with_capacity(17);
    let mut start = 0;
    for (i, len) in GROUPS.iter().enumerate() {
        if i > 0 {
            out.push('-');
        }
        let end = (start + len).min(chars.len());
        out.extend(&chars[start.min(end)..end]);
        start = end;
    }
    out
}

/// `1234567890121` → `1-2345-67890-12-1`. Input may use Thai digits, dashes or spaces; an
/// ID that is not 13 digits is returned normalised but ungrouped.
pub fn format_national_id(id: &str) -> String {
    let id = normalize(id);
    if id.chars().count() != 13 {
        return id;
    }
    grouped(&id)
}

/// `1234567890121` → `1-2345-xxxxx-xx-1`: the first five digits and the check digit stay
/// visible, as on forms that must not show the whole number. Never returns more than six of
/// the input's characters, whatever the input.
pub fn mask_national_id(id: &str) -> String {
    let id: Vec<char> = normalize(id).chars().collect();
    let masked: String = (0..13)
        .map(|i| match id.get(i) {
            Some(c) if i < 5 || (i == 12 && id.len() == 13) => *c,
            _ => 'x',
        })
        .collect();
    grouped(&masked)
}

/// Where an ID may be found: each range covers its digits from the first to the last, in
/// bytes of `text`.
///
/// An ID is 13 digits (Arabic `0-9` or Thai `๐-๙`, mixed) with a valid check digit, written
/// either as one number or in groups split where the card splits them (1-4-5-2-1, or any
/// coarser grouping such as 1-4-5-3 or 5-5-3) or digit by digit. Between groups stand up to
/// three separators: spaces and other Unicode spaces, line breaks, dashes and hyphens, dots,
/// zero-width characters, a Markdown backslash escape of one of those, or an HTML character
/// reference such as `&nbsp;`. A 13-digit stretch inside a longer number is not an ID.
///
/// One pass over the bytes with no allocation per byte: it runs over every page, data file
/// and built file, so it must stay a small part of a build. It works on bytes, so it also
/// reads files that are not UTF-8.
pub fn find_ids(text: &[u8]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut run = Run::default();
    let mut i = 0;
    while let Some(start) = next_digit(text, i) {
        // Most runs of digits are short (years, counts, postings): measure first, and only
        // collect the digits of a run long enough to hold an ID.
        i = match short_run_end(text, start) {
            Some(end) => end,
            None => {
                run.clear();
                let end = scan_run(text, start, &mut run);
                run.ids(&mut found);
                end
            }
        };
    }
    found
}

/// Where a run of digits and separators starting at `start` ends, when it holds fewer than
/// 13 digits (so no ID); `None` for a run long enough to be read closely. One tight loop:
/// most runs are short.
fn short_run_end(text: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut digits = 0;
    let mut separators = 0;
    while let Some(&byte) = text.get(i) {
        let len = if byte.is_ascii_digit() {
            1
        } else if let Some((_, len)) = digit_at(text, i) {
            len
        } else {
            match separator_at(text, i) {
                Some(len) if separators < MAX_SEPARATORS => {
                    separators += 1;
                    i += len;
                    continue;
                }
                _ => return Some(i),
            }
        };
        digits += 1;
        if digits == 13 {
            return None;
        }
        separators = 0;
        i += len;
    }
    Some(i)
}

/// Reads the run of digit groups starting at `start` (groups joined by separators) into
/// `run`; returns where its last digit ends.
fn scan_run(text: &[u8], start: usize, run: &mut Run) -> usize {
    let mut i = start;
    loop {
        let group_start = i;
        let mut size = 0;
        while let Some((value, len)) = digit_at(text, i) {
            run.digits.push(value);
            size += 1;
            i += len;
        }
        run.groups.push(Group {
            bytes: group_start..i,
            size,
        });
        let mut next = i;
        let mut separators = 0;
        while separators < MAX_SEPARATORS {
            match separator_at(text, next) {
                Some(len) => {
                    next += len;
                    separators += 1;
                }
                None => break,
            }
        }
        if separators > 0 && digit_at(text, next).is_some() {
            i = next;
        } else {
            return i;
        }
    }
}

/// Where the next digit starts, at or after `from`. Most text holds no digit for long
/// stretches: those are passed over a block at a time, in a form the compiler vectorises.
fn next_digit(text: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    // Where digits are dense (numbers in tables, search postings) the next one is close.
    let near = text.len().min(from + 8);
    if let Some(at) = (from..near).find(|&at| digit_at(text, at).is_some()) {
        return Some(at);
    }
    let mut i = near;
    // Each block is read with the two bytes after it, so a Thai digit (three bytes) that
    // starts on its last byte is seen.
    while let Some(window) = text.get(i..i + BLOCK + 2) {
        let mut any = 0u8;
        for k in 0..BLOCK {
            let arabic = window[k].wrapping_sub(b'0') < 10;
            let thai = (window[k] == 0xE0)
                & (window[k + 1] == 0xB9)
                & (window[k + 2].wrapping_sub(0x90) < 10);
            any |= u8::from(arabic | thai);
        }
        if any != 0 {
            break;
        }
        i += BLOCK;
    }
    (i..text.len()).find(|&at| digit_at(text, at).is_some())
}

/// Whether `text` holds an ID anywhere.
pub fn contains_id(text: &[u8]) -> bool {
    !find_ids(text).is_empty()
}

/// Separators allowed between two groups of an ID (`1 - 2345` has three).
const MAX_SEPARATORS: usize = 3;

/// Where groups may end, in digits from the start: the card's grouping 1-4-5-2-1.
const CARD_CUTS: [usize; 4] = [1, 5, 10, 12];

#[derive(Default)]
struct Run {
    /// Every digit of the run, as its value.
    digits: Vec<u8>,
    groups: Vec<Group>,
}

struct Group {
    bytes: Range<usize>,
    size: usize,
}

impl Run {
    fn clear(&mut self) {
        self.digits.clear();
        self.groups.clear();
    }

    /// Pushes the byte range of every ID in the run: consecutive groups of 13 digits in all,
    /// grouped as an ID is written, with a valid check digit.
    fn ids(&self, found: &mut Vec<Range<usize>>) {
        if self.digits.len() < 13 {
            return;
        }
        let mut first = 0;
        let mut digit_offset = 0;
        while first < self.groups.len() {
            let mut total = 0;
            let mut grouped_like_the_card = true;
            let mut digit_by_digit = true;
            let mut last = first;
            while last < self.groups.len() && total < 13 {
                total += self.groups[last].size;
                grouped_like_the_card &= total == 13 || CARD_CUTS.contains(&total);
                digit_by_digit &= self.groups[last].size == 1;
                last += 1;
            }
            let digits = self.digits.get(digit_offset..digit_offset + 13);
            if total == 13
                && (grouped_like_the_card || digit_by_digit)
                && digits.is_some_and(has_valid_check_digit)
            {
                found.push(self.groups[first].bytes.start..self.groups[last - 1].bytes.end);
                digit_offset += 13;
                first = last;
                continue;
            }
            digit_offset += self.groups[first].size;
            first += 1;
        }
    }
}

fn has_valid_check_digit(digits: &[u8]) -> bool {
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * (13 - i as u32))
        .sum();
    (11 - sum % 11) % 10 == u32::from(digits[12])
}

/// The value and byte length of an Arabic or Thai digit at `i`.
fn digit_at(text: &[u8], i: usize) -> Option<(u8, usize)> {
    match *text.get(i)? {
        c @ b'0'..=b'9' => Some((c - b'0', 1)),
        // ๐-๙ are U+0E50-U+0E59: E0 B9 90-99.
        0xE0 if text.get(i + 1) == Some(&0xB9) => match text.get(i + 2) {
            Some(c @ 0x90..=0x99) => Some((c - 0x90, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The byte length of one separator at `i`: a character that may stand between the digit
/// groups of an ID as it is typed, escaped or rendered.
fn separator_at(text: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| text.get(i + k).copied();
    match at(0)? {
        b' ' | b'\t' | b'\n' | b'\r' | b'-' | b'.' => Some(1),
        // A Markdown backslash escape: `1\-2345` shows as `1-2345`.
        b'\\' => matches!(at(1), Some(b' ' | b'-' | b'.')).then_some(2),
        b'&' => html_reference_len(text, i),
        // U+00A0 no-break space, U+00AD soft hyphen.
        0xC2 => matches!(at(1), Some(0xA0 | 0xAD)).then_some(2),
        // U+2000-U+2015 spaces, zero-width characters, hyphens and dashes; U+202F narrow
        // no-break space; U+2060 word joiner; U+2212 minus.
        0xE2 => match (at(1)?, at(2)?) {
            (0x80, 0x80..=0x95 | 0xAF) | (0x81, 0xA0) | (0x88, 0x92) => Some(3),
            _ => None,
        },
        // U+3000 ideographic space.
        0xE3 => (at(1) == Some(0x80) && at(2) == Some(0x80)).then_some(3),
        // U+FEFF zero-width no-break space.
        0xEF => (at(1) == Some(0xBB) && at(2) == Some(0xBF)).then_some(3),
        _ => None,
    }
}

/// `&nbsp;`, `&#45;`, `&#x2D;`: the length of an HTML character reference at `i`.
fn html_reference_len(text: &[u8], i: usize) -> Option<usize> {
    let name = text.get(i + 1..)?;
    let len = name
        .iter()
        .take(12)
        .position(|b| *b == b';')
        .filter(|len| *len > 0)?;
    name[..len]
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .then_some(len + 2)
}

/// What the user is told to do with an ID found where it must not be.
pub const MASK_HINT: &str = "write it masked, like 1-2345-xxxxx-xx-1, or leave it out: \
     national ID numbers must never reach the site or a published PDF";

/// One error per ID in `text`, which starts at line `first_line` of `file`, except where
/// `allowed` says the ID at that byte range may stand. The ID itself is never printed.
pub fn check_text(
    text: &str,
    file: &Path,
    first_line: usize,
    allowed: impl Fn(&str, &Range<usize>) -> bool,
) -> Vec<Diagnostic> {
    let mut line = first_line;
    let mut line_start = 0;
    let mut scanned = 0;
    let mut out = Vec::new();
    for id in find_ids(text.as_bytes()) {
        if allowed(text, &id) {
            continue;
        }
        // IDs come in order: count lines from the previous one, so the whole pass is linear.
        for (at, _) in text.as_bytes()[scanned..id.start]
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
        {
            line += 1;
            line_start = scanned + at + 1;
        }
        scanned = id.start;
        let col = text
            .get(line_start..id.start)
            .map_or(0, |s| s.chars().count())
            + 1;
        out.push(
            Diagnostic::error(
                file,
                line,
                col,
                "a national ID number here would be published",
            )
            .with_hint(MASK_HINT),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&str> {
        find_ids(text.as_bytes())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn finds_ids_in_every_spelling() {
        for written in [
            "1103700001239",
            "1-1037-00001-23-9",
            "1 1037 00001 23 9",
            "1.1037.00001.23.9",
            "๑-๑๐๓๗-๐๐๐๐๑-๒๓-๙",
            "๑๑๐๓๗๐๐๐๐๑๒๓๙",
            "1-๑๐๓๗-00001-๒๓-9",
            "1 - 1037 - 00001 - 23 - 9",
            "1-1037-00001-239",
            "11037-00001-239",
            "1 1 0 3 7 0 0 0 0 1 2 3 9",
            "1\u{a0}1037\u{2013}00001\u{200b}23\u{2011}9",
            "1&nbsp;1037&#45;00001-23-9",
            "1\\-1037\\-00001\\-23\\-9",
            "1-1037-\n00001-23-9",
        ] {
            let text = format!("เลข {written} ครับ");
            assert_eq!(ids(&text), vec![written], "{written:?}");
        }
    }

    #[test]
    fn leaves_other_numbers_alone() {
        for text in [
            "1103700001235",     // wrong check digit
            "11037000012390",    // 14 digits
            "21103700001239",    // inside a longer number
            "110-370-000-1239",  // not grouped like an ID
            "1,103,700,001,239", // thousands
            "ปี 2564 จำนวน 185,367 คน",
            "1-1037-xxxxx-xx-9", // masked
            "3.2.1.3",
        ] {
            assert!(ids(text).is_empty(), "{text:?}: {:?}", ids(text));
        }
    }

    #[test]
    fn finds_an_id_next_to_other_numbers() {
        assert_eq!(ids("5 1-1037-00001-23-9 7"), vec!["1-1037-00001-23-9"]);
        assert_eq!(
            ids("1103700001239 1103700001239"),
            vec!["1103700001239", "1103700001239"]
        );
    }

    #[test]
    fn errors_name_line_and_column_but_not_the_id() {
        let text = "title: x\nbody ก 1-1037-00001-23-9\n";
        let found = check_text(text, Path::new("a.md"), 1, |_, _| false);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].col), (2, 8));
        assert!(!found[0].to_string().contains("00001"));
    }

    #[test]
    fn computes_the_check_digit() {
        // 1-1037-00001-23-? : weights 13..2.
        assert_eq!(check_digit("110370000123"), Some(9));
        assert!(problem("1103700001239").is_none());
        assert_eq!(
            problem("1103700001235"),
            Some(IdProblem::Checksum {
                expected: 9,
                found: 5
            })
        );
    }

    #[test]
    fn accepts_thai_digits_dashes_and_spaces() {
        assert_eq!(normalize("๑-๑๐๓๗-๐๐๐๐๑-๒๓-๙"), "1103700001239");
        assert!(is_valid("1 1037 00001 23 9"));
        assert_eq!(problem("11037000012"), Some(IdProblem::Length(11)));
        assert_eq!(problem("11037O0001239"), Some(IdProblem::NotADigit('O')));
    }

    #[test]
    fn formats_and_masks() {
        assert_eq!(format_national_id("1103700001239"), "1-1037-00001-23-9");
        assert_eq!(mask_national_id("๑๑๐๓๗๐๐๐๐๑๒๓๙"), "1-1037-xxxxx-xx-9");
        assert_eq!(mask_national_id("123"), "1-23xx-xxxxx-xx-x");
    }
}
