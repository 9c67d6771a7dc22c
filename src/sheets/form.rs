//! The monthly forms as spreadsheets lay them out: which columns, in the paper form's order,
//! under which header text, and the spellings of those headers an import accepts. The writer
//! and the reader both take the layout from here.

use crate::thai::digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// แบบ สป-๑๒: one unit's month.
    Sp12,
    /// แบบ สนบ.๒: the province's month.
    Snb2,
}

impl FormKind {
    /// As stored in the workbook's identity sheet and in file names.
    pub fn code(self) -> &'static str {
        match self {
            FormKind::Sp12 => "sp12",
            FormKind::Snb2 => "snb2",
        }
    }

    pub fn from_code(code: &str) -> Option<FormKind> {
        match code.trim() {
            "sp12" => Some(FormKind::Sp12),
            "snb2" => Some(FormKind::Snb2),
            _ => None,
        }
    }

    /// The form's name as printed: `แบบ สป-๑๒`.
    pub fn title(self) -> &'static str {
        match self {
            FormKind::Sp12 => "แบบ สป-๑๒",
            FormKind::Snb2 => "แบบ สนบ.๒",
        }
    }

    /// The worksheet's name (what cell references in messages start with).
    pub fn sheet_name(self) -> &'static str {
        match self {
            FormKind::Sp12 => "สป-๑๒",
            FormKind::Snb2 => "สนบ.๒",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            FormKind::Sp12 => &SP12,
            FormKind::Snb2 => &SNB2,
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Seq,
    Plan,
    Name,
    NationalId,
    Assistance,
    Worker,
    Served,
    Note,
    /// ✓ when the person is in the 2563 informal-labour database.
    Listed,
    /// ✓ when not.
    NotListed,
    Unit,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: Field,
    /// The header as the template prints it.
    pub header: &'static str,
    /// Width in characters.
    pub width: f64,
}

const SP12: [Column; 7] = [
    col(Field::Seq, "ลำดับที่", 8.0),
    col(Field::Name, "ชื่อ-สกุล", 30.0),
    col(Field::NationalId, "เลขบัตรประจำตัวประชาชน ๑๓ หลัก", 22.0),
    col(Field::Assistance, "ประเภทการช่วยเหลือ/การให้บริการ", 20.0),
    col(
        Field::Worker,
        "ประเภทของแรงงาน (นอกระบบ/สูงอายุ/คนพิการ)",
        22.0,
    ),
    col(Field::Served, "วันที่ให้บริการ (วว/ดด/ปปปป)", 16.0),
    col(Field::Note, "หมายเหตุ", 20.0),
];

const SNB2: [Column; 9] = [
    col(Field::Seq, "ลำดับที่", 8.0),
    col(Field::Plan, "ชื่อแผนงาน/โครงการ/กิจกรรม", 36.0),
    col(Field::Name, "ชื่อ-สกุล", 30.0),
    col(Field::NationalId, "เลขบัตรประจำตัวประชาชน ๑๓ หลัก", 22.0),
    col(Field::Assistance, "ประเภทการช่วยเหลือ", 16.0),
    col(Field::Worker, "ประเภทของแรงงาน", 16.0),
    col(Field::Listed, "มีรายชื่อในฐานข้อมูลแรงงานนอกระบบ ปี ๒๕๖๓", 16.0),
    col(Field::NotListed, "ไม่มีรายชื่อในฐานข้อมูล", 14.0),
    col(Field::Unit, "หน่วยบริการชุมชน", 30.0),
];

const fn col(field: Field, header: &'static str, width: f64) -> Column {
    Column {
        field,
        header,
        width,
    }
}

/// The mark the two database columns take.
pub const CHECK: &str = "✓";

/// Header spellings by field, compared after `normalize`: a header names the field when it
/// starts with one of them. More specific fields come first (`ไม่มีรายชื่อ` before
/// `มีรายชื่อ`, the plan's `ชื่อแผนงาน` before the person's `ชื่อ`).
const SPELLINGS: [(Field, &[&str]); 11] = [
    (Field::Seq, &["ลำดับ", "ที่", "no", "seq"]),
    (
        Field::Plan,
        &["ชื่อแผนงาน", "แผนงาน", "โครงการ", "กิจกรรม", "plan"],
    ),
    (Field::NotListed, &["ไม่มีรายชื่อ", "ไม่มีชื่อ", "ไม่อยู่ในฐานข้อมูล"]),
    (Field::Listed, &["มีรายชื่อ", "มีชื่อ", "อยู่ในฐานข้อมูล", "listed"]),
    (
        Field::NationalId,
        &[
            "เลขบัตรประจำตัวประชาชน",
            "เลขประจำตัวประชาชน",
            "เลขบัตรประชาชน",
            "บัตรประชาชน",
            "เลขบัตร",
            "national_id",
            "nationalid",
        ],
    ),
    (
        Field::Name,
        &[
            "ชื่อ-สกุล",
            "ชื่อสกุล",
            "ชื่อ-นามสกุล",
            "ชื่อนามสกุล",
            "ชื่อและนามสกุล",
            "name",
        ],
    ),
    (
        Field::Assistance,
        &[
            "ประเภทการช่วยเหลือ",
            "ประเภทการให้บริการ",
            "การช่วยเหลือ",
            "assistance",
        ],
    ),
    (
        Field::Worker,
        &["ประเภทของแรงงาน", "ประเภทแรงงาน", "แรงงาน", "worker"],
    ),
    (
        Field::Served,
        &["วันที่ให้บริการ", "วันที่ช่วยเหลือ", "วันที่รับบริการ", "วันที่", "served"],
    ),
    (Field::Note, &["หมายเหตุ", "note"]),
    (Field::Unit, &["หน่วยบริการ", "หน่วย", "unit"]),
];

/// Header text compared without spaces, line breaks or case, digits Arabic.
pub fn normalize(text: &str) -> String {
    digits::to_arabic(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header cell names, if any (`ที่` alone is ลำดับที่; longer text starting
/// with it is not).
pub fn field_of(header: &str) -> Option<Field> {
    let text = normalize(header);
    if text.is_empty() {
        return None;
    }
    SPELLINGS.iter().find_map(|(field, spellings)| {
        spellings
            .iter()
            .any(|s| {
                let s = normalize(s);
                if s == "ที่" || s == "no" {
                    text == s || text == format!("{s}.")
                } else {
                    text.starts_with(&s)
                }
            })
            .then_some(*field)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_header_reads_back_as_its_field() {
        for kind in [FormKind::Sp12, FormKind::Snb2] {
            for column in kind.columns() {
                assert_eq!(
                    field_of(column.header),
                    Some(column.field),
                    "{}",
                    column.header
                );
            }
        }
    }

    #[test]
    fn common_variants_are_understood() {
        assert_eq!(field_of("เลขประจำตัวประชาชน"), Some(Field::NationalId));
        assert_eq!(field_of("ชื่อ - นามสกุล"), Some(Field::Name));
        assert_eq!(field_of("ลำดับ"), Some(Field::Seq));
        assert_eq!(field_of("ที่"), Some(Field::Seq));
        assert_eq!(field_of("ประเภทแรงงาน"), Some(Field::Worker));
        assert_eq!(field_of("ไม่มีรายชื่อ"), Some(Field::NotListed));
        assert_eq!(field_of("จังหวัด"), None);
    }
}
