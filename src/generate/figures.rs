//! A fiscal year's figures as tables of shown text, made once from `Totals` and given to both
//! the results dashboard (as Markdown) and the annual report (as Typst values): the two can
//! only show the same figures, in the same words and the same number format.

use crate::data::totals::{Breakdown, YearTotals};
use crate::data::{AssistanceType, Coded, Org, ReportMonth, WorkerType};
use crate::thai::dates::{self, Numerals};

/// A table as it is shown: a header row, body rows, and whether the last row is a total.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total_row: bool,
}

/// What a month without any report shows.
pub const NO_REPORT: &str = "ไม่มีรายงาน";

pub fn month_label(month: ReportMonth, n: Numerals) -> String {
    dates::month_year(month.be_year, month.month, n)
}

/// The year at a glance: (label, figure, unit) — persons helped, people, units, months.
pub fn summary(year: &YearTotals, n: Numerals) -> Vec<(&'static str, String, String)> {
    let reported_months = year.months.iter().filter(|m| m.reports > 0).count() as u64;
    vec![
        (
            "จำนวนครั้งที่ให้ความช่วยเหลือทั้งปี",
            n.count(u64::from(year.year.total)),
            "ราย".into(),
        ),
        (
            "จำนวนผู้ได้รับความช่วยเหลือ (ไม่นับซ้ำ)",
            n.count(u64::from(year.unique_persons)),
            "คน".into(),
        ),
        (
            "หน่วยบริการชุมชน",
            n.count(year.units.len() as u64),
            "หน่วย".into(),
        ),
        (
            "เดือนที่มีรายงาน",
            n.count(reported_months),
            format!("จาก {} เดือน", n.count(12)),
        ),
    ]
}

/// Each indicator: name, target, result (or `ไม่มีข้อมูล`), status.
pub fn indicators(year: &YearTotals, n: Numerals) -> Table {
    Table {
        header: ["ตัวชี้วัด", "เป้าหมาย", "ผล", "สถานะ"]
            .map(String::from)
            .to_vec(),
        rows: year
            .indicators
            .iter()
            .map(|r| {
                vec![
                    r.indicator.name.clone(),
                    r.target_text(n),
                    r.actual_text(n),
                    r.status().to_string(),
                ]
            })
            .collect(),
        total_row: false,
    }
}

/// Month by kind (assistance or worker type), with a total column and a year's total row.
pub fn by_month<K: Coded>(year: &YearTotals, n: Numerals) -> Table
where
    Breakdown: Count<K>,
{
    let kinds = K::ALL;
    let mut header = vec!["เดือน".to_string()];
    header.extend(kinds.iter().map(|k| k.label().to_string()));
    header.push("รวม".into());
    let mut rows: Vec<Vec<String>> = year
        .months
        .iter()
        .map(|month| {
            let mut row = vec![month_label(month.month, n)];
            if month.reports == 0 {
                row.extend(kinds.iter().map(|_| "-".to_string()));
                row.push(NO_REPORT.into());
            } else {
                row.extend(
                    kinds
                        .iter()
                        .map(|k| n.count(u64::from(month.all.count(*k)))),
                );
                row.push(n.count(u64::from(month.all.total)));
            }
            row
        })
        .collect();
    let mut total = vec!["รวมทั้งปี".to_string()];
    total.extend(
        kinds
            .iter()
            .map(|k| n.count(u64::from(year.year.count(*k)))),
    );
    total.push(n.count(u64::from(year.year.total)));
    rows.push(total);
    Table {
        header,
        rows,
        total_row: true,
    }
}

/// One row per unit: name, place, months reported, persons helped (ราย), people (คน).
/// `name` gives the first cell (the dashboard links it to the unit's page).
pub fn units(
    year: &YearTotals,
    org: Option<&Org>,
    n: Numerals,
    name: impl Fn(&str, Option<&str>) -> String,
) -> Table {
    Table {
        header: [
            "หน่วยบริการ",
            "ที่ตั้ง",
            "เดือนที่รายงาน",
            "การช่วยเหลือ (ราย)",
            "ผู้ได้รับความช่วยเหลือ (คน)",
        ]
        .map(String::from)
        .to_vec(),
        rows: year
            .units
            .iter()
            .map(|unit| {
                let info = org.and_then(|o| o.unit(&unit.unit));
                let months = unit.months.iter().filter(|(_, b)| b.is_some()).count() as u64;
                vec![
                    name(&unit.unit, info.map(|u| u.name.as_str())),
                    info.map(|u| n.apply(&u.address())).unwrap_or_default(),
                    n.count(months),
                    n.count(u64::from(unit.year.total)),
                    n.count(u64::from(unit.unique_persons)),
                ]
            })
            .collect(),
        total_row: false,
    }
}

/// A breakdown's count of one kind.
pub trait Count<K> {
    fn count(&self, kind: K) -> u32;
}

impl Count<AssistanceType> for Breakdown {
    fn count(&self, kind: AssistanceType) -> u32 {
        self.assistance(kind)
    }
}

impl Count<WorkerType> for Breakdown {
    fn count(&self, kind: WorkerType) -> u32 {
        self.worker(kind)
    }
}
