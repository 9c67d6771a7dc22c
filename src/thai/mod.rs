//! Thai text: numerals, Buddhist-era dates, word segmentation and search normalisation.
//! Shared by the HTML, search and PDF renderers so all three treat Thai the same way.

pub mod dates;
pub mod digits;
pub mod normalize;
pub mod segment;

/// True for a character of the Thai block (consonants, vowels, tone marks, digits, signs).
pub fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}
