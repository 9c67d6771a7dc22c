//! Thai digits ๐-๙ and Arabic digits are the same number to a reader.

const THAI_ZERO: u32 = 0x0E50;

/// `2564` → `๒๕๖๔`; other characters pass through.
pub fn to_thai(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(THAI_ZERO + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// `๒๕๖๔` → `2564`; other characters pass through.
pub fn to_arabic(text: &str) -> String {
    text.chars().map(arabic_digit).collect()
}

/// The Arabic digit for a Thai digit; any other character unchanged.
pub fn arabic_digit(c: char) -> char {
    let code = c as u32;
    if (THAI_ZERO..THAI_ZERO + 10).contains(&code) {
        char::from(b'0' + (code - THAI_ZERO) as u8)
    } else {
        c
    }
}

/// `185367` → `185,367` (grouping as Thai official documents print figures).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_between_thai_and_arabic() {
        assert_eq!(to_thai("พ.ศ. 2564"), "พ.ศ. ๒๕๖๔");
        assert_eq!(to_arabic("๓.๒.๑.๓"), "3.2.1.3");
        assert_eq!(to_arabic(&to_thai("0123456789")), "0123456789");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(185367), "185,367");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000000), "1,000,000");
    }
}
