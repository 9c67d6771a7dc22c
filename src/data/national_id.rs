//! Thai 13-digit national ID numbers: normalising, checking, formatting and masking.
//!
//! The 13th digit is a check digit: with d1…d12 weighted 13…2, check = (11 − sum mod 11) mod 10.

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

#[cfg(test)]
mod tests {
    use super::*;

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
