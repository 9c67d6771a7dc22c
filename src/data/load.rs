//! Reading `data/`: every file is parsed (all of them, even after errors) and its raw values
//! are turned into the typed model. Values that cannot be read are reported here with their
//! position; rules that relate values to each other are in `validate`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use walkdir::WalkDir;

use super::cache::{Cache, Read};
use super::layout::{self, FileKind};
use super::model::*;
use super::raw::{self, Scalar};
use super::{codes, Data, Sourced};
use crate::data::national_id;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::thai::{dates, digits};
use crate::yaml::{self, Locations};

pub fn load(root: &Path) -> (Data, Diagnostics) {
    load_cached(root, &mut Cache::default())
}

/// Like `load`, taking each file whose text `cache` holds from it instead of parsing it
/// again, and leaving in `cache` what this load read.
pub fn load_cached(root: &Path, cache: &mut Cache) -> (Data, Diagnostics) {
    let mut data = Data {
        root: root.to_path_buf(),
        ..Data::default()
    };
    let mut diagnostics = Diagnostics::new();
    let files = data_files(root, &mut diagnostics);
    // Files are read and parsed in parallel (a province's data is over a thousand files), then
    // added in path order, so the data and its messages come out as from one pass.
    let shared: &Cache = cache;
    let mut loaded: Vec<Read<File>> = files
        .into_par_iter()
        .map(|rel| match crate::input::read_text(root, &rel) {
            Ok(Some(text)) => {
                let mut read = shared.get_or_read(&rel, &text, || read_file(rel.clone(), &text));
                if read.cached {
                    if let Some(file) = &mut read.file {
                        file.locate(Locations::new(&text, 1));
                    }
                }
                read
            }
            // Gone since the walk: nothing to check.
            Ok(None) => Read::nothing(Diagnostics::new()),
            Err(d) => Read::nothing(Diagnostics::from(d)),
        })
        .collect();
    cache.keep(&mut loaded);
    for read in loaded {
        diagnostics.extend(read.diagnostics);
        if let Some(file) = read.file {
            file.add_to(&mut data);
        }
    }
    (data, diagnostics)
}

/// One data file, read into the model.
#[derive(serde::Serialize, serde::Deserialize)]
enum File {
    Org(Sourced<Org>),
    Sp12(Sourced<Sp12Report>),
    Snb2(Sourced<Snb2Report>),
    Targets(Sourced<Targets>),
    Plan(Sourced<CompetencyPlan>),
    Staff(Sourced<StaffRecords>),
}

impl File {
    /// Gives a file taken from the cache the positions in its text.
    fn locate(&mut self, locations: Locations) {
        match self {
            File::Org(s) => s.locations = locations,
            File::Sp12(s) => s.locations = locations,
            File::Snb2(s) => s.locations = locations,
            File::Targets(s) => s.locations = locations,
            File::Plan(s) => s.locations = locations,
            File::Staff(s) => s.locations = locations,
        }
    }

    fn add_to(self, data: &mut Data) {
        match self {
            File::Org(s) => data.org = Some(s),
            File::Sp12(s) => data.sp12.push(s),
            File::Snb2(s) => data.snb2.push(s),
            File::Targets(s) => data.targets.push(s),
            File::Plan(s) => data.plan = Some(s),
            File::Staff(s) => data.staff = Some(s),
        }
    }
}

/// YAML files under `data/`, relative to `root`, in a stable order. Links are not followed:
/// each, and each FIFO, socket or device, is an error (a report file that is silently left out
/// would make its unit-month vanish from the results).
fn data_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join("data");
    if let Ok(meta) = std::fs::symlink_metadata(&dir) {
        if let Err(d) = crate::input::check_kind(Path::new("data"), meta.file_type()) {
            diagnostics.push(d);
            return Vec::new();
        }
    }
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(Path::new("data"));
                diagnostics.push(Diagnostic::error(path, 1, 1, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        // Read (and checked) by their own loaders.
        let top_level_other = rel.parent() == Some(Path::new("data"))
            && layout::NOT_REPORT_DATA
                .iter()
                .any(|name| rel.file_name() == Some(name.as_ref()));
        if top_level_other || rel == Path::new("data") {
            continue;
        }
        if let Err(d) = crate::input::check_kind(rel, entry.file_type()) {
            diagnostics.push(d);
            continue;
        }
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if entry.file_type().is_file() && is_yaml {
            files.push(rel.to_path_buf());
        }
    }
    files
}

/// Loads one data file from its text, as if it stood at `rel` under the project root.
pub fn load_file(data: &mut Data, rel: PathBuf, text: &str, diagnostics: &mut Diagnostics) {
    let (file, found) = read_file(rel, text);
    diagnostics.extend(found);
    if let Some(file) = file {
        file.add_to(data);
    }
}

/// One data file's value (unless it cannot be parsed or is not a known data file) and the
/// problems found in it.
fn read_file(rel: PathBuf, text: &str) -> (Option<File>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let kind = layout::classify(&rel);
    let forms = matches!(kind, FileKind::Sp12 { .. } | FileKind::Snb2 { .. });
    diagnostics.extend(national_id::check_text(text, &rel, 1, |text, id| {
        forms && is_national_id_value(text, id.start)
    }));
    let d = &mut diagnostics;
    let file = match kind {
        FileKind::Org => parse_and_lower(rel, text, d, lower_org).map(File::Org),
        FileKind::Sp12 { .. } => parse_and_lower(rel, text, d, lower_sp12).map(File::Sp12),
        FileKind::Snb2 { .. } => parse_and_lower(rel, text, d, lower_snb2).map(File::Snb2),
        FileKind::Targets { .. } => parse_and_lower(rel, text, d, lower_targets).map(File::Targets),
        FileKind::Plan => parse_and_lower(rel, text, d, lower_plan).map(File::Plan),
        FileKind::Staff => parse_and_lower(rel, text, d, lower_staff).map(File::Staff),
        FileKind::Unknown => {
            d.push(
                Diagnostic::warning(&rel, 1, 1, "not a known data file; it is ignored").with_hint(
                    "report data lives in data/org.yaml, data/reports/<fiscal year>/sp12/<unit>/<MM>.yaml, \
                     data/reports/<fiscal year>/snb2/<MM>.yaml, data/targets/<fiscal year>.yaml and data/competency/",
                ),
            );
            None
        }
    };
    (file, diagnostics)
}

/// Whether the text at `at` is the value of a `national_id:` key (block or flow style,
/// quoted or not): the one place where the forms keep a full ID.
fn is_national_id_value(text: &str, at: usize) -> bool {
    let quotes_and_spaces = [' ', '\t', '"', '\''];
    text.get(..at)
        .map(|before| before.trim_end_matches(quotes_and_spaces))
        .and_then(|before| before.strip_suffix(':'))
        .is_some_and(|key| {
            key.trim_end_matches(quotes_and_spaces)
                .ends_with("national_id")
        })
}

fn parse_and_lower<R: serde::de::DeserializeOwned, T>(
    rel: PathBuf,
    text: &str,
    diagnostics: &mut Diagnostics,
    lower: fn(R, &mut Reader) -> T,
) -> Option<Sourced<T>> {
    match yaml::parse::<R>(text, &rel, 1) {
        Ok(located) => {
            let mut reader = Reader {
                file: &rel,
                locations: &located.locations,
                diagnostics,
            };
            let value = lower(located.value, &mut reader);
            Some(Sourced {
                value,
                file: rel.clone(),
                locations: located.locations,
            })
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// Turns raw values into typed ones, reporting each that cannot be read at its position.
struct Reader<'a> {
    file: &'a Path,
    locations: &'a Locations,
    diagnostics: &'a mut Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, path: &str, message: String, hint: String) {
        let (line, col) = self.locations.nearest(path);
        self.diagnostics
            .push(Diagnostic::error(self.file, line, col, message).with_hint(hint));
    }

    fn number(&mut self, value: &Scalar, path: &str) -> Option<u32> {
        let text = digits::to_arabic(value.text().trim()).replace(',', "");
        let parsed = text.parse::<u32>().ok();
        if parsed.is_none() {
            self.error(
                path,
                format!("\"{}\" is not a whole number", value.text()),
                "write a count with Arabic or Thai digits, e.g. 23 or ๒๓".into(),
            );
        }
        parsed
    }

    fn decimal(&mut self, value: &Scalar, path: &str) -> Option<f64> {
        let parsed = match value {
            Scalar::Int(n) => Some(*n as f64),
            Scalar::Float(x) => Some(*x),
            Scalar::Text(s) => digits::to_arabic(s.trim())
                .replace(',', "")
                .parse::<f64>()
                .ok(),
        };
        if parsed.is_none() {
            self.error(
                path,
                format!("\"{}\" is not a number", value.text()),
                "write a figure with Arabic or Thai digits, e.g. 85 or 85.5".into(),
            );
        }
        parsed
    }

    fn month(&mut self, value: &Scalar, path: &str) -> Option<ReportMonth> {
        let parsed = parse_month(&value.text());
        if parsed.is_none() {
            self.error(
                path,
                format!("\"{}\" is not a month", value.text()),
                "write the month as YYYY-MM with the B.E. year, e.g. 2563-10".into(),
            );
        }
        parsed
    }

    fn date(&mut self, value: &Scalar, path: &str) -> Option<NaiveDate> {
        let text = value.text();
        match parse_date(&text) {
            DateText::Valid(date) => Some(date),
            DateText::Impossible { be_year, month } => {
                let days = ReportMonth { be_year, month }
                    .next()
                    .first_day()
                    .and_then(|d| d.pred_opt())
                    .map(|last| chrono::Datelike::day(&last));
                let hint = match days {
                    Some(days) => format!("{be_year}-{month:02} has {days} days"),
                    None => "the month must be 01 to 12".into(),
                };
                self.error(path, format!("date \"{text}\" does not exist"), hint);
                None
            }
            DateText::Malformed => {
                self.error(
                    path,
                    format!("\"{text}\" is not a date"),
                    "write dates as YYYY-MM-DD with the B.E. year, e.g. 2564-01-29".into(),
                );
                None
            }
        }
    }

    fn coded<T: Coded>(&mut self, text: &str, path: &str) -> Option<T> {
        let parsed = codes::parse::<T>(text);
        if parsed.is_none() {
            self.error(
                path,
                format!("unknown {} \"{}\"", T::KIND, text.trim()),
                format!(
                    "did you mean {}? valid values: {}",
                    codes::nearest::<T>(text),
                    codes::choices::<T>()
                ),
            );
        }
        parsed
    }
}

/// `2563-10` or `๒๕๖๓-๑๐` → October 2563.
pub fn parse_month(text: &str) -> Option<ReportMonth> {
    let text = digits::to_arabic(text.trim());
    let (year, month) = text.split_once('-')?;
    let be_year = be_from_written(year.parse().ok()?);
    let month: u32 = month.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some(ReportMonth { be_year, month })
}

enum DateText {
    Valid(NaiveDate),
    Impossible { be_year: i32, month: u32 },
    Malformed,
}

/// `YYYY-MM-DD`; a year from 2400 up is B.E., below is C.E. (Thai digits accepted).
fn parse_date(text: &str) -> DateText {
    let text = digits::to_arabic(text.trim());
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return DateText::Malformed;
    };
    let all_digits = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if ![year, month, day].iter().all(|s| all_digits(s)) || year.len() != 4 {
        return DateText::Malformed;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<i32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return DateText::Malformed;
    };
    let be_year = be_from_written(year);
    match NaiveDate::from_ymd_opt(dates::ce_year(be_year), month, day) {
        Some(date) => DateText::Valid(date),
        None => DateText::Impossible { be_year, month },
    }
}

fn be_from_written(year: i32) -> i32 {
    if year >= 2400 {
        year
    } else {
        dates::be_year(year)
    }
}

fn lower_org(raw: raw::Org, r: &mut Reader) -> Org {
    let established = raw
        .centre
        .established
        .as_ref()
        .and_then(|s| r.date(s, "centre.established"));
    let committee = raw
        .centre
        .committee
        .into_iter()
        .enumerate()
        .map(|(i, role)| CommitteeRole {
            count: r
                .number(&role.count, &format!("centre.committee.{i}.count"))
                .unwrap_or(0),
            role: role.role,
        })
        .collect();
    let units = raw
        .units
        .into_iter()
        .enumerate()
        .map(|(i, u)| Unit {
            moo: r.number(&u.moo, &format!("units.{i}.moo")).unwrap_or(0),
            established: u
                .established
                .as_ref()
                .and_then(|s| r.date(s, &format!("units.{i}.established"))),
            id: u.id,
            name: u.name,
            village: u.village,
            sub_district: u.sub_district,
            district: u.district,
        })
        .collect();
    Org {
        province: raw.province,
        office: raw.office,
        centre: Centre {
            name: raw.centre.name,
            location: raw.centre.location,
            order: raw.centre.order,
            established,
            advisors: raw.centre.advisors,
            committee,
            working_groups: raw
                .centre
                .working_groups
                .into_iter()
                .map(|g| WorkingGroup {
                    name: g.name,
                    lead_agency: g.lead_agency,
                })
                .collect(),
        },
        units,
    }
}

/// A month that could not be read still needs a value so the rest of the file is checked;
/// it is never used for output because `load` has reported an error.
const UNREADABLE_MONTH: ReportMonth = ReportMonth {
    be_year: 0,
    month: 1,
};

fn lower_sp12(raw: raw::Sp12, r: &mut Reader) -> Sp12Report {
    let month = r.month(&raw.month, "month").unwrap_or(UNREADABLE_MONTH);
    let declared_count = r.number(&raw.count, "count").unwrap_or(0);
    let submitted = raw.submitted.as_ref().and_then(|s| r.date(s, "submitted"));
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut skipped_rows = 0;
    for (i, row) in raw.rows.into_iter().enumerate() {
        let at = |field: &str| format!("rows.{i}.{field}");
        let seq = seq_of(row.seq.as_ref(), i, &at("seq"), r);
        let assistance = r.coded::<AssistanceType>(&row.assistance, &at("assistance"));
        let worker = r.coded::<WorkerType>(&row.worker, &at("worker"));
        let served = row.served.as_ref().and_then(|s| r.date(s, &at("served")));
        match (assistance, worker) {
            (Some(assistance), Some(worker)) => rows.push(Sp12Row {
                seq,
                name: row.name,
                national_id: national_id::normalize(&row.national_id.text()),
                assistance,
                worker,
                served,
                note: row.note,
                source_index: i,
            }),
            _ => skipped_rows += 1,
        }
    }
    Sp12Report {
        unit: raw.unit,
        month,
        declared_count,
        submitted,
        rows,
        skipped_rows,
    }
}

fn seq_of(seq: Option<&Scalar>, index: usize, path: &str, r: &mut Reader) -> u32 {
    let fallback = index as u32 + 1;
    seq.and_then(|s| r.number(s, path)).unwrap_or(fallback)
}

fn lower_snb2(raw: raw::Snb2, r: &mut Reader) -> Snb2Report {
    let month = r.month(&raw.month, "month").unwrap_or(UNREADABLE_MONTH);
    let declared_count = r.number(&raw.count, "count").unwrap_or(0);
    let submitted = raw.submitted.as_ref().and_then(|s| r.date(s, "submitted"));
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut skipped_rows = 0;
    for (i, row) in raw.rows.into_iter().enumerate() {
        let at = |field: &str| format!("rows.{i}.{field}");
        let seq = seq_of(row.seq.as_ref(), i, &at("seq"), r);
        let assistance = r.coded::<AssistanceType>(&row.assistance, &at("assistance"));
        let worker = r.coded::<WorkerType>(&row.worker, &at("worker"));
        match (assistance, worker) {
            (Some(assistance), Some(worker)) => rows.push(Snb2Row {
                seq,
                plan: row.plan,
                name: row.name,
                national_id: national_id::normalize(&row.national_id.text()),
                assistance,
                worker,
                listed_in_2563_db: row.listed_in_2563_db,
                unit: row.unit,
                source_index: i,
            }),
            _ => skipped_rows += 1,
        }
    }
    Snb2Report {
        province: raw.province,
        month,
        declared_count,
        submitted,
        rows,
        skipped_rows,
    }
}

const MEASURES: [&str; 4] = [
    "service-units",
    "persons-served",
    "staff-developed-percent",
    "manual",
];

fn lower_targets(raw: raw::Targets, r: &mut Reader) -> Targets {
    let fiscal_year = r
        .number(&raw.fiscal_year, "fiscal_year")
        .map(|y| be_from_written(y as i32))
        .unwrap_or(0);
    let mut indicators = Vec::new();
    for (i, ind) in raw.indicators.into_iter().enumerate() {
        let at = |field: &str| format!("indicators.{i}.{field}");
        let assistance = ind
            .assistance
            .as_deref()
            .and_then(|a| r.coded::<AssistanceType>(a, &at("assistance")));
        let measure = match ind.measure.trim() {
            "service-units" => Some(Measure::ServiceUnits),
            "persons-served" => Some(Measure::PersonsServed(assistance)),
            "staff-developed-percent" => Some(Measure::StaffDevelopedPercent),
            "manual" => Some(Measure::Manual),
            other => {
                let nearest =
                    crate::util::nearest(other, MEASURES.iter().copied()).unwrap_or("manual");
                r.error(
                    &at("measure"),
                    format!("unknown measure \"{other}\""),
                    format!(
                        "did you mean {nearest}? valid values: {}",
                        MEASURES.join(", ")
                    ),
                );
                None
            }
        };
        let target = r.decimal(&ind.target, &at("target"));
        let actual = ind
            .actual
            .as_ref()
            .and_then(|a| r.decimal(a, &at("actual")));
        if let (Some(measure), Some(target)) = (measure, target) {
            indicators.push(Indicator {
                id: ind.id,
                name: ind.name,
                target,
                unit: ind.unit,
                measure,
                actual,
            });
        }
    }
    Targets {
        fiscal_year,
        indicators,
    }
}

fn lower_plan(raw: raw::Plan, r: &mut Reader) -> CompetencyPlan {
    let groups = raw
        .groups
        .into_iter()
        .enumerate()
        .map(|(g, group)| SkillGroup {
            id: group.id,
            name: group.name,
            courses: group
                .courses
                .into_iter()
                .enumerate()
                .map(|(c, course)| Course {
                    targets: coded_list(
                        &course.targets,
                        &format!("groups.{g}.courses.{c}.targets"),
                        r,
                    ),
                    methods: coded_list(
                        &course.methods,
                        &format!("groups.{g}.courses.{c}.methods"),
                        r,
                    ),
                    id: course.id,
                    name: course.name,
                })
                .collect(),
        })
        .collect();
    CompetencyPlan {
        title: raw.title,
        groups,
    }
}

fn coded_list<T: Coded>(items: &[String], path: &str, r: &mut Reader) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, text)| r.coded::<T>(text, &format!("{path}.{i}")))
        .collect()
}

fn lower_staff(raw: raw::Staff, r: &mut Reader) -> StaffRecords {
    let mut staff = Vec::new();
    for (i, member) in raw.staff.into_iter().enumerate() {
        let completed = member
            .completed
            .iter()
            .enumerate()
            .map(|(c, done)| Completion {
                course: done.course.clone(),
                date: r.date(&done.date, &format!("staff.{i}.completed.{c}.date")),
            })
            .collect();
        if let Some(group) = r.coded::<TargetGroup>(&member.group, &format!("staff.{i}.group")) {
            staff.push(StaffMember {
                code: member.code,
                group,
                completed,
                source_index: i,
            });
        }
    }
    StaffRecords { staff }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_months_and_dates_in_either_digits() {
        assert_eq!(
            parse_month("๒๕๖๓-๑๐"),
            Some(ReportMonth {
                be_year: 2563,
                month: 10
            })
        );
        assert_eq!(parse_month("2563-13"), None);
        assert!(
            matches!(parse_date("2564-01-29"), DateText::Valid(d) if d == NaiveDate::from_ymd_opt(2021, 1, 29).unwrap())
        );
        assert!(matches!(
            parse_date("2564-02-29"),
            DateText::Impossible {
                be_year: 2564,
                month: 2
            }
        ));
        assert!(matches!(parse_date("2021-01-29"), DateText::Valid(_)));
        assert!(matches!(parse_date("29/01/2564"), DateText::Malformed));
    }
}
