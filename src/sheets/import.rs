//! A filled form back into data: the sheet's cells become the unit-month's YAML text (written
//! through `yaml::write_report`, in the layout of the data files), which is then loaded and
//! validated by the very stages `khumue check` runs, with the rest of the project around it.
//! Each problem is reported at the cell it came from (`form.xlsx:สป-๑๒!C9`).
//!
//! Nothing here writes a file or prints a national ID: messages pass through the one ID
//! detector and show IDs masked.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::form::{self, Field, FormKind};
use super::read::{self, Cell, Grid};
use super::write::{IDENTITY_SHEET, KEY_FORM, KEY_MONTH, KEY_UNIT};
use crate::data::codes;
use crate::data::load::{load_file, parse_month};
use crate::data::national_id;
use crate::data::{AssistanceType, Coded, Data, Org, ReportMonth, WorkerType};
use crate::diagnostics::{Diagnostics, Severity};
use crate::thai::{dates, digits};
use crate::yaml::{write_report, Value, Written};

/// What to import and, when the file does not say, for which unit and month.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub root: &'a Path,
    pub file: &'a Path,
    pub unit: Option<String>,
    pub month: Option<ReportMonth>,
}

/// One problem, at a cell when it has one: `form.xlsx:สป-๑๒!C9: error: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: String,
    pub message: String,
    pub hint: Option<String>,
    /// Row and column in the sheet, for ordering.
    at: (usize, usize),
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place, self.severity, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A form read and checked, ready to be written at `rel`.
#[derive(Debug, Clone)]
pub struct Imported {
    pub kind: FormKind,
    /// `data/reports/2564/sp12/klong-niyom/05.yaml`.
    pub rel: PathBuf,
    pub written: Written,
    pub rows: usize,
    pub warnings: Vec<Problem>,
}

/// Where the problems of one file are placed.
struct Places<'a> {
    file: &'a Path,
}

impl Places<'_> {
    fn at(&self, sheet: Option<&str>, row: usize, col: usize) -> String {
        let cell = read::cell_name(row, col);
        match sheet {
            Some(sheet) => format!("{}:{sheet}!{cell}", self.file.display()),
            None => format!("{}:{cell}", self.file.display()),
        }
    }

    fn file(&self) -> String {
        self.file.display().to_string()
    }
}

fn problem(
    severity: Severity,
    place: String,
    at: (usize, usize),
    message: impl Into<String>,
    hint: Option<String>,
) -> Problem {
    Problem {
        severity,
        place,
        message: mask_ids(&message.into()),
        hint: hint.map(|h| mask_ids(&h)),
        at,
    }
}

/// Every national ID in `text`, masked.
pub fn mask_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in national_id::find_ids(text.as_bytes()) {
        if let (Some(before), Some(id)) = (text.get(last..range.start), text.get(range.clone())) {
            out.push_str(before);
            out.push_str(&national_id::mask_national_id(id));
            last = range.end;
        }
    }
    out.push_str(text.get(last..).unwrap_or_default());
    out
}

/// The table's header row and which column holds which field.
struct Layout {
    header_row: usize,
    columns: Vec<(Field, usize)>,
}

impl Layout {
    fn col(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }
}

/// The first row (of the first 50) naming at least three of the form's fields, one of them
/// the person's name or ID.
fn find_layout(grid: &Grid) -> Option<Layout> {
    grid.rows.iter().take(50).enumerate().find_map(|(r, row)| {
        let mut columns: Vec<(Field, usize)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Text(text) = cell {
                if let Some(field) = form::field_of(text) {
                    if !columns.iter().any(|(f, _)| *f == field) {
                        columns.push((field, c));
                    }
                }
            }
        }
        let names_a_person = columns
            .iter()
            .any(|(f, _)| matches!(f, Field::Name | Field::NationalId));
        (columns.len() >= 3 && names_a_person).then_some(Layout {
            header_row: r,
            columns,
        })
    })
}

/// The hidden identity sheet's values by key, with their cells.
fn identity(grids: &[Grid]) -> Vec<(String, String, (usize, usize))> {
    grids
        .iter()
        .find(|g| g.name.as_deref() == Some(IDENTITY_SHEET))
        .map(|g| {
            g.rows
                .iter()
                .enumerate()
                .filter_map(|(r, _)| {
                    let key = g.get(r, 0).text();
                    (!key.is_empty()).then(|| (key, g.get(r, 1).text(), (r, 1)))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A date as people type it (`๑๕/๖/๒๕๖๔`, `15/06/2564`, `2564-06-15`, `15 มิ.ย. 2564`,
/// or a date cell) as the data files write it: `2564-06-15`. Years below 2400 are C.E.; two
/// digits are B.E. 25xx. None when the text is not a date at all; a day the month does not
/// have is kept, for `load` to report.
pub fn typed_date(cell: &Cell) -> Option<String> {
    let (year, month, day) = match cell {
        Cell::Date(d) => (d.year(), d.month(), d.day()),
        Cell::Empty | Cell::Number(_) => return None,
        Cell::Text(text) => {
            let text = digits::to_arabic(text.trim());
            let parts: Vec<&str> = text
                .split(['/', '-', '.', ' '])
                .filter(|p| !p.is_empty())
                .collect();
            let month_name = |p: &str| {
                let p = p.trim_end_matches('.');
                dates::MONTHS
                    .iter()
                    .chain(dates::MONTHS_SHORT.iter())
                    .position(|m| m.trim_end_matches('.') == p)
                    .map(|i| (i % 12) as u32 + 1)
            };
            let number = |p: &str| p.parse::<u32>().ok();
            let (y, m, d) = match parts.as_slice() {
                [y, m, d] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
                [d, m, y] => (number(y)?, number(m).or_else(|| month_name(m))?, number(d)?),
                // `15 มิ.ย. 2564` splits the abbreviation at its dots.
                [d, m1, m2, y] => (number(y)?, month_name(&format!("{m1}.{m2}"))?, number(d)?),
                _ => return None,
            };
            let y = match y {
                0..=99 => 2500 + y as i32,
                y => y as i32,
            };
            (y, m, d)
        }
    };
    let be_year = if year >= 2400 {
        year
    } else {
        dates::be_year(year)
    };
    (1..=12)
        .contains(&month)
        .then(|| format!("{be_year}-{month:02}-{day:02}"))
}

/// `✓`, `x`, `1`, `TRUE`, `มี`: marked; empty, `0`, `-`, `FALSE`: not.
fn is_marked(cell: &Cell) -> bool {
    let text = cell.text().to_lowercase();
    !(text.is_empty() || ["0", "-", "false", "no", "ไม่"].contains(&text.as_str()))
}

/// The unit a cell names, by id, name or village.
fn unit_id<'a>(org: Option<&'a Org>, text: &str) -> Option<&'a str> {
    let text = text.trim();
    org?.units
        .iter()
        .find(|u| u.id == text || u.name.trim() == text || u.village.trim() == text)
        .map(|u| u.id.as_str())
}

fn coded<T: Coded>(cell: &Cell) -> Value {
    let text = cell.text();
    match codes::parse::<T>(&text) {
        Some(value) => Value::Code(value.label().to_string()),
        None => Value::Text(text),
    }
}

pub fn import(request: &Request) -> Result<Imported, Vec<Problem>> {
    let places = Places { file: request.file };
    let fail = |message: String, hint: Option<String>| {
        vec![problem(
            Severity::Error,
            places.file(),
            (0, 0),
            message,
            hint,
        )]
    };
    let grids = read::read(request.file).map_err(|e| fail(e, None))?;
    let identity = identity(&grids);
    let stored = |key: &str| {
        identity
            .iter()
            .find(|(k, v, _)| k == key && !v.is_empty())
            .map(|(_, v, at)| (v.clone(), *at))
    };
    let Some((grid, layout)) = grids
        .iter()
        .filter(|g| g.name.as_deref() != Some(IDENTITY_SHEET))
        .find_map(|g| find_layout(g).map(|l| (g, l)))
    else {
        return Err(fail(
            "no sheet has the form's header row".into(),
            Some("keep the header row of the template (ลำดับที่, ชื่อ-สกุล, เลขบัตรประจำตัวประชาชน …): columns are found by their headers".into()),
        ));
    };
    let sheet = grid.name.as_deref();
    let kind = stored(KEY_FORM)
        .and_then(|(code, _)| FormKind::from_code(&code))
        .unwrap_or(if layout.col(Field::Plan).is_some() {
            FormKind::Snb2
        } else {
            FormKind::Sp12
        });

    let identity_place = |at: (usize, usize)| places.at(Some(IDENTITY_SHEET), at.0, at.1);
    let month = match (request.month, stored(KEY_MONTH)) {
        (Some(asked), Some((text, at))) if parse_month(&text) != Some(asked) => {
            return Err(vec![problem(
                Severity::Error,
                identity_place(at),
                at,
                format!("this spreadsheet is the form for {text}, not {asked}"),
                Some("leave out --month: the template remembers its month".into()),
            )])
        }
        (Some(asked), _) => asked,
        (None, Some((text, at))) => parse_month(&text).ok_or_else(|| {
            vec![problem(
                Severity::Error,
                identity_place(at),
                at,
                format!("\"{text}\" is not a month"),
                Some("make a new template with khumue template".into()),
            )]
        })?,
        (None, None) => {
            return Err(fail(
                "the file does not say which month it reports".into(),
                Some("pass --month YYYY-MM with the B.E. year, e.g. --month 2564-06".into()),
            ))
        }
    };
    let unit = match kind {
        FormKind::Snb2 => None,
        FormKind::Sp12 => Some(match (&request.unit, stored(KEY_UNIT)) {
            (Some(asked), Some((text, at))) if *asked != text => {
                return Err(vec![problem(
                    Severity::Error,
                    identity_place(at),
                    at,
                    format!("this spreadsheet is the form of unit {text}, not {asked}"),
                    Some("leave out --unit: the template remembers its unit".into()),
                )])
            }
            (Some(asked), _) => asked.clone(),
            (None, Some((text, _))) => text,
            (None, None) => return Err(fail(
                "the file does not say which unit reports".into(),
                Some(
                    "pass --unit with the unit's id from data/org.yaml, e.g. --unit klong-niyom"
                        .into(),
                ),
            )),
        }),
    };

    let required: &[Field] = match kind {
        FormKind::Sp12 => &[
            Field::Name,
            Field::NationalId,
            Field::Assistance,
            Field::Worker,
        ],
        FormKind::Snb2 => &[
            Field::Plan,
            Field::Name,
            Field::NationalId,
            Field::Assistance,
            Field::Worker,
        ],
    };
    let missing: Vec<&str> = required
        .iter()
        .filter(|f| layout.col(**f).is_none())
        .filter_map(|f| kind.columns().iter().find(|c| c.field == *f))
        .map(|c| c.header)
        .collect();
    if !missing.is_empty() {
        let at = (layout.header_row, 0);
        return Err(vec![problem(
            Severity::Error,
            places.at(sheet, at.0, at.1),
            at,
            format!("the header row has no column {}", missing.join(", ")),
            Some("columns are found by their header text: keep the template's headers".into()),
        )]);
    }

    let (data, _) = crate::data::load(request.root);
    let org = data.org.as_ref().map(|o| &o.value);
    let fields = Fields::read(grid, &layout);
    let mut cells: Vec<(String, (usize, usize))> = Vec::new();
    let mut problems = Vec::new();

    let mut head: Vec<(&str, Value)> = Vec::new();
    match kind {
        FormKind::Sp12 => head.push(("unit", Value::Code(unit.clone().unwrap_or_default()))),
        FormKind::Snb2 => head.push((
            "province",
            Value::Text(org.map(|o| o.province.clone()).unwrap_or_default()),
        )),
    }
    head.push(("month", Value::Text(month.code())));
    let rows: Vec<usize> = (layout.header_row + 1..grid.rows.len())
        .filter(|r| {
            layout
                .columns
                .iter()
                .any(|(_, c)| !grid.get(*r, *c).is_empty())
        })
        .collect();
    let count = match fields.count {
        Some(at) if !grid.get(at.0, at.1).is_empty() => {
            cells.push(("count".into(), at));
            let text = grid.get(at.0, at.1).text();
            match digits::to_arabic(&text).replace(',', "").parse::<u64>() {
                Ok(n) => Value::Number(n),
                Err(_) => Value::Text(text),
            }
        }
        _ => Value::Number(rows.len() as u64),
    };
    head.push(("count", count));
    if let Some(at) = fields.submitted {
        let cell = grid.get(at.0, at.1);
        if !cell.is_empty() {
            cells.push(("submitted".into(), at));
            head.push((
                "submitted",
                Value::Text(typed_date(cell).unwrap_or_else(|| cell.text())),
            ));
        }
    }

    let mut items = Vec::with_capacity(rows.len());
    for (i, &r) in rows.iter().enumerate() {
        let cell = |field: Field| layout.col(field).map_or(&Cell::Empty, |c| grid.get(r, c));
        let mut item: Vec<(&str, Value)> = Vec::new();
        let mut put = |key: &'static str, field: Field, value: Value| {
            if let Some(c) = layout.col(field) {
                cells.push((format!("rows.{i}.{key}"), (r, c)));
            }
            item.push((key, value));
        };
        let seq = cell(Field::Seq);
        let seq_text = digits::to_arabic(&seq.text());
        put(
            "seq",
            Field::Seq,
            match seq_text.parse::<u64>() {
                Ok(n) => Value::Number(n),
                Err(_) if seq.is_empty() => Value::Number(i as u64 + 1),
                Err(_) => Value::Text(seq.text()),
            },
        );
        if kind == FormKind::Snb2 {
            put("plan", Field::Plan, Value::Text(cell(Field::Plan).text()));
        }
        put("name", Field::Name, Value::Text(cell(Field::Name).text()));
        let id = cell(Field::NationalId).text();
        let normal = national_id::normalize(&id);
        let id = if normal.len() == 13 && normal.chars().all(|c| c.is_ascii_digit()) {
            national_id::format_national_id(&normal)
        } else {
            id
        };
        put("national_id", Field::NationalId, Value::Text(id));
        put(
            "assistance",
            Field::Assistance,
            coded::<AssistanceType>(cell(Field::Assistance)),
        );
        put(
            "worker",
            Field::Worker,
            coded::<WorkerType>(cell(Field::Worker)),
        );
        match kind {
            FormKind::Sp12 => {
                let served = cell(Field::Served);
                if !served.is_empty() {
                    put(
                        "served",
                        Field::Served,
                        Value::Text(typed_date(served).unwrap_or_else(|| served.text())),
                    );
                }
                let note = cell(Field::Note).text();
                if !note.is_empty() {
                    put("note", Field::Note, Value::Text(note));
                }
            }
            FormKind::Snb2 => {
                let listed = is_marked(cell(Field::Listed));
                let not_listed = is_marked(cell(Field::NotListed));
                let field = if layout.col(Field::Listed).is_some() {
                    Field::Listed
                } else {
                    Field::NotListed
                };
                if listed == not_listed && layout.col(Field::NotListed).is_some() {
                    let c = layout.col(field).unwrap_or(0);
                    problems.push(problem(
                        Severity::Error,
                        places.at(sheet, r, c),
                        (r, c),
                        if listed {
                            "both database columns are marked"
                        } else {
                            "neither database column is marked"
                        },
                        Some("mark ✓ either มีรายชื่อ or ไม่มีรายชื่อ (in the 2563 informal-labour database)".into()),
                    ));
                }
                put("listed_in_2563_db", field, Value::Bool(listed));
                let unit_text = cell(Field::Unit).text();
                if !unit_text.is_empty() {
                    let value = match unit_id(org, &unit_text) {
                        Some(id) => Value::Code(id.to_string()),
                        None => Value::Text(unit_text),
                    };
                    put("unit", Field::Unit, value);
                }
            }
        }
        items.push(item);
    }

    let written = write_report("", &head, "rows", &items);
    let rel = report_path(kind, unit.as_deref(), month);
    let diagnostics = check(&data, &rel, &written.text);
    let identity_cell = |key: &str| stored(key).map(|(_, at)| at);
    for d in diagnostics.iter() {
        if d.file != rel {
            continue;
        }
        let path = written
            .line_paths
            .get(d.line.saturating_sub(1))
            .map(String::as_str)
            .unwrap_or("");
        let found = cells
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, at)| (sheet, *at))
            .or_else(|| match path {
                "unit" => identity_cell(KEY_UNIT).map(|at| (Some(IDENTITY_SHEET), at)),
                "month" => identity_cell(KEY_MONTH).map(|at| (Some(IDENTITY_SHEET), at)),
                _ => None,
            });
        let (place, at) = match found {
            Some((sheet, at)) => (places.at(sheet, at.0, at.1), at),
            None => (places.file(), (0, 0)),
        };
        problems.push(problem(
            d.severity,
            place,
            at,
            d.message.clone(),
            d.hint.clone(),
        ));
    }
    problems.sort_by_key(|p| (p.at, p.severity));
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(Imported {
        kind,
        rel,
        written,
        rows: items.len(),
        warnings: problems,
    })
}

/// Where the head's values stand: the cell right of each label above the table.
struct Fields {
    count: Option<(usize, usize)>,
    submitted: Option<(usize, usize)>,
}

impl Fields {
    fn read(grid: &Grid, layout: &Layout) -> Fields {
        let mut fields = Fields {
            count: None,
            submitted: None,
        };
        for (r, row) in grid.rows.iter().take(layout.header_row).enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let label = form::normalize(&cell.text());
                if label.starts_with("จำนวน") && fields.count.is_none() {
                    fields.count = Some((r, c + 1));
                } else if label.starts_with("วันที่ส่ง") && fields.submitted.is_none()
                {
                    fields.submitted = Some((r, c + 1));
                }
            }
        }
        fields
    }
}

/// Where a form's data file lives: `data/reports/<fiscal year>/sp12/<unit>/<MM>.yaml`.
pub fn report_path(kind: FormKind, unit: Option<&str>, month: ReportMonth) -> PathBuf {
    let mut path = PathBuf::from("data/reports")
        .join(month.fiscal_year().to_string())
        .join(kind.code());
    if let Some(unit) = unit {
        path.push(unit);
    }
    path.join(format!("{:02}.yaml", month.month))
}

/// The project's data with `text` standing at `rel` (in place of the file there, if any),
/// loaded and validated as `khumue check` does; the diagnostics about `rel`.
fn check(data: &Data, rel: &Path, text: &str) -> Diagnostics {
    let mut data = data.clone();
    data.sp12.retain(|r| r.file != rel);
    data.snb2.retain(|r| r.file != rel);
    let mut diagnostics = Diagnostics::new();
    load_file(&mut data, rel.to_path_buf(), text, &mut diagnostics);
    diagnostics.extend(crate::data::validate(&data));
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_people_type_them() {
        let text = |s: &str| typed_date(&Cell::Text(s.into()));
        assert_eq!(text("๑๕/๖/๒๕๖๔").as_deref(), Some("2564-06-15"));
        assert_eq!(text("15/06/2564").as_deref(), Some("2564-06-15"));
        assert_eq!(text("2564-06-15").as_deref(), Some("2564-06-15"));
        assert_eq!(text("15/6/2021").as_deref(), Some("2564-06-15"));
        assert_eq!(text("15 มิ.ย. 2564").as_deref(), Some("2564-06-15"));
        assert_eq!(text("15 มิถุนายน 64").as_deref(), Some("2564-06-15"));
        assert_eq!(text("31/02/2564").as_deref(), Some("2564-02-31"));
        assert_eq!(text("เมื่อวาน"), None);
        let date = chrono::NaiveDate::from_ymd_opt(2021, 6, 15).unwrap_or_default();
        assert_eq!(typed_date(&Cell::Date(date)).as_deref(), Some("2564-06-15"));
    }

    #[test]
    fn masks_ids_in_messages() {
        assert_eq!(
            mask_ids("row 1: \"1-1037-00001-23-9\" is odd"),
            format!(
                "row 1: \"{}\" is odd",
                national_id::mask_national_id("1103700001239")
            )
        );
    }
}
