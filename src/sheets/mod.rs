//! The monthly forms as spreadsheets, both ways: templates and filled copies out (`.xlsx`,
//! beside the PDFs), filled forms in (`import`: `.xlsx`, `.ods`, `.csv` → the unit-month's
//! YAML, checked by the same load and validate stages as `khumue check`).

pub mod form;
pub mod import;
pub mod read;
mod write;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::artifact::{OutputFile, Previous};
use crate::data::{
    AssistanceType, Coded, Data, Org, ReportMonth, Shown, Snb2Report, Sp12Report, Totals,
    WorkerType,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::generate::figures;
use crate::thai::dates::{self, Numerals};
use form::{Field, FormKind, CHECK};
use write::{FormSheet, Out};

pub use write::IDENTITY_SHEET;

/// Rows a template offers below its header, with drop-down lists and formats.
const TEMPLATE_ROWS: u32 = 200;

/// A date as the sheets show it and people type it: `15/06/2564`.
pub fn sheet_date(date: NaiveDate) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        date.month(),
        dates::be_year(date.year())
    )
}

fn header_lines(
    kind: FormKind,
    org: Option<&Org>,
    unit: Option<&str>,
    month: ReportMonth,
    n: Numerals,
) -> Vec<String> {
    let province = org.map(|o| o.province.as_str()).unwrap_or_default();
    let when = format!(
        "จังหวัด{province}   ประจำเดือน {}",
        dates::month_year(month.be_year, month.month, n)
    );
    match kind {
        FormKind::Sp12 => {
            let unit_line = match unit.and_then(|id| org.and_then(|o| o.unit(id))) {
                Some(u) => format!("{} {}", u.form_name(), n.apply(&u.address())),
                None => format!("หน่วยบริการชุมชน {}", unit.unwrap_or_default()),
            };
            vec![
                "รายงานผลการดำเนินงานของศูนย์ประสานงานแรงงานนอกระบบ (ภาคประชาชน)".into(),
                unit_line,
                when,
            ]
        }
        FormKind::Snb2 => vec![
            format!(
                "รายงานผลการดำเนินงานตามแผนปฏิบัติการด้านแรงงานนอกระบบ ปี {}",
                n.apply(&month.fiscal_year().to_string())
            ),
            when,
        ],
    }
}

fn labels<T: Coded>(values: &[T]) -> Vec<&'static str> {
    values.iter().map(|v| v.label()).collect()
}

fn empty_form(
    kind: FormKind,
    data: &Data,
    unit: Option<&str>,
    month: ReportMonth,
    n: Numerals,
) -> FormSheet {
    let org = data.org.as_ref().map(|o| &o.value);
    let assistance: &[AssistanceType] = match kind {
        FormKind::Sp12 => AssistanceType::ALL,
        // ระวังภัย is reported on SP-12 only.
        FormKind::Snb2 => &AssistanceType::ALL[..3],
    };
    FormSheet {
        kind,
        lines: header_lines(kind, org, unit, month, n),
        unit: unit.map(str::to_string),
        month: month.code(),
        count: None,
        submitted: None,
        rows: Vec::new(),
        blank_rows: 0,
        assistance: labels(assistance),
        workers: labels(WorkerType::ALL),
        units: match kind {
            FormKind::Sp12 => Vec::new(),
            FormKind::Snb2 => org
                .map(|o| o.units.iter().map(|u| u.name.clone()).collect())
                .unwrap_or_default(),
        },
    }
}

/// A blank form for one unit-month (SP-12) or the province's month (SNB-2).
pub fn template(
    data: &Data,
    kind: FormKind,
    unit: Option<&str>,
    month: ReportMonth,
    n: Numerals,
) -> Result<Vec<u8>, String> {
    let mut form = empty_form(kind, data, unit, month, n);
    form.blank_rows = TEMPLATE_ROWS;
    write::form_workbook(&form).map_err(|e| format!("cannot write the workbook: {e}"))
}

/// Where a sheet's copy goes: published copies in `xlsx/`, full ones in `private/`.
fn folder(copy: Shown) -> &'static str {
    match copy {
        Shown::Masked => "xlsx",
        Shown::Full => "private",
    }
}

fn sp12_form(data: &Data, report: &Sp12Report, n: Numerals, copy: Shown) -> FormSheet {
    let mut form = empty_form(FormKind::Sp12, data, Some(&report.unit), report.month, n);
    form.count = Some(u64::from(report.declared_count));
    form.submitted = report.submitted.map(sheet_date);
    form.rows = report
        .rows
        .iter()
        .map(|row| {
            FormKind::Sp12
                .columns()
                .iter()
                .map(|column| match column.field {
                    Field::Seq => Out::Number(u64::from(row.seq)),
                    Field::Name => Out::Text(copy.name(&row.name)),
                    Field::NationalId => Out::Text(copy.id(&row.national_id)),
                    Field::Assistance => Out::Text(row.assistance.label().into()),
                    Field::Worker => Out::Text(row.worker.label().into()),
                    Field::Served => Out::Text(row.served.map(sheet_date).unwrap_or_default()),
                    Field::Note => Out::Text(row.note.clone().unwrap_or_default()),
                    _ => Out::Text(String::new()),
                })
                .collect()
        })
        .collect();
    form
}

fn snb2_form(data: &Data, report: &Snb2Report, n: Numerals, copy: Shown) -> FormSheet {
    let org = data.org.as_ref().map(|o| &o.value);
    let mut form = empty_form(FormKind::Snb2, data, None, report.month, n);
    form.count = Some(u64::from(report.declared_count));
    form.submitted = report.submitted.map(sheet_date);
    let mark = |on: bool| Out::Text(if on { CHECK } else { "" }.into());
    form.rows = report
        .rows
        .iter()
        .map(|row| {
            FormKind::Snb2
                .columns()
                .iter()
                .map(|column| match column.field {
                    Field::Seq => Out::Number(u64::from(row.seq)),
                    Field::Plan => Out::Text(row.plan.clone()),
                    Field::Name => Out::Text(copy.name(&row.name)),
                    Field::NationalId => Out::Text(copy.id(&row.national_id)),
                    Field::Assistance => Out::Text(row.assistance.label().into()),
                    Field::Worker => Out::Text(row.worker.label().into()),
                    Field::Listed => mark(row.listed_in_2563_db),
                    Field::NotListed => mark(!row.listed_in_2563_db),
                    Field::Unit => Out::Text(
                        row.unit
                            .as_deref()
                            .map(|id| {
                                org.and_then(|o| o.unit(id))
                                    .map_or(id.to_string(), |u| u.name.clone())
                            })
                            .unwrap_or_default(),
                    ),
                    _ => Out::Text(String::new()),
                })
                .collect()
        })
        .collect();
    form
}

/// The report a filled form's sheet is made from.
enum Filled<'a> {
    Sp12(&'a Sp12Report),
    Snb2(&'a Snb2Report),
}

/// Every monthly form as `.xlsx`: `xlsx/` masked like the PDFs, full copies under `private/`
/// with `with_ids`, and แบบ สนบ.๑ for every month with a report. Each workbook is keyed by
/// everything it shows: one whose key `previous` holds is taken over, not written again.
pub fn outputs(
    data: &Data,
    totals: &Totals,
    n: Numerals,
    with_ids: bool,
    previous: &Previous,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let copies: &[Shown] = if with_ids {
        &[Shown::Masked, Shown::Full]
    } else {
        &[Shown::Masked]
    };
    let fail = |path: &Path, e: rust_xlsxwriter::XlsxError| {
        Diagnostics::from(Diagnostic::error(
            path,
            0,
            0,
            format!("cannot write the workbook: {e}"),
        ))
    };
    // A form's sheet is cheap to lay out and costly to write (XML, then deflate): it is laid
    // out first, and its hash decides whether it is written.
    let mut forms: Vec<(PathBuf, Filled, Shown)> = Vec::new();
    for &copy in copies {
        for report in &data.sp12 {
            let r = &report.value;
            let path = format!(
                "{}/sp12-{}-{}.xlsx",
                folder(copy),
                r.month.code(),
                crate::util::slug::file_part(&r.unit)
            );
            forms.push((path.into(), Filled::Sp12(r), copy));
        }
        for report in &data.snb2 {
            let r = &report.value;
            let path = format!("{}/snb2-{}.xlsx", folder(copy), r.month.code());
            forms.push((path.into(), Filled::Snb2(r), copy));
        }
    }
    let mut files = forms
        .into_par_iter()
        .map(|(path, filled, copy)| {
            let form = match filled {
                Filled::Sp12(r) => sp12_form(data, r, n, copy),
                Filled::Snb2(r) => snb2_form(data, r, n, copy),
            };
            let key = crate::artifact::key(&("xlsx form", &path, &form));
            previous.take_or_make(path.clone(), key, || {
                write::form_workbook(&form).map_err(|e| fail(&path, e))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let org = data.org.as_ref().map(|o| &o.value);
    let snb1: Vec<_> = totals
        .years
        .iter()
        .flat_map(|year| {
            figures::snb1_months(year)
                .into_iter()
                .map(move |month| figures::snb1(year, month, org, n))
        })
        .collect();
    files.par_extend(
        snb1.into_par_iter()
            .map(|report| {
                let path = PathBuf::from(format!("xlsx/snb1-{}.xlsx", report.month.code()));
                let key = crate::artifact::key(&(
                    "xlsx snb1",
                    &path,
                    figures::SNB1_TITLE,
                    &report.lines,
                    &report.sections,
                ));
                previous.take_or_make(path.clone(), key, || {
                    write::tables_workbook(
                        "สนบ.๑",
                        figures::SNB1_TITLE,
                        &report.lines,
                        &report.sections,
                    )
                    .map_err(|e| fail(&path, e))
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    );
    Ok(files)
}
