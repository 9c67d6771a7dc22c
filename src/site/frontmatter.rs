//! Page front matter: the YAML block between `---` lines at the top of a Markdown file.

use std::fmt;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::thai::dates;
use crate::yaml;

/// An `updated` year from here on was typed in the Buddhist era (C.E. 2400 is 543 years away).
const BUDDHIST_ERA_FROM: i32 = 2400;

/// Who a page is written for; `audience:` in front matter, by code or Thai label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Audience {
    #[serde(rename = "new-staff", alias = "เจ้าหน้าที่ใหม่")]
    NewStaff,
    #[serde(rename = "experienced-staff", alias = "เจ้าหน้าที่ที่มีประสบการณ์")]
    ExperiencedStaff,
    #[serde(rename = "supervisor", alias = "หัวหน้างาน")]
    Supervisor,
    #[serde(rename = "executive", alias = "ผู้บริหาร")]
    Executive,
    #[serde(rename = "volunteer", alias = "อาสาสมัครแรงงาน")]
    Volunteer,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::NewStaff,
        Audience::ExperiencedStaff,
        Audience::Supervisor,
        Audience::Executive,
        Audience::Volunteer,
    ];

    /// The roles a competency course may be meant for (Table 1's columns).
    pub const COURSE_GROUPS: [Audience; 4] = [
        Audience::NewStaff,
        Audience::ExperiencedStaff,
        Audience::Supervisor,
        Audience::Executive,
    ];

    /// The role as Table 1 names it (`บุคลากรบรรจุใหม่`).
    pub fn course_label(self) -> &'static str {
        match self {
            Audience::NewStaff => "บุคลากรบรรจุใหม่",
            Audience::ExperiencedStaff => "ผู้มีประสบการณ์/เชี่ยวชาญ",
            Audience::Supervisor => "หัวหน้างาน",
            Audience::Executive => "ผู้บริหาร",
            Audience::Volunteer => "อาสาสมัครแรงงาน",
        }
    }

    /// The role's group in the competency plan; volunteers have none.
    pub fn target_group(self) -> Option<Audience> {
        (self != Audience::Volunteer).then_some(self)
    }

    pub fn code(self) -> &'static str {
        match self {
            Audience::NewStaff => "new-staff",
            Audience::ExperiencedStaff => "experienced-staff",
            Audience::Supervisor => "supervisor",
            Audience::Executive => "executive",
            Audience::Volunteer => "volunteer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::NewStaff => "เจ้าหน้าที่ใหม่",
            Audience::ExperiencedStaff => "เจ้าหน้าที่ที่มีประสบการณ์",
            Audience::Supervisor => "หัวหน้างาน",
            Audience::Executive => "ผู้บริหาร",
            Audience::Volunteer => "อาสาสมัครแรงงาน",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub updated: Option<NaiveDate>,
    #[serde(default)]
    pub audience: Vec<Audience>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// The working group that keeps this page up to date.
    #[serde(default)]
    pub owner: Option<String>,
    /// Template in the theme to render with instead of `page.html` / `section.html`.
    #[serde(default)]
    pub template: Option<String>,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of `source` where `body` starts.
    pub body_line: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Splits and parses a page. `display` is the path shown in messages.
pub fn parse(source: &str, display: &Path) -> Result<Parsed, Diagnostic> {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            Diagnostic::error(display, 1, 1, "missing front matter").with_hint(
                "start the file with a line `---`, then `title: ...`, then a closing `---`",
            ),
        );
    }
    let mut yaml_len = 0;
    let mut line_no = 1;
    let mut closed = false;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        yaml_len += line.len();
    }
    if !closed {
        return Err(
            Diagnostic::error(display, 1, 1, "front matter is not closed")
                .with_hint("add a line `---` after the last front matter key"),
        );
    }
    let yaml_start = first.len();
    let yaml_text = &source[yaml_start..yaml_start + yaml_len];
    let body_start = (yaml_start + yaml_len + "---".len()).min(source.len());
    let body = source[body_start..]
        .trim_start_matches(['\r'])
        .strip_prefix('\n')
        .unwrap_or(&source[body_start..]);
    let located = yaml::parse::<FrontMatter>(yaml_text, display, 2)?;
    let front = located.value;
    if front.title.trim().is_empty() {
        let (line, col) = located.locations.nearest("title");
        return Err(Diagnostic::error(display, line, col, "`title` is empty")
            .with_hint("give the page a title"));
    }
    let mut warnings = Vec::new();
    if let Some(updated) = front.updated.filter(|d| d.year() >= BUDDHIST_ERA_FROM) {
        let (line, col) = located.locations.nearest("updated");
        let ce_year = dates::ce_year(updated.year());
        let written = updated
            .with_year(ce_year)
            .map_or(format!("the year {ce_year}"), |d| format!("`updated: {d}`"));
        warnings.push(
            Diagnostic::warning(
                display,
                line,
                col,
                format!(
                    "`updated: {updated}` has a Buddhist-era year; `updated` takes the Christian-era year"
                ),
            )
            .with_hint(format!(
                "write {written}: pages show it in the Buddhist era ({})",
                updated.year()
            )),
        );
    }
    Ok(Parsed {
        front,
        body: body.replace("\r\n", "\n"),
        body_line: line_no + 1,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let p = parse(
            "---\ntitle: หน้า\nweight: 3\n---\n# Body\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(p.front.title, "หน้า");
        assert_eq!(p.front.weight, 3);
        assert_eq!(p.body, "# Body\n");
        assert_eq!(p.body_line, 5);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let p = parse(
            "\u{FEFF}---\r\ntitle: x\r\n---\r\nline\r\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(p.front.title, "x");
        assert_eq!(p.body, "line\n");
    }

    #[test]
    fn reports_unknown_key_with_line() {
        let e = parse("---\ntitle: x\ncolor: red\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!((e.line, e.col), (3, 1), "{e}");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert!(parse("# no front matter", Path::new("a.md"))
            .unwrap_err()
            .message
            .contains("missing"));
        assert!(parse("---\ntitle: x\n", Path::new("a.md"))
            .unwrap_err()
            .message
            .contains("not closed"));
    }
}
