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
    let spellings: Vec<(&'static str, T)> = T::ALL
        .iter()
        .flat_map(|&value| {
            [value.label(), value.code()]
                .into_iter()
                .chain(value.aliases().iter().copied())
                .map(move |spelling| (spelling, value))
        })
        .collect();
    crate::util::nearest(text, spellings.iter().map(|(s, _)| *s))
        .and_then(|best| spellings.iter().find(|(s, _)| *s == best))
        .map(|(_, v)| format!("{} ({})", v.label(), v.code()))
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
    }
}
