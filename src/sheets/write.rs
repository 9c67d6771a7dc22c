//! Writing `.xlsx` workbooks with rust_xlsxwriter: a monthly form laid out like the paper
//! form (blank as a template, or filled from the data), and a report made of tables
//! (แบบ สนบ.๑). Every workbook carries fixed document dates, so the same data gives the
//! same bytes.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Workbook, Worksheet, XlsxError,
};

use super::form::{Field, FormKind, CHECK};
use crate::generate::figures::Table;

/// The hidden sheet that says which form, unit and month a workbook is for.
pub const IDENTITY_SHEET: &str = "khumue";
/// Its keys, in column A (values in column B).
pub const KEY_FORM: &str = "form";
pub const KEY_UNIT: &str = "unit";
pub const KEY_MONTH: &str = "month";

/// Where the form's header and table stand (0-based rows).
pub const COUNT_ROW: u32 = 4;
pub const HEADER_ROW: u32 = 6;
pub const COUNT_LABEL: &str = "จำนวน (ราย)";
pub const SUBMITTED_LABEL: &str = "วันที่ส่งรายงาน";
/// Empty rows a printed template shows below its header, to be filled by hand.
const PRINTED_BLANK_ROWS: u32 = 20;

const FONT: &str = "Sarabun";
const FONT_SIZE: f64 = 14.0;
const ROW_HEIGHT: f64 = 21.0;

/// A value written into a cell.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Out {
    Number(u64),
    Text(String),
}

/// One monthly form, blank or filled. Everything a workbook shows is in it: its hash keys the
/// workbook (see `crate::artifact`).
#[derive(Debug, Clone, Hash)]
pub struct FormSheet {
    pub kind: FormKind,
    /// Header lines under the form's title (unit, province and month), already in Thai digits
    /// where wanted.
    pub lines: Vec<String>,
    /// Stored in the identity sheet: the unit id (SP-12 only) and `2564-05`.
    pub unit: Option<String>,
    pub month: String,
    pub count: Option<u64>,
    /// As the sheet shows it: `25/05/2564`.
    pub submitted: Option<String>,
    /// Cells in the order of `kind.columns()`.
    pub rows: Vec<Vec<Out>>,
    /// Empty rows below the data that keep the drop-down lists and formats (a template).
    pub blank_rows: u32,
    /// Labels offered by the drop-down lists.
    pub assistance: Vec<&'static str>,
    pub workers: Vec<&'static str>,
    pub units: Vec<String>,
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(FONT_SIZE)
}

fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    // zlib's fast deflate, as for the site archive: some 4% larger, written in two thirds of
    // the time, while the PDFs are typeset on the same cores.
    workbook.set_zip_compression_level(3);
    // Fixed, so that a rebuild with the same data writes the same bytes.
    let date = ExcelDateTime::from_ymd(2020, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&date)
            .set_author("khumue"),
    );
    Ok(workbook)
}

fn a4_landscape(sheet: &mut Worksheet) {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

/// The form as an `.xlsx` file.
pub fn form_workbook(form: &FormSheet) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = new_workbook()?;
    let columns = form.kind.columns();
    let last_col = (columns.len() - 1) as u16;
    let text = base().set_num_format("@");
    let bold = base().set_bold();
    let cell = base().set_border(FormatBorder::Thin).set_text_wrap();
    let text_cell = cell.clone().set_num_format("@");
    let centered = cell.clone().set_align(FormatAlign::Center);
    let header = bold
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);

    let sheet = workbook.add_worksheet();
    sheet.set_name(form.kind.sheet_name())?;
    a4_landscape(sheet);
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        form.kind.title(),
        &bold.clone().set_align(FormatAlign::Right),
    )?;
    for (i, line) in form.lines.iter().enumerate() {
        let format = if i == 0 { bold.clone() } else { base().clone() };
        sheet.merge_range(
            1 + i as u32,
            0,
            1 + i as u32,
            last_col,
            line,
            &format.set_align(FormatAlign::Center),
        )?;
    }
    // Labels in the wide columns (name, ID), each value in the cell right of its label.
    let right = bold.clone().set_align(FormatAlign::Right);
    sheet.write_string_with_format(COUNT_ROW, 1, COUNT_LABEL, &right)?;
    match form.count {
        Some(n) => sheet.write_number_with_format(COUNT_ROW, 2, n as f64, &centered)?,
        None => sheet.write_blank(COUNT_ROW, 2, &centered)?,
    };
    sheet.write_string_with_format(COUNT_ROW, 3, SUBMITTED_LABEL, &right)?;
    match &form.submitted {
        Some(date) => sheet.write_string_with_format(COUNT_ROW, 4, date, &text_cell)?,
        None => sheet.write_blank(COUNT_ROW, 4, &text_cell)?,
    };

    // Thai marks above and below the line need more than the default 15 points.
    for r in 0..HEADER_ROW {
        sheet.set_row_height(r, ROW_HEIGHT)?;
    }
    sheet.set_row_height(HEADER_ROW, 60)?;
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, column.width)?;
        let format = if is_text_column(column.field) {
            &text
        } else {
            &base()
        };
        sheet.set_column_format(c, format)?;
        sheet.write_string_with_format(HEADER_ROW, c, column.header, &header)?;
    }
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;

    let first = HEADER_ROW + 1;
    for (r, row) in form.rows.iter().enumerate() {
        let r = first + r as u32;
        for (c, (value, column)) in row.iter().zip(columns).enumerate() {
            let c = c as u16;
            let format = match column.field {
                Field::Seq | Field::Listed | Field::NotListed => &centered,
                f if is_text_column(f) => &text_cell,
                _ => &cell,
            };
            match value {
                Out::Number(n) => sheet.write_number_with_format(r, c, *n as f64, format)?,
                Out::Text(t) if t.is_empty() => sheet.write_blank(r, c, format)?,
                Out::Text(t) => sheet.write_string_with_format(r, c, t, format)?,
            };
        }
    }
    let last = first + (form.rows.len() as u32 + form.blank_rows).max(1) - 1;
    for r in first..=last {
        sheet.set_row_height(r, ROW_HEIGHT)?;
    }
    for r in first + form.rows.len() as u32..=last {
        for (c, column) in columns.iter().enumerate() {
            let format = if is_text_column(column.field) {
                &text_cell
            } else {
                &cell
            };
            sheet.write_blank(r, c as u16, format)?;
        }
    }
    if form.blank_rows > 0 {
        let printed = first + form.rows.len() as u32 + PRINTED_BLANK_ROWS.min(form.blank_rows);
        sheet.set_print_area(0, 0, printed - 1, last_col)?;
    }
    for (c, column) in columns.iter().enumerate() {
        let list = match column.field {
            Field::Assistance => DataValidation::new().allow_list_strings(&form.assistance)?,
            Field::Worker => DataValidation::new().allow_list_strings(&form.workers)?,
            Field::Listed | Field::NotListed => {
                DataValidation::new().allow_list_strings(&[CHECK])?
            }
            Field::Unit if !form.units.is_empty() => DataValidation::new().allow_list_formula(
                Formula::new(format!("={IDENTITY_SHEET}!$D$1:$D${}", form.units.len())),
            ),
            _ => continue,
        };
        sheet.add_data_validation(first, c as u16, last, c as u16, &list)?;
    }

    let identity = workbook.add_worksheet();
    identity.set_name(IDENTITY_SHEET)?;
    identity.set_hidden(true);
    let pairs = [
        (KEY_FORM, form.kind.code()),
        (KEY_UNIT, form.unit.as_deref().unwrap_or("")),
        (KEY_MONTH, form.month.as_str()),
    ];
    for (r, (key, value)) in pairs.iter().enumerate() {
        identity.write_string_with_format(r as u32, 0, *key, &text)?;
        identity.write_string_with_format(r as u32, 1, *value, &text)?;
    }
    for (r, unit) in form.units.iter().enumerate() {
        identity.write_string_with_format(r as u32, 3, unit, &text)?;
    }
    workbook.save_to_buffer()
}

/// Columns whose cells are text even when they look like numbers or dates: an ID keeps all
/// 13 digits, a typed date stays as typed.
fn is_text_column(field: Field) -> bool {
    matches!(field, Field::NationalId | Field::Served | Field::Name)
}

/// A report made of titled tables (แบบ สนบ.๑): `lines` above (the first is the title).
pub fn tables_workbook(
    sheet_name: &str,
    form_title: &str,
    lines: &[String],
    sections: &[(String, Table)],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = new_workbook()?;
    let columns = sections
        .iter()
        .map(|(_, t)| t.header.len())
        .max()
        .unwrap_or(1)
        .max(2);
    let last_col = (columns - 1) as u16;
    let bold = base().set_bold();
    let cell = base().set_border(FormatBorder::Thin).set_text_wrap();
    let header = bold
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let total = bold.clone().set_border(FormatBorder::Thin);

    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    a4_landscape(sheet);
    sheet.set_column_width(0, 46)?;
    for c in 1..columns {
        sheet.set_column_width(c as u16, 18)?;
    }
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        form_title,
        &bold.clone().set_align(FormatAlign::Right),
    )?;
    let mut r = 1u32;
    for (i, line) in lines.iter().enumerate() {
        let format = if i == 0 { bold.clone() } else { base() };
        sheet.merge_range(
            r,
            0,
            r,
            last_col,
            line,
            &format.set_align(FormatAlign::Center),
        )?;
        r += 1;
    }
    for (title, table) in sections {
        r += 1;
        sheet.write_string_with_format(r, 0, title, &bold)?;
        r += 1;
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, h, &header)?;
        }
        r += 1;
        for (i, row) in table.rows.iter().enumerate() {
            let is_total = table.total_row && i + 1 == table.rows.len();
            for (c, value) in row.iter().enumerate() {
                let format = if is_total { &total } else { &cell };
                write_figure(sheet, r, c as u16, value, format)?;
            }
            r += 1;
        }
    }
    workbook.save_to_buffer()
}

/// A shown figure as a number cell when it is a plain count (`1,234` in either digits), so
/// that the sheet can add it up; anything else as text.
fn write_figure(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let arabic = crate::thai::digits::to_arabic(value).replace(',', "");
    let is_count = col > 0
        && !arabic.is_empty()
        && arabic.len() < 16
        && arabic.chars().all(|c| c.is_ascii_digit());
    match arabic.parse::<u64>() {
        Ok(n) if is_count => sheet.write_number_with_format(row, col, n as f64, format)?,
        _ => sheet.write_string_with_format(row, col, value, format)?,
    };
    Ok(())
}
