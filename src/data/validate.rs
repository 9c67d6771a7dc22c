//! Rules that relate values to each other and to other files. Values that could not be read at
//! all were reported by `load`; everything here is about data that reads but is wrong.
//!
//! National ID numbers never appear in messages (diagnostics end up in terminals and CI logs):
//! rows are named by their ลำดับที่.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::layout::{self, FileKind};
use super::model::*;
use super::national_id::{self, IdProblem};
use super::{Data, Sourced};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::thai::dates;

pub fn validate(data: &Data) -> Diagnostics {
    let mut out = Diagnostics::new();
    let org = data.org.as_ref().map(|o| &o.value);
    for report in &data.sp12 {
        check_sp12(report, org, &mut out);
    }
    for report in &data.snb2 {
        check_snb2(report, org, &mut out);
        check_snb2_against_sp12(report, &data.sp12, &mut out);
    }
    for targets in &data.targets {
        check_targets(targets, &mut out);
    }
    if let Some(staff) = &data.staff {
        check_staff(staff, data.plan.as_ref().map(|p| &p.value), &mut out);
    }
    if let Some(org) = &data.org {
        check_unit_ids(org, &mut out);
    }
    out
}

fn at<T>(source: &Sourced<T>, path: &str) -> (usize, usize) {
    source.locations.nearest(path)
}

fn error<T>(source: &Sourced<T>, path: &str, message: String, hint: String) -> Diagnostic {
    let (line, col) = at(source, path);
    Diagnostic::error(&source.file, line, col, message).with_hint(hint)
}

fn warning<T>(source: &Sourced<T>, path: &str, message: String, hint: String) -> Diagnostic {
    let (line, col) = at(source, path);
    Diagnostic::warning(&source.file, line, col, message).with_hint(hint)
}

/// A date as data files write it: `2563-10-25`.
fn be_iso(date: NaiveDate) -> String {
    format!(
        "{}-{:02}-{:02}",
        dates::be_year(date.year()),
        date.month(),
        date.day()
    )
}

fn check_sp12(report: &Sourced<Sp12Report>, org: Option<&Org>, out: &mut Diagnostics) {
    let r = &report.value;
    let FileKind::Sp12 {
        fiscal_year,
        unit: folder_unit,
        file_month,
    } = layout::classify(&report.file)
    else {
        return;
    };
    check_unit(report, "unit", &r.unit, org, out);
    if r.unit != folder_unit {
        out.push(error(
            report,
            "unit",
            format!(
                "unit \"{}\" does not match its folder \"{folder_unit}\"",
                r.unit
            ),
            format!(
                "move the file to a folder named {} or correct `unit`",
                r.unit
            ),
        ));
    }
    check_month_placement(report, r.month, fiscal_year, file_month, out);
    check_count(report, r.declared_count, r.rows.len() + r.skipped_rows, out);
    for row in &r.rows {
        check_national_id(report, row.source_index, row.seq, &row.national_id, out);
        check_served(report, row, r.month, out);
    }
    check_duplicates(
        report,
        r.rows
            .iter()
            .map(|row| (row.source_index, row.seq, row.national_id.as_str())),
        out,
    );
    if let (Some(submitted), Some(due)) = (r.submitted, r.due()) {
        if submitted > due {
            out.push(warning(
                report,
                "submitted",
                format!(
                    "submitted {}, after the due date {}",
                    be_iso(submitted),
                    be_iso(due)
                ),
                "SP-12 reports are due at the province on the 25th of the report month".into(),
            ));
        }
    }
}

/// An SP-12 report lists the people served in its month.
fn check_served(
    report: &Sourced<Sp12Report>,
    row: &Sp12Row,
    month: ReportMonth,
    out: &mut Diagnostics,
) {
    let Some(served) = row.served else { return };
    if month.be_year == 0 || ReportMonth::of_date(served) == month {
        return;
    }
    out.push(error(
        report,
        &format!("rows.{}.served", row.source_index),
        format!(
            "row {} was served on {}, outside the report month {month}",
            row.seq,
            be_iso(served)
        ),
        format!(
            "an SP-12 report lists the people served in its month: correct the date or report the row in the {} report",
            ReportMonth::of_date(served)
        ),
    ));
}

fn check_snb2(report: &Sourced<Snb2Report>, org: Option<&Org>, out: &mut Diagnostics) {
    let r = &report.value;
    let FileKind::Snb2 {
        fiscal_year,
        file_month,
    } = layout::classify(&report.file)
    else {
        return;
    };
    check_month_placement(report, r.month, fiscal_year, file_month, out);
    check_count(report, r.declared_count, r.rows.len() + r.skipped_rows, out);
    for row in &r.rows {
        check_national_id(report, row.source_index, row.seq, &row.national_id, out);
        if let Some(unit) = &row.unit {
            check_unit(
                report,
                &format!("rows.{}.unit", row.source_index),
                unit,
                org,
                out,
            );
        }
    }
    if let (Some(submitted), Some(due)) = (r.submitted, r.due()) {
        if submitted > due {
            out.push(warning(
                report,
                "submitted",
                format!(
                    "submitted {}, after the due date {}",
                    be_iso(submitted),
                    be_iso(due)
                ),
                "SNB-2 reports are due on the 5th of the following month".into(),
            ));
        }
    }
}

fn check_unit<T>(
    source: &Sourced<T>,
    path: &str,
    unit: &str,
    org: Option<&Org>,
    out: &mut Diagnostics,
) {
    let known: Vec<&str> = org
        .map(|o| o.units.iter().map(|u| u.id.as_str()).collect())
        .unwrap_or_default();
    if known.contains(&unit) {
        return;
    }
    let hint = match crate::util::nearest(unit, known.iter().copied()) {
        Some(nearest) => format!(
            "did you mean {nearest}? units in data/org.yaml: {}",
            known.join(", ")
        ),
        None => "add the unit under `units:` in data/org.yaml".into(),
    };
    out.push(error(
        source,
        path,
        format!("unit \"{unit}\" is not in data/org.yaml"),
        hint,
    ));
}

fn check_month_placement<T>(
    source: &Sourced<T>,
    month: ReportMonth,
    folder_year: Option<i32>,
    file_month: Option<u32>,
    out: &mut Diagnostics,
) {
    if month.be_year == 0 {
        return; // unreadable; reported by load
    }
    let Some(fiscal_year) = folder_year else {
        out.push(error(
            source,
            "",
            "the report folder is not named by a fiscal year".into(),
            format!("put the file under data/reports/{}/", month.fiscal_year()),
        ));
        return;
    };
    if month.fiscal_year() != fiscal_year {
        out.push(error(
            source,
            "month",
            format!("month {month} is outside fiscal year {fiscal_year}"),
            format!(
                "fiscal year {fiscal_year} runs from {}-10 to {fiscal_year}-09; correct `month` or move the file to data/reports/{}/",
                fiscal_year - 1,
                month.fiscal_year()
            ),
        ));
    }
    if file_month != Some(month.month) {
        let name = source
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(error(
            source,
            "month",
            format!("month {month} does not match the file name {name}"),
            format!("name the file after its month: {:02}.yaml", month.month),
        ));
    }
}

fn check_count<T>(source: &Sourced<T>, declared: u32, rows: usize, out: &mut Diagnostics) {
    if declared as usize != rows {
        out.push(error(
            source,
            "count",
            format!("count says {declared} but there are {rows} rows"),
            format!("set `count: {rows}` or add the missing rows"),
        ));
    }
}

fn check_national_id<T>(
    source: &Sourced<T>,
    index: usize,
    seq: u32,
    id: &str,
    out: &mut Diagnostics,
) {
    let path = format!("rows.{index}.national_id");
    let (message, hint) = match national_id::problem(id) {
        None => return,
        Some(IdProblem::NotADigit(c)) => (
            format!("national ID in row {seq} contains \"{c}\", which is not a digit"),
            "write the 13 digits in Arabic or Thai numerals; dashes and spaces are allowed"
                .to_string(),
        ),
        Some(IdProblem::Length(n)) => (
            format!("national ID in row {seq} has {n} digits instead of 13"),
            "copy all 13 digits from the ID card".to_string(),
        ),
        Some(IdProblem::Checksum { .. }) => (
            format!("national ID in row {seq} fails the checksum"),
            "a digit is mistyped: compare the number with the ID card".to_string(),
        ),
    };
    out.push(error(source, &path, message, hint));
}

fn check_duplicates<'a, T>(
    source: &Sourced<T>,
    rows: impl Iterator<Item = (usize, u32, &'a str)>,
    out: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for (index, seq, id) in rows {
        if id.is_empty() {
            continue;
        }
        match seen.get(id) {
            Some(first) => out.push(error(
                source,
                &format!("rows.{index}.national_id"),
                format!("row {seq} is the same person as row {first}"),
                "list each person once per unit and month; merge the two rows".into(),
            )),
            None => {
                seen.insert(id, seq);
            }
        }
    }
}

/// The province's SNB-2 rows that name a unit should match that unit's SP-12 report.
fn check_snb2_against_sp12(
    snb2: &Sourced<Snb2Report>,
    sp12: &[Sourced<Sp12Report>],
    out: &mut Diagnostics,
) {
    let month = snb2.value.month;
    let mut per_unit: Vec<(&str, usize)> = Vec::new();
    for row in &snb2.value.rows {
        let Some(unit) = row.unit.as_deref() else {
            continue;
        };
        match per_unit.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, n)) => *n += 1,
            None => per_unit.push((unit, 1)),
        }
    }
    for (unit, in_snb2) in per_unit {
        let Some(report) = sp12
            .iter()
            .find(|r| r.value.unit == unit && r.value.month == month)
        else {
            continue;
        };
        // ระวังภัย (drug-prevention publicity) is reported on SP-12 only.
        let in_sp12 = report
            .value
            .rows
            .iter()
            .filter(|r| r.assistance != AssistanceType::Watch)
            .count();
        if in_sp12 != in_snb2 {
            out.push(warning(
                snb2,
                "rows",
                format!(
                    "has {in_snb2} rows for unit {unit} in {month}, but the unit's SP-12 report has {in_sp12} (not counting ระวังภัย)"
                ),
                format!("{} is the unit's report; the two should agree", display(&report.file)),
            ));
        }
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn check_targets(targets: &Sourced<Targets>, out: &mut Diagnostics) {
    let FileKind::Targets { fiscal_year } = layout::classify(&targets.file) else {
        return;
    };
    let declared = targets.value.fiscal_year;
    if declared != 0 && fiscal_year != Some(declared) {
        out.push(error(
            targets,
            "fiscal_year",
            format!("fiscal_year {declared} does not match the file name"),
            format!("name the file {declared}.yaml"),
        ));
    }
}

fn check_staff(
    staff: &Sourced<StaffRecords>,
    plan: Option<&CompetencyPlan>,
    out: &mut Diagnostics,
) {
    let Some(plan) = plan else { return };
    let ids: Vec<&str> = plan
        .groups
        .iter()
        .flat_map(|g| &g.courses)
        .map(|c| c.id.as_str())
        .collect();
    for member in &staff.value.staff {
        for (c, done) in member.completed.iter().enumerate() {
            if plan.course(&done.course).is_some() {
                continue;
            }
            let nearest = crate::util::nearest(&done.course, ids.iter().copied()).unwrap_or("");
            let path = format!("staff.{}.completed.{c}.course", member.source_index);
            out.push(error(
                staff,
                &path,
                format!(
                    "course \"{}\" is not in data/competency/plan.yaml",
                    done.course
                ),
                format!("did you mean {nearest}?"),
            ));
        }
    }
}

fn check_unit_ids(org: &Sourced<Org>, out: &mut Diagnostics) {
    for (i, unit) in org.value.units.iter().enumerate() {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if unit.id.is_empty() || !unit.id.chars().all(plain) {
            out.push(error(
                org,
                &format!("units.{i}.id"),
                format!(
                    "unit id \"{}\" may hold only Latin letters, digits, `-` and `_`",
                    unit.id
                ),
                "the id names the unit's report folder and its page on the site, e.g. klong-niyom"
                    .into(),
            ));
        }
        if org.value.units[..i].iter().any(|u| u.id == unit.id) {
            out.push(error(
                org,
                &format!("units.{i}.id"),
                format!("unit id \"{}\" is used twice", unit.id),
                "give every unit its own id: it names the unit's report folder".into(),
            ));
        }
    }
}
