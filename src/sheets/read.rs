//! Reading a spreadsheet into a grid of cells: `.xlsx`, `.xls` and `.ods` through calamine,
//! `.csv` through the csv crate (UTF-8 with or without a byte-order mark, or the Windows Thai
//! code page that older Excel writes).

use std::path::Path;

use chrono::NaiveDate;

/// One cell's value as the import reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: whole numbers without a decimal point.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e17 => format!("{}", *x as i64),
            Cell::Number(x) => x.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A worksheet; `rows[r][c]` is the cell at row r + 1, column c + 1 of the sheet.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// None for a CSV file, which has no sheets.
    pub name: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// Spreadsheets larger than this are refused: a monthly form is a few hundred rows.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Every sheet of the file, in order.
pub fn read(path: &Path) -> Result<Vec<Grid>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} MiB; a monthly form is far smaller",
            meta.len() / (1024 * 1024)
        ));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
            Ok(vec![read_csv(&bytes)?])
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path),
        _ => Err(format!(
            "cannot read .{extension} files: save the form as .xlsx, .ods or .csv"
        )),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Grid>, String> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("not a readable spreadsheet: {e}"))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("cannot read sheet {name}: {e}"))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(|value| match value {
                Data::Empty | Data::Error(_) => Cell::Empty,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Cell::Text(s.clone())
                }
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Float(x) => Cell::Number(*x),
                Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "" }.into()),
                Data::DateTime(dt) if dt.is_datetime() => {
                    excel_date(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
                }
                Data::DateTime(dt) => Cell::Number(dt.as_f64()),
            }));
            rows.push(cells);
        }
        grids.push(Grid {
            name: Some(name),
            rows,
        });
    }
    Ok(grids)
}

/// An Excel serial day number (1900 system) as a date.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// A CSV file's text: UTF-8 (a byte-order mark dropped), or else Windows-874 (TIS-620).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_874.decode(bytes).0.into_owned(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Grid, String> {
    let text = decode(bytes);
    // Excel in locales with a decimal comma writes `;` between fields.
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not a readable CSV file: {e}"))?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid { name: None, rows })
}

/// `C7` for row 6, column 2 (0-based).
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_like_spreadsheets() {
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn decodes_utf8_with_bom_and_windows_874() {
        assert_eq!(decode("\u{feff}ชื่อ".as_bytes()), "ชื่อ");
        let (tis, _, _) = encoding_rs::WINDOWS_874.encode("ชื่อ-สกุล");
        assert_eq!(decode(&tis), "ชื่อ-สกุล");
    }

    #[test]
    fn excel_serials_are_dates() {
        assert_eq!(excel_date(44362.0), NaiveDate::from_ymd_opt(2021, 6, 15));
    }
}
