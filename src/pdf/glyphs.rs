//! Characters the theme's fonts can show. Typst draws a character that no font has as an
//! empty box, and the archival PDFs (PDF/A) refuse it outright: one stray letter of another
//! script — a Lao vowel typed for a Thai one, a slip of OCR — failed a whole book. Text
//! bound for a PDF is checked here first: each character no font has is shown as a
//! replacement mark, and the build warns at the Markdown line.
//!
//! The same fonts give the widths of text (`Glyphs::advance`), from which the Markdown
//! converter sizes table columns without Typst measuring every cell.

use std::collections::HashSet;

use typst::layout::Abs;
use typst::text::{Font, FontFlags, FontInstance, FontStyle, FontVariations};

/// The characters some font of the theme has a glyph for.
pub struct Glyphs {
    /// One bit per character of the Basic Multilingual Plane.
    basic: Vec<u64>,
    /// Covered characters above it.
    astral: HashSet<u32>,
    /// What stands in for a character no font has.
    replacement: char,
    /// The fonts text is set in, in the order each face tries them (see `Face`).
    regular: Vec<FontInstance>,
    bold: Vec<FontInstance>,
    italic: Vec<FontInstance>,
    bold_italic: Vec<FontInstance>,
    mono: Vec<FontInstance>,
}

/// The faces Markdown text is set in: the text font's (`#strong`, `#emph`) and code's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Face {
    #[default]
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
}

const BASIC: u32 = 0x1_0000;

/// A character the fonts lack, and where it was in the Markdown (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unshown {
    pub line: usize,
    pub col: usize,
    pub character: char,
}

impl Glyphs {
    pub fn new(fonts: &[Font]) -> Glyphs {
        let mut basic = vec![0u64; (BASIC / 64) as usize];
        let mut astral = HashSet::new();
        for font in fonts {
            for c in font.info().coverage.iter() {
                if c < BASIC {
                    basic[(c / 64) as usize] |= 1 << (c % 64);
                } else {
                    astral.insert(c);
                }
            }
        }
        let order = |bold: bool, italic: bool| face_order(fonts, false, bold, italic);
        let mut glyphs = Glyphs {
            basic,
            astral,
            replacement: '?',
            regular: order(false, false),
            bold: order(true, false),
            italic: order(false, true),
            bold_italic: order(true, true),
            mono: face_order(fonts, true, false, false),
        };
        // The replacement character, or a white square, or a question mark.
        glyphs.replacement = ['\u{FFFD}', '\u{25A1}', '?']
            .into_iter()
            .find(|&c| glyphs.has(c))
            .unwrap_or('?');
        glyphs
    }

    /// Whether the fonts have `c`.
    fn has(&self, c: char) -> bool {
        let code = u32::from(c);
        match self.basic.get((code / 64) as usize) {
            Some(word) => word & (1 << (code % 64)) != 0,
            None => self.astral.contains(&code),
        }
    }

    /// Whether `c` appears in a PDF without a glyph of its own being needed or with one the
    /// fonts have: spaces and control characters (never drawn) and invisible format
    /// characters (joiners, marks of direction, variation selectors) need none.
    pub fn shows(&self, c: char) -> bool {
        c.is_ascii() || self.has(c) || c.is_whitespace() || c.is_control() || invisible(c)
    }

    /// `text` with every character the fonts lack replaced; each is pushed onto `unshown`
    /// with its byte offset, counted from `offset`.
    pub fn displayable<'t>(
        &self,
        text: &'t str,
        offset: usize,
        unshown: &mut Vec<(usize, char)>,
    ) -> std::borrow::Cow<'t, str> {
        if text.chars().all(|c| self.shows(c)) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for (index, c) in text.char_indices() {
            if self.shows(c) {
                out.push(c);
            } else {
                unshown.push((offset + index, c));
                out.push(self.replacement);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    pub fn replacement(&self) -> char {
        self.replacement
    }

    /// The width of `c` in `face`, in em: the advance of the first font of the face that has
    /// it. Marks set above or below a letter (Thai vowels and tone marks) and invisible
    /// characters take no room; a character no font has is as wide as the replacement mark.
    pub fn advance(&self, c: char, face: Face) -> f32 {
        if combining(c) || invisible(c) || c.is_control() {
            return 0.0;
        }
        let fonts = match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
            Face::BoldItalic => &self.bold_italic,
            Face::Mono => &self.mono,
        };
        let c = if self.has(c) || c.is_whitespace() {
            c
        } else {
            self.replacement
        };
        fonts
            .iter()
            .find_map(|font| {
                let glyph = font.ttf().glyph_index(c)?;
                font.x_advance(glyph.0).map(|em| em.get() as f32)
            })
            // No font has it (a space some font lacks): half an em.
            .unwrap_or(0.5)
    }
}

/// Fonts in the order Typst tries them for a face: the theme's text font (the family of the
/// first proportional font with Thai letters) or its monospace font, in the weight and style
/// nearest the face's, then the text font, then every other font (Typst's fallback).
fn face_order(fonts: &[Font], mono: bool, bold: bool, italic: bool) -> Vec<FontInstance> {
    let is_mono = |font: &Font| font.info().flags.contains(FontFlags::MONOSPACE);
    let text_family = fonts
        .iter()
        .find(|f| !is_mono(f) && f.info().coverage.contains(u32::from('ก')))
        .or_else(|| fonts.iter().find(|f| !is_mono(f)))
        .map(|f| f.info().family.clone());
    let in_text_family = |f: &Font| Some(&f.info().family) == text_family.as_ref();
    // How far a font is from the face wanted: its style first, then its weight.
    let distance = |f: &Font| {
        let variant = f.info().variant;
        let slanted = variant.style != FontStyle::Normal;
        let weight = variant.weight.to_number();
        let wanted: u16 = if bold { 700 } else { 400 };
        (u16::from(slanted != italic), weight.abs_diff(wanted))
    };
    let best = |candidates: Vec<&Font>| candidates.into_iter().min_by_key(|f| distance(f)).cloned();
    let first = match mono {
        true => best(fonts.iter().filter(|f| is_mono(f)).collect()),
        false => best(fonts.iter().filter(|f| in_text_family(f)).collect()),
    };
    let text = best(fonts.iter().filter(|f| in_text_family(f)).collect());
    let mut order: Vec<Font> = first.into_iter().chain(text).collect();
    for font in fonts {
        if !order.contains(font) {
            order.push(font.clone());
        }
    }
    // Advances do not depend on the size: any size gives the instance its metrics.
    order
        .into_iter()
        .map(|font| {
            let variant = font.info().variant;
            font.instantiate(variant, Abs::pt(12.0), &FontVariations::default())
        })
        .collect()
}

/// Marks that combine with the letter before them and have no advance of their own: Thai
/// vowels above and below, tone marks, and the general combining diacritics.
fn combining(c: char) -> bool {
    matches!(u32::from(c), 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0300..=0x036F)
}

/// Unicode's default-ignorable characters: shaped as nothing, whatever the font.
fn invisible(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs() -> Glyphs {
        Glyphs::new(&super::super::engine::theme_fonts(
            &crate::theme::Theme::built_in(),
        ))
    }

    #[test]
    fn thai_and_latin_are_shown_and_other_scripts_replaced() {
        let glyphs = glyphs();
        let mut unshown = Vec::new();
        let text = "คุ้มครอง PDCA ๑๒";
        assert_eq!(glyphs.displayable(text, 0, &mut unshown), text);
        assert!(unshown.is_empty());
        // Lao letters typed into a Thai word, and Devanagari.
        let text = "คຸ້ມครอง नमा";
        let shown = glyphs.displayable(text, 10, &mut unshown);
        assert_eq!(unshown.len(), 6, "{unshown:?}");
        assert_eq!(unshown[0], (10 + "ค".len(), 'ຸ'));
        assert!(shown.starts_with('ค') && shown.contains("ครอง "), "{shown}");
        assert_eq!(shown.matches(glyphs.replacement()).count(), 6, "{shown}");
        assert!(glyphs.shows(glyphs.replacement()));
    }

    #[test]
    fn invisible_characters_need_no_glyph() {
        let glyphs = glyphs();
        for c in [
            '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{FE0F}', '\n', '\u{a0}',
        ] {
            assert!(glyphs.shows(c), "{c:?}");
        }
    }
}
