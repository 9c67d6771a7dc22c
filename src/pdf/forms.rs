//! The official monthly forms: แบบ สป-๑๒ (one per unit-month) and แบบ สนบ.๒ (one per
//! province-month). National IDs are masked; with `with_ids` a second copy with full IDs
//! goes to `private/`.

use std::path::PathBuf;

use rayon::prelude::*;

use super::engine::Job;
use super::values::{array, dict, flag, text, wrapping};
use crate::data::{
    format_national_id, mask_name, mask_national_id, AssistanceType, Coded, Data, Snb2Report,
    Sp12Report, Unit,
};
use crate::thai::dates::{month_year, Numerals};

/// Whether a copy shows national IDs in full (for `private/`) or masked (for `pdf/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    Masked,
    Full,
}

impl Ids {
    fn show(self, id: &str) -> String {
        match self {
            Ids::Masked => mask_national_id(id),
            Ids::Full => format_national_id(id),
        }
    }

    /// Publishable copies carry no assisted person's full name either.
    fn show_name(self, name: &str) -> String {
        match self {
            Ids::Masked => mask_name(name),
            Ids::Full => name.to_string(),
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Ids::Masked => "pdf",
            Ids::Full => "private",
        }
    }
}

/// Jobs for every SP-12 and SNB-2 report in `data`, masked, plus full-ID copies when asked.
pub fn jobs(data: &Data, numerals: Numerals, with_ids: bool) -> Vec<Job> {
    let copies: &[Ids] = if with_ids {
        &[Ids::Masked, Ids::Full]
    } else {
        &[Ids::Masked]
    };
    let province = data
        .org
        .as_ref()
        .map(|o| o.value.province.as_str())
        .unwrap_or_default();
    let mut jobs = Vec::new();
    // The SNB-2 forms first: each holds a month of the whole province (thousands of rows at
    // 93 units), and a batch ends soonest when its longest jobs do not start last.
    // Made in parallel: a province's forms hold 100,000 rows, each name split into words.
    for &ids in copies {
        jobs.par_extend(
            data.snb2
                .par_iter()
                .map(|report| snb2_job(&report.value, province, numerals, ids)),
        );
    }
    for &ids in copies {
        jobs.par_extend(data.sp12.par_iter().map(|report| {
            let unit = data
                .org
                .as_ref()
                .and_then(|o| o.value.unit(&report.value.unit));
            sp12_job(&report.value, unit, province, numerals, ids)
        }));
    }
    jobs
}

/// Where a unit-month's SP-12 form is written.
pub fn sp12_output(report: &Sp12Report, ids: Ids) -> PathBuf {
    PathBuf::from(format!(
        "{}/sp12-{}-{}.pdf",
        ids.folder(),
        report.month.code(),
        file_part(&report.unit)
    ))
}

/// Where a month's SNB-2 form is written.
pub fn snb2_output(report: &Snb2Report, ids: Ids) -> PathBuf {
    PathBuf::from(format!("{}/snb2-{}.pdf", ids.folder(), report.month.code()))
}

/// A file name part made only of safe characters (unit ids come from folder names).
fn file_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn notes(types: &[AssistanceType]) -> typst::foundations::Value {
    array(types.iter().map(|t| {
        typst::foundations::Value::Dict(dict([
            ("label", text(t.label())),
            ("meaning", wrapping(t.meaning())),
        ]))
    }))
}

pub fn sp12_job(
    report: &Sp12Report,
    unit: Option<&Unit>,
    province: &str,
    numerals: Numerals,
    ids: Ids,
) -> Job {
    let rows = report.rows.iter().map(|row| {
        typst::foundations::Value::Dict(dict([
            ("no", text(numerals.apply(&row.seq.to_string()))),
            ("name", wrapping(&ids.show_name(&row.name))),
            ("id", text(ids.show(&row.national_id))),
            ("assistance", text(row.assistance.label())),
            ("worker", text(row.worker.label())),
        ]))
    });
    let (unit_name, address) = match unit {
        Some(u) if u.name.starts_with("หน่วยบริการชุมชน") => {
            (u.name.clone(), numerals.apply(&u.address()))
        }
        Some(u) => (
            format!("หน่วยบริการชุมชน{}", u.name),
            numerals.apply(&u.address()),
        ),
        None => (format!("หน่วยบริการชุมชน {}", report.unit), String::new()),
    };
    let inputs = dict([
        ("province", wrapping(province)),
        (
            "month",
            text(month_year(
                report.month.be_year,
                report.month.month,
                numerals,
            )),
        ),
        (
            "count",
            text(numerals.apply(&report.rows.len().to_string())),
        ),
        ("unit", wrapping(&unit_name)),
        ("address", wrapping(&address)),
        ("rows", array(rows)),
        ("notes", notes(AssistanceType::ALL)),
        ("thai_digits", flag(numerals == Numerals::Thai)),
    ]);
    Job {
        output: sp12_output(report, ids),
        template: "sp12.typ",
        inputs,
    }
}

pub fn snb2_job(report: &Snb2Report, org_province: &str, numerals: Numerals, ids: Ids) -> Job {
    let province = if report.province.is_empty() {
        org_province
    } else {
        &report.province
    };
    let rows = report.rows.iter().map(|row| {
        typst::foundations::Value::Dict(dict([
            ("no", text(numerals.apply(&row.seq.to_string()))),
            ("plan", wrapping(&row.plan)),
            ("name", wrapping(&ids.show_name(&row.name))),
            ("id", text(ids.show(&row.national_id))),
            ("assistance", text(row.assistance.label())),
            ("worker", text(row.worker.label())),
            ("listed", flag(row.listed_in_2563_db)),
        ]))
    });
    let inputs = dict([
        ("province", wrapping(province)),
        (
            "month",
            text(month_year(
                report.month.be_year,
                report.month.month,
                numerals,
            )),
        ),
        (
            "count",
            text(numerals.apply(&report.rows.len().to_string())),
        ),
        (
            "plan_year",
            text(numerals.apply(&report.month.fiscal_year().to_string())),
        ),
        ("db_year", text(numerals.apply("2563"))),
        ("rows", array(rows)),
        (
            "notes",
            notes(&[
                AssistanceType::Promote,
                AssistanceType::Protect,
                AssistanceType::Develop,
            ]),
        ),
        ("thai_digits", flag(numerals == Numerals::Thai)),
    ]);
    Job {
        output: snb2_output(report, ids),
        template: "snb2.typ",
        inputs,
    }
}
