//! Thai line breaking under our control. Typst finds Thai break points with its own LSTM
//! model, which breaks inside words and costs more than the rest of the layout. We segment
//! Thai with the same dictionary segmenter the search uses and mark each place a line may
//! break with U+200B ZERO WIDTH SPACE; the templates set the text in language "zh", for which
//! Typst uses its segmenter without the Thai model, so Thai letters never break among
//! themselves and lines end only at our marks (and at spaces and punctuation). Short
//! connective words stay with the word after them so no line ends on one.
//!
//! (A Typst `box` around each word did the same, but an element per word made the book's
//! layout cost several times that of plain text, and Typst still ran its model inside
//! every box.)

use crate::thai::{is_thai, segment};

/// Words that must not end a line: connectives and the noun-forming การ/ความ belong with
/// the word that follows.
const CONNECTIVES: [&str; 26] = [
    "การ",
    "ความ",
    "ที่",
    "และ",
    "หรือ",
    "ใน",
    "ของ",
    "แต่",
    "ซึ่ง",
    "กับ",
    "จาก",
    "เพื่อ",
    "โดย",
    "แก่",
    "ต่อ",
    "ตาม",
    "ว่า",
    "คือ",
    "จึง",
    "หาก",
    "ถ้า",
    "เมื่อ",
    "ด้วย",
    "อัน",
    "แห่ง",
    "ให้",
];

/// Signs that belong to the word before them (repetition mark, abbreviation mark).
fn attaches_to_previous(segment: &str) -> bool {
    segment.starts_with('ๆ') || segment.starts_with('ฯ')
}

/// Where a line may break between two Thai words: invisible, and not a space.
pub const BREAK: char = '\u{200B}';

/// Writes `text` through `write` with a `BREAK` wherever a Thai word group meets another
/// word group or a letter or digit: everywhere else a line may already break (spaces,
/// punctuation).
pub fn write_with_breaks(text: &str, out: &mut String, write: impl Fn(&str, &mut String)) {
    let mut after_word = false;
    for piece in pieces(text) {
        match piece {
            Piece::Free(s) => {
                if after_word && s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    out.push(BREAK);
                }
                write(s, out);
                after_word = false;
            }
            Piece::Unbreakable(s) => {
                let joins_free = out.ends_with(|c: char| c.is_ascii_alphanumeric());
                if after_word || joins_free {
                    out.push(BREAK);
                }
                write(s, out);
                after_word = true;
            }
        }
    }
}

/// `text` with a `BREAK` at every place a line may end inside it.
pub fn with_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    write_with_breaks(text, &mut out, |s, out| out.push_str(s));
    out
}

/// One piece of text as it will be laid out: either a run Typst may break freely (spaces,
/// Latin, punctuation) or a group of Thai words that must stay on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Free(&'a str),
    Unbreakable(&'a str),
}

/// Splits `text` into pieces: each Thai word (with a following ๆ/ฯ, and with any connective
/// words before it) becomes one `Unbreakable` piece.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    if !text.chars().any(is_thai) {
        return vec![Piece::Free(text)];
    }
    let segments: Vec<(usize, usize)> = segment::boundaries(text)
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|(start, end)| start < end)
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut index = 0;
    while index < segments.len() {
        let (start, end) = segments[index];
        let seg = &text[start..end];
        let thai = seg.chars().any(is_thai);
        let next_is_thai = || {
            segments
                .get(index + 1)
                .is_some_and(|&(s, e)| text[s..e].chars().any(is_thai))
        };
        match groups.last_mut() {
            Some(last)
                if thai
                    && last.thai
                    && (attaches_to_previous(seg) || last.ends_with_connective) =>
            {
                last.end = end;
                last.ends_with_connective = CONNECTIVES.contains(&seg);
            }
            // "คน ๆ" and "และ ข้อมูล": the space goes into the word group before it.
            Some(last)
                if last.thai
                    && seg == " "
                    && next_is_thai()
                    && (last.ends_with_connective
                        || segments
                            .get(index + 1)
                            .is_some_and(|&(s, e)| attaches_to_previous(&text[s..e]))) =>
            {
                last.end = end;
                last.ends_with_connective = true;
            }
            _ => groups.push(Group {
                start,
                end,
                thai,
                ends_with_connective: thai && CONNECTIVES.contains(&seg),
            }),
        }
        index += 1;
    }
    let mut out: Vec<Piece<'_>> = Vec::new();
    let mut free_start: Option<usize> = None;
    for group in &groups {
        if group.thai {
            if let Some(s) = free_start.take() {
                out.push(Piece::Free(&text[s..group.start]));
            }
            out.push(Piece::Unbreakable(&text[group.start..group.end]));
        } else if free_start.is_none() {
            free_start = Some(group.start);
        }
    }
    if let Some(s) = free_start {
        out.push(Piece::Free(&text[s..]));
    }
    out
}

struct Group {
    start: usize,
    end: usize,
    thai: bool,
    /// The group's last word is a connective, so the next word joins it.
    ends_with_connective: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbreakable<'a>(pieces: &[Piece<'a>]) -> Vec<&'a str> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Unbreakable(s) => Some(*s),
                Piece::Free(_) => None,
            })
            .collect()
    }

    #[test]
    fn latin_text_is_one_free_piece() {
        assert_eq!(pieces("PDCA cycle"), vec![Piece::Free("PDCA cycle")]);
    }

    #[test]
    fn pieces_cover_the_text_exactly() {
        let text = "ศูนย์ประสานงานแรงงานนอกระบบ (ภาคประชาชน) และ PDCA ของจังหวัด คน ๆ";
        let joined: String = pieces(text)
            .iter()
            .map(|p| match p {
                Piece::Free(s) | Piece::Unbreakable(s) => *s,
            })
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn thai_words_are_separate_unbreakable_pieces() {
        let p = pieces("ศูนย์ประสานงานแรงงาน");
        let words = unbreakable(&p);
        assert!(words.len() >= 2, "{words:?}");
        assert!(words.contains(&"แรงงาน"), "{words:?}");
    }

    #[test]
    fn connective_words_stay_with_the_next_word() {
        let p = pieces("ข้อมูลของแรงงานที่ได้รับ");
        let words = unbreakable(&p);
        assert!(words.iter().all(|w| !CONNECTIVES.contains(w)), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("ของ")), "{words:?}");
    }

    #[test]
    fn connective_before_a_space_keeps_the_next_word() {
        let p = pieces("ฝึกอาชีพ และ ประกันสังคม");
        let words = unbreakable(&p);
        assert!(words.iter().any(|w| w.starts_with("และ ")), "{words:?}");
    }

    #[test]
    fn breaks_fall_only_between_word_groups() {
        let marked = with_breaks("ข้อมูลของแรงงาน PDCA ศูนย์ประสานงาน");
        assert_eq!(marked.replace(BREAK, ""), "ข้อมูลของแรงงาน PDCA ศูนย์ประสานงาน");
        let words: Vec<&str> = marked.split([BREAK, ' ']).collect();
        assert!(words.contains(&"ข้อมูล"), "{words:?}");
        assert!(words.contains(&"ของแรงงาน"), "{words:?}");
        assert!(words.contains(&"PDCA"), "{words:?}");
        // Latin and Thai letters that touch get a break between them, as a box gave.
        assert_eq!(with_breaks("PDCAของ").matches(BREAK).count(), 1);
    }

    #[test]
    fn repetition_mark_stays_with_its_word() {
        let words = unbreakable(&pieces("ต่างๆ"));
        assert!(
            words
                .iter()
                .any(|w| w.ends_with('ๆ') && w.chars().count() > 1),
            "{words:?}"
        );
    }
}
