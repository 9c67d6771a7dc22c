//! A fiscal year's figures as tables of shown text, made once from `Totals` and given to both
//! the results dashboard (as Markdown) and the annual report (as Typst values): the two can
//! only show the same figures, in the same words and the same number format.

use crate::data::totals::{Breakdown, YearTotals};
use crate::data::{AssistanceType, Coded, Org, ReportMonth, WorkerType};
use crate::thai::dates::{self, Numerals};

/// A table as it is shown: a header row, body rows, and whether the last row is a total.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
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

/// The form's name as printed on แบบ สนบ.๑.
pub const SNB1_TITLE: &str = "แบบ สนบ.๑";

/// แบบ สนบ.๑, the province's monthly performance report, as shown text: header lines and
/// titled tables. The PDF and the spreadsheet both print exactly this.
#[derive(Debug, Clone, PartialEq)]
pub struct Snb1 {
    pub month: ReportMonth,
    pub lines: Vec<String>,
    pub sections: Vec<(String, Table)>,
}

/// The months of a fiscal year that get แบบ สนบ.๑: those with an SP-12 or SNB-2 report.
pub fn snb1_months(year: &YearTotals) -> Vec<usize> {
    year.months
        .iter()
        .enumerate()
        .filter(|(_, m)| m.reports > 0 || m.snb2)
        .map(|(i, _)| i)
        .collect()
}

/// แบบ สนบ.๑ for the month at `index` (October = 0) of `year`: the month's SNB-2 per plan,
/// the SP-12 results by assistance and worker type (the same figures as the results page),
/// the units that reported and on time, each with the figure since October, and the
/// indicators against the year's targets.
pub fn snb1(year: &YearTotals, index: usize, org: Option<&Org>, n: Numerals) -> Snb1 {
    let empty = crate::data::totals::MonthTotals {
        month: ReportMonth {
            be_year: year.fiscal_year,
            month: 9,
        },
        all: Breakdown::default(),
        reports: 0,
        on_time: 0,
        to_date: Breakdown::default(),
        snb2: false,
        plans: Vec::new(),
        plans_to_date: Vec::new(),
        indicators_to_date: Vec::new(),
    };
    let month = year.months.get(index).unwrap_or(&empty);
    let count = |x: u32| n.count(u64::from(x));
    let this_month = "เดือนนี้".to_string();
    let since_october = "สะสมตั้งแต่ต้นปีงบประมาณ".to_string();
    let province = org.map(|o| o.province.as_str()).unwrap_or_default();
    let lines = vec![
        format!(
            "รายงานผลการดำเนินงานตามแผนปฏิบัติการด้านแรงงานนอกระบบ ปี {}",
            n.apply(&year.fiscal_year.to_string())
        ),
        format!(
            "จังหวัด{province}   ประจำเดือน {}",
            month_label(month.month, n)
        ),
    ];

    let mut plan_header = vec!["แผนงาน/โครงการ/กิจกรรม".to_string()];
    plan_header.extend(WorkerType::ALL.iter().map(|w| w.long_label().to_string()));
    plan_header.push(format!("รวม{this_month}"));
    plan_header.push(since_october.clone());
    let mut plan_rows: Vec<Vec<String>> = year
        .plans
        .iter()
        .zip(month.plans.iter().zip(&month.plans_to_date))
        .map(|(plan, (b, sum))| {
            let mut row = vec![plan.clone()];
            row.extend(WorkerType::ALL.iter().map(|w| count(b.worker(*w))));
            row.push(count(b.total));
            row.push(count(sum.total));
            row
        })
        .collect();
    let plan_total = |bs: &[Breakdown]| bs.iter().map(|b| b.total).sum::<u32>();
    let mut total = vec!["รวม".to_string()];
    total.extend(
        WorkerType::ALL
            .iter()
            .map(|w| count(month.plans.iter().map(|b| b.worker(*w)).sum())),
    );
    total.push(count(plan_total(&month.plans)));
    total.push(count(plan_total(&month.plans_to_date)));
    plan_rows.push(total);

    let by_kind = |title: &str, rows: Vec<(String, u32, u32)>, all: (u32, u32)| {
        let mut body: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(label, m, sum)| vec![label, count(m), count(sum)])
            .collect();
        body.push(vec!["รวม".into(), count(all.0), count(all.1)]);
        Table {
            header: vec![title.to_string(), this_month.clone(), since_october.clone()],
            rows: body,
            total_row: true,
        }
    };
    let totals = (month.all.total, month.to_date.total);
    let assistance = by_kind(
        "ประเภทการช่วยเหลือ",
        AssistanceType::ALL
            .iter()
            .map(|a| {
                (
                    a.label().to_string(),
                    month.all.assistance(*a),
                    month.to_date.assistance(*a),
                )
            })
            .collect(),
        totals,
    );
    let workers = by_kind(
        "ประเภทของแรงงาน",
        WorkerType::ALL
            .iter()
            .map(|w| {
                (
                    w.long_label().to_string(),
                    month.all.worker(*w),
                    month.to_date.worker(*w),
                )
            })
            .collect(),
        totals,
    );
    let units_in_org = org.map_or(year.units.len(), |o| o.units.len()) as u64;
    let units = Table {
        header: vec!["รายการ".into(), "จำนวน (หน่วย)".into()],
        rows: vec![
            vec!["หน่วยบริการชุมชนทั้งหมด".into(), n.count(units_in_org)],
            vec![
                "ส่งรายงานแบบ สป-๑๒ ของเดือนนี้".into(),
                n.count(month.reports as u64),
            ],
            vec![
                format!("ส่งภายในกำหนด (วันที่ {} ของเดือน)", n.apply("25")),
                n.count(month.on_time as u64),
            ],
        ],
        total_row: false,
    };
    let indicators = Table {
        header: [
            "ตัวชี้วัด",
            "เป้าหมายทั้งปี",
            "ผลสะสมถึงสิ้นเดือน",
            "ร้อยละของเป้าหมาย",
            "สถานะ",
        ]
        .map(String::from)
        .to_vec(),
        rows: month
            .indicators_to_date
            .iter()
            .map(|r| {
                let share = match r.actual {
                    Some(a) if r.indicator.target > 0.0 => n.figure(a * 100.0 / r.indicator.target),
                    _ => "-".into(),
                };
                vec![
                    r.indicator.name.clone(),
                    r.target_text(n),
                    r.actual_text(n),
                    share,
                    r.status().to_string(),
                ]
            })
            .collect(),
        total_row: false,
    };
    let numbered = |i: u32, title: &str| format!("{}. {title}", n.apply(&i.to_string()));
    Snb1 {
        month: month.month,
        lines,
        sections: vec![
            (
                numbered(1, "ผลการดำเนินงานตามแผนงาน/โครงการ/กิจกรรม (แบบ สนบ.๒, คน)"),
                Table {
                    header: plan_header,
                    rows: plan_rows,
                    total_row: true,
                },
            ),
            (
                numbered(
                    2,
                    "ผู้ได้รับความช่วยเหลือ จำแนกตามประเภทการช่วยเหลือ (แบบ สป-๑๒, ราย)",
                ),
                assistance,
            ),
            (
                numbered(
                    3,
                    "ผู้ได้รับความช่วยเหลือ จำแนกตามประเภทของแรงงาน (แบบ สป-๑๒, ราย)",
                ),
                workers,
            ),
            (numbered(4, "หน่วยบริการชุมชนที่ส่งรายงาน"), units),
            (numbered(5, "ผลเทียบกับเป้าหมายประจำปี"), indicators),
        ],
    }
}
