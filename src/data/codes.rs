//! Reading enum values written by Thai label or English code, and suggesting the nearest valid
//! one when a value is misspelled.

use super::model::Coded;

/// The value `text` names, comparing trimmed text; English codes ignore case.
pub fn parse<T: Coded>(text: &str) -> Option<T> {
    let text = text.trim();
    T::ALL.iter().copied().find(|v| {
        v.label() == text || v.code().eq_ignore_ascii_case(text) || v.aliases().contains(&text)
    })
}

/// The valid spelling closest to `text` (labels, codes and aliases), shown as
/// `label (code)`.
pub fn nearest<T: Coded>(text: &str) -> String {
    let text = text.trim().to_lowercase();
    let mut best: Option<(usize, T)> = None;
    for value in T::ALL.iter().copied() {
        let spellings = [value.label(), value.code()]
            .into_iter()
            .chain(value.aliases().iter().copied());
        for spelling in spellings {
            let distance = edit_distance(&text, &spelling.to_lowercase());
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, value));
            }
        }
    }
    best.map(|(_, v)| format!("{} ({})", v.label(), v.code()))
        .unwrap_or_default()
}

/// Every valid value as `label (code)`, for hints.
pub fn choices<T: Coded>() -> String {
    T::ALL
        .iter()
        .map(|v| format!("{} ({})", v.label(), v.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Levenshtein distance over characters (Thai combining marks count as characters, which is
/// what a typist's slip changes).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{AssistanceType, WorkerType};

    #[test]
    fn accepts_labels_codes_and_aliases() {
        assert_eq!(
            parse::<AssistanceType>(" คุ้มครอง "),
            Some(AssistanceType::Protect)
        );
        assert_eq!(
            parse::<AssistanceType>("Watch"),
            Some(AssistanceType::Watch)
        );
        assert_eq!(
            parse::<WorkerType>("แรงงานสูงอายุ"),
            Some(WorkerType::Elderly)
        );
        assert_eq!(parse::<WorkerType>("retired"), None);
    }

    #[test]
    fn suggests_the_nearest_spelling() {
        assert_eq!(nearest::<AssistanceType>("คุ้มคอง"), "คุ้มครอง (protect)");
        assert_eq!(nearest::<AssistanceType>("promot"), "ส่งเสริม (promote)");
        assert_eq!(nearest::<WorkerType>("คนพิกา"), "คนพิการ (disabled)");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
