//! The official monthly forms: แบบ สป-๑๒ (one per unit-month) and แบบ สนบ.๒ (one per
//! province-month). National IDs are masked; with `with_ids` a second copy with full IDs
//! goes to `private/`.

use std::path::PathBuf;

use rayon::prelude::*;
use typst::foundations::Dict;

use super::engine::Job;
use super::values::{array, dict, flag, text, wrapping};
use crate::data::{AssistanceType, Coded, Data, Snb2Report, Sp12Report, Totals, Unit};
use crate::generate::figures;
use crate::thai::dates::{month_year, Numerals};

/// Whether a copy shows national IDs in full (for `private/`) or masked (for `pdf/`).
pub use crate::data::Shown as Ids;

/// Where a form's copy goes: published copies beside the other PDFs, full ones in `private/`.
fn folder(ids: Ids) -> &'static str {
    match ids {
        Ids::Masked => "pdf",
        Ids::Full => "private",
    }
}

/// One SP-12 or SNB-2 PDF to produce: where it goes, a key of everything it shows, and the
/// means to build its Typst inputs. Building them splits every name into words (100,000 names
/// at 93 units), so that waits until the form is known to need typesetting.
pub struct Form<'a> {
    pub output: PathBuf,
    pub template: &'static str,
    /// A hash of the report data the form is made from (with its masking and numerals).
    pub key: u64,
    report: Report<'a>,
    ids: Ids,
}

enum Report<'a> {
    Sp12(&'a Sp12Report, Option<&'a Unit>),
    Snb2(&'a Snb2Report),
}

impl Form<'_> {
    /// The form's Typst job.
    pub fn job(&self, province: &str, numerals: Numerals) -> Job {
        let inputs = match self.report {
            Report::Sp12(report, unit) => sp12_inputs(report, unit, province, numerals, self.ids),
            Report::Snb2(report) => snb2_inputs(report, province, numerals, self.ids),
        };
        Job {
            output: self.output.clone(),
            template: self.template,
            inputs,
        }
    }
}

/// The province the forms name when a report does not.
pub fn province(data: &Data) -> &str {
    data.org
        .as_ref()
        .map(|o| o.value.province.as_str())
        .unwrap_or_default()
}

/// Every SP-12 and SNB-2 report in `data`, masked, plus full-ID copies when asked.
pub fn forms(data: &Data, numerals: Numerals, with_ids: bool) -> Vec<Form<'_>> {
    let copies: &[Ids] = if with_ids {
        &[Ids::Masked, Ids::Full]
    } else {
        &[Ids::Masked]
    };
    let province = province(data);
    let thai_digits = numerals == Numerals::Thai;
    let mut forms = Vec::new();
    // The SNB-2 forms first: each holds a month of the whole province (thousands of rows at
    // 93 units), and a batch ends soonest when its longest jobs do not start last.
    for &ids in copies {
        forms.par_extend(data.snb2.par_iter().map(|report| {
            let report = &report.value;
            let rows: Vec<_> = report
                .rows
                .iter()
                .map(|r| {
                    let shown = (&r.plan, &r.name, &r.national_id, r.assistance, r.worker);
                    (r.seq, shown, r.listed_in_2563_db)
                })
                .collect();
            let key = super::fingerprint(&(
                &report.province,
                province,
                report.month,
                rows,
                thai_digits,
                ids,
            ));
            Form {
                output: snb2_output(report, ids),
                template: "snb2.typ",
                key,
                report: Report::Snb2(report),
                ids,
            }
        }));
    }
    for &ids in copies {
        forms.par_extend(data.sp12.par_iter().map(|report| {
            let report = &report.value;
            let unit = data.org.as_ref().and_then(|o| o.value.unit(&report.unit));
            let shown_unit = unit.map(|u| (&u.name, u.moo, &u.sub_district, &u.district));
            let rows: Vec<_> = report
                .rows
                .iter()
                .map(|r| (r.seq, &r.name, &r.national_id, r.assistance, r.worker))
                .collect();
            let key = super::fingerprint(&(
                &report.unit,
                shown_unit,
                province,
                report.month,
                rows,
                thai_digits,
                ids,
            ));
            Form {
                output: sp12_output(report, ids),
                template: "sp12.typ",
                key,
                report: Report::Sp12(report, unit),
                ids,
            }
        }));
    }
    forms
}

/// Jobs for every SP-12 and SNB-2 report in `data`, masked, plus full-ID copies when asked.
pub fn jobs(data: &Data, numerals: Numerals, with_ids: bool) -> Vec<Job> {
    let province = province(data);
    // Made in parallel: a province's forms hold 100,000 rows, each name split into words.
    forms(data, numerals, with_ids)
        .par_iter()
        .map(|form| form.job(province, numerals))
        .collect()
}

/// Where a unit-month's SP-12 form is written.
pub fn sp12_output(report: &Sp12Report, ids: Ids) -> PathBuf {
    PathBuf::from(format!(
        "{}/sp12-{}-{}.pdf",
        folder(ids),
        report.month.code(),
        crate::util::slug::file_part(&report.unit)
    ))
}

/// Where a month's SNB-2 form is written.
pub fn snb2_output(report: &Snb2Report, ids: Ids) -> PathBuf {
    PathBuf::from(format!("{}/snb2-{}.pdf", folder(ids), report.month.code()))
}

/// แบบ สนบ.๑ for every month with a report, from the same totals as the results pages
/// (counts only: no names, no IDs).
pub fn snb1_jobs(data: &Data, totals: &Totals, numerals: Numerals) -> Vec<Job> {
    let org = data.org.as_ref().map(|o| &o.value);
    let province = org.map(|o| o.province.as_str()).unwrap_or_default();
    totals
        .years
        .iter()
        .flat_map(|year| {
            figures::snb1_months(year)
                .into_iter()
                .map(move |month| figures::snb1(year, month, org, numerals))
        })
        .map(|report| {
            let sections = report.sections.iter().map(|(title, table)| {
                typst::foundations::Value::Dict(dict([
                    ("title", wrapping(title)),
                    ("table", super::annual::table_value(table)),
                ]))
            });
            let inputs = dict([
                ("title", text(figures::SNB1_TITLE)),
                (
                    "month",
                    text(month_year(
                        report.month.be_year,
                        report.month.month,
                        numerals,
                    )),
                ),
                ("lines", array(report.lines.iter().map(|l| wrapping(l)))),
                ("sections", array(sections)),
                ("province", wrapping(province)),
                ("thai_digits", flag(numerals == Numerals::Thai)),
            ]);
            Job {
                output: PathBuf::from(format!("pdf/snb1-{}.pdf", report.month.code())),
                template: "snb1.typ",
                inputs,
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

fn sp12_inputs(
    report: &Sp12Report,
    unit: Option<&Unit>,
    province: &str,
    numerals: Numerals,
    ids: Ids,
) -> Dict {
    let rows = report.rows.iter().map(|row| {
        typst::foundations::Value::Dict(dict([
            ("no", text(numerals.apply(&row.seq.to_string()))),
            ("name", wrapping(&ids.name(&row.name))),
            ("id", text(numerals.apply(&ids.id(&row.national_id)))),
            ("assistance", text(row.assistance.label())),
            ("worker", text(row.worker.label())),
        ]))
    });
    let (unit_name, address) = match unit {
        Some(u) => (u.form_name(), numerals.apply(&u.address())),
        None => (format!("หน่วยบริการชุมชน {}", report.unit), String::new()),
    };
    dict([
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
    ])
}

fn snb2_inputs(report: &Snb2Report, org_province: &str, numerals: Numerals, ids: Ids) -> Dict {
    let province = if report.province.is_empty() {
        org_province
    } else {
        &report.province
    };
    let rows = report.rows.iter().map(|row| {
        typst::foundations::Value::Dict(dict([
            ("no", text(numerals.apply(&row.seq.to_string()))),
            ("plan", wrapping(&row.plan)),
            ("name", wrapping(&ids.name(&row.name))),
            ("id", text(numerals.apply(&ids.id(&row.national_id)))),
            ("assistance", text(row.assistance.label())),
            ("worker", text(row.worker.label())),
            ("listed", flag(row.listed_in_2563_db)),
        ]))
    });
    dict([
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
    ])
}
