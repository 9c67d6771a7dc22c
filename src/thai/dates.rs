//! Dates as Thai readers write them: Thai month names and Buddhist-era years (C.E. + 543).

use chrono::{Datelike, NaiveDate};

use super::digits;

pub const BE_OFFSET: i32 = 543;

pub const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Which digits to print numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Numerals {
    #[default]
    Thai,
    Arabic,
}

impl Numerals {
    pub fn apply(self, text: &str) -> String {
        match self {
            Numerals::Thai => digits::to_thai(text),
            Numerals::Arabic => digits::to_arabic(text),
        }
    }

    /// A count as Thai official documents print it: `1,200` → `๑,๒๐๐`. The one number format
    /// of every generated page, chart and PDF.
    pub fn count(self, n: u64) -> String {
        self.apply(&digits::group_thousands(n))
    }

    /// A measured figure: a whole number as a count, otherwise one decimal (`85.5`).
    pub fn figure(self, x: f64) -> String {
        if !x.is_finite() {
            return "-".to_string();
        }
        let rounded = (x * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 {
            let whole = digits::group_thousands(rounded.abs() as u64);
            if rounded < 0.0 {
                format!("-{whole}")
            } else {
                whole
            }
        } else {
            format!("{rounded:.1}")
        };
        self.apply(&text)
    }
}

pub fn be_year(ce_year: i32) -> i32 {
    ce_year + BE_OFFSET
}

pub fn ce_year(be_year: i32) -> i32 {
    be_year - BE_OFFSET
}

/// Full month name for month 1-12.
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// `2026-11-25` → `25 พฤศจิกายน 2569` (with the chosen digits).
pub fn long_date(date: NaiveDate, numerals: Numerals) -> String {
    numerals.apply(&format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        be_year(date.year())
    ))
}

/// `2026-11-25` → `25 พ.ย. 69`.
pub fn short_date(date: NaiveDate, numerals: Numerals) -> String {
    numerals.apply(&format!(
        "{} {} {:02}",
        date.day(),
        MONTHS_SHORT[date.month0() as usize],
        be_year(date.year()) % 100
    ))
}

/// Month and B.E. year: `พฤศจิกายน 2569`.
pub fn month_year(be_year: i32, month: u32, numerals: Numerals) -> String {
    numerals.apply(&format!("{} {}", month_name(month), be_year))
}

/// The fiscal year (named by its B.E. year) a date falls in: October starts the next one.
pub fn fiscal_year(date: NaiveDate) -> i32 {
    fiscal_year_of_month(be_year(date.year()), date.month())
}

/// The one fiscal-year rule: October starts the next B.E. fiscal year.
pub fn fiscal_year_of_month(be_year: i32, month: u32) -> i32 {
    if month >= 10 {
        be_year + 1
    } else {
        be_year
    }
}

/// The (B.E. year, month) pairs of a fiscal year, October first.
pub fn fiscal_months(fiscal_be_year: i32) -> Vec<(i32, u32)> {
    (10..=12)
        .map(|m| (fiscal_be_year - 1, m))
        .chain((1..=9).map(|m| (fiscal_be_year, m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_buddhist_era_dates() {
        let d = NaiveDate::from_ymd_opt(2021, 1, 29).unwrap();
        assert_eq!(long_date(d, Numerals::Thai), "๒๙ มกราคม ๒๕๖๔");
        assert_eq!(long_date(d, Numerals::Arabic), "29 มกราคม 2564");
        assert_eq!(short_date(d, Numerals::Arabic), "29 ม.ค. 64");
    }

    #[test]
    fn fiscal_year_starts_in_october() {
        assert_eq!(
            fiscal_year(NaiveDate::from_ymd_opt(2020, 10, 1).unwrap()),
            2564
        );
        assert_eq!(
            fiscal_year(NaiveDate::from_ymd_opt(2021, 9, 30).unwrap()),
            2564
        );
        let months = fiscal_months(2564);
        assert_eq!(months.first(), Some(&(2563, 10)));
        assert_eq!(months.last(), Some(&(2564, 9)));
        assert_eq!(months.len(), 12);
    }
}
