//! Where each kind of data file lives under `data/`:
//!
//! ```text
//! data/org.yaml
//! data/reports/<fiscal year>/sp12/<unit id>/<MM>.yaml
//! data/reports/<fiscal year>/snb2/<MM>.yaml
//! data/targets/<fiscal year>.yaml
//! data/competency/plan.yaml
//! data/competency/staff.yaml
//! ```
//!
//! Report folders are named by the fiscal year (B.E.), so `reports/2564/` holds October 2563
//! to September 2564: one folder per year of results, as offices file them.

use std::path::Path;

/// Files under `data/` that belong to other parts of khumue.
pub const NOT_REPORT_DATA: [&str; 3] = ["site.yaml", "glossary.yaml", "synonyms.yaml"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    Org,
    Sp12 {
        fiscal_year: Option<i32>,
        unit: String,
        file_month: Option<u32>,
    },
    Snb2 {
        fiscal_year: Option<i32>,
        file_month: Option<u32>,
    },
    Targets {
        fiscal_year: Option<i32>,
    },
    Plan,
    Staff,
    Unknown,
}

/// Classifies `rel`, a path relative to the project root (`data/...`).
pub fn classify(rel: &Path) -> FileKind {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["data", "org.yaml"] => FileKind::Org,
        ["data", "reports", year, "sp12", unit, file] => FileKind::Sp12 {
            fiscal_year: number(year),
            unit: (*unit).to_string(),
            file_month: stem_number(file),
        },
        ["data", "reports", year, "snb2", file] => FileKind::Snb2 {
            fiscal_year: number(year),
            file_month: stem_number(file),
        },
        ["data", "targets", file] => FileKind::Targets {
            fiscal_year: stem_number(file).map(|n| n as i32),
        },
        ["data", "competency", "plan.yaml"] => FileKind::Plan,
        ["data", "competency", "staff.yaml"] => FileKind::Staff,
        _ => FileKind::Unknown,
    }
}

fn number(text: &str) -> Option<i32> {
    text.parse().ok()
}

fn stem_number(file: &str) -> Option<u32> {
    file.strip_suffix(".yaml")
        .or_else(|| file.strip_suffix(".yml"))?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_report_paths() {
        assert_eq!(
            classify(Path::new("data/reports/2564/sp12/klong-niyom/10.yaml")),
            FileKind::Sp12 {
                fiscal_year: Some(2564),
                unit: "klong-niyom".into(),
                file_month: Some(10)
            }
        );
        assert_eq!(
            classify(Path::new("data/reports/2564/snb2/01.yaml")),
            FileKind::Snb2 {
                fiscal_year: Some(2564),
                file_month: Some(1)
            }
        );
        assert_eq!(
            classify(Path::new("data/targets/2564.yaml")),
            FileKind::Targets {
                fiscal_year: Some(2564)
            }
        );
        assert_eq!(classify(Path::new("data/notes.yaml")), FileKind::Unknown);
    }
}
