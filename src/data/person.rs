//! Names of assisted people as publishable copies show them: title, then only the first
//! letter of the given name and of the surname (`นางสาวสมศรี ใจดี` → `นางสาวส… ใ…`).

/// Titles written before the given name, longest first so `นางสาว` is not read as `นาง`.
const TITLES: [&str; 7] = ["นางสาว", "เด็กหญิง", "เด็กชาย", "ด.ญ.", "ด.ช.", "นาง", "นาย"];

pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let title = TITLES
        .iter()
        .find(|t| name.starts_with(**t))
        .copied()
        .unwrap_or("");
    let rest = name[title.len()..].trim_start();
    let initials: Vec<String> = rest
        .split_whitespace()
        .map(|part| {
            // A leading vowel (เ แ โ ใ ไ) is written before its consonant: keep both.
            let keep = if part.starts_with(['เ', 'แ', 'โ', 'ใ', 'ไ']) {
                2
            } else {
                1
            };
            let letters: String = part.chars().take(keep).collect();
            format!("{letters}…")
        })
        .collect();
    format!("{title}{}", initials.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_title_and_initials_only() {
        assert_eq!(mask_name("นางสาวสมศรี ใจดี"), "นางสาวส… ใจ…");
        assert_eq!(mask_name("นายวิชัย ทดสอบสุข"), "นายว… ท…");
        assert_eq!(mask_name("นางละออ สมมติ"), "นางล… ส…");
        assert_eq!(mask_name("Somchai Test"), "S… T…");
    }
}

/// How a form shows the people it lists: masked in every publishable copy, in full only in
/// the official copies written on request under `private/`. PDFs and spreadsheets alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shown {
    Masked,
    Full,
}

impl Shown {
    pub fn id(self, id: &str) -> String {
        match self {
            Shown::Masked => super::national_id::mask_national_id(id),
            Shown::Full => super::national_id::format_national_id(id),
        }
    }

    pub fn name(self, name: &str) -> String {
        match self {
            Shown::Masked => mask_name(name),
            Shown::Full => name.to_string(),
        }
    }
}
