//! Adding up the SP-12 unit reports: per month, unit, assistance type and worker type, unique
//! persons per fiscal year, and each indicator against its target.
//!
//! Results come from the units' SP-12 reports (the primary record); SNB-2 is the province's
//! copy of the same people and is only compared with them by `validate`.

use std::collections::HashSet;

use super::model::*;
use super::Data;
use crate::thai::dates::Numerals;

/// Counts of assisted-person rows, split by assistance type and worker type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Breakdown {
    pub total: u32,
    /// Indexed like `AssistanceType::ALL`.
    pub by_assistance: [u32; 4],
    /// Indexed like `WorkerType::ALL`.
    pub by_worker: [u32; 3],
}

impl Breakdown {
    fn add(&mut self, assistance: AssistanceType, worker: WorkerType) {
        self.total += 1;
        self.by_assistance[index_of(assistance)] += 1;
        self.by_worker[index_of(worker)] += 1;
    }

    fn merge(&mut self, other: &Breakdown) {
        self.total += other.total;
        for (a, b) in self.by_assistance.iter_mut().zip(other.by_assistance) {
            *a += b;
        }
        for (a, b) in self.by_worker.iter_mut().zip(other.by_worker) {
            *a += b;
        }
    }

    pub fn assistance(&self, kind: AssistanceType) -> u32 {
        self.by_assistance[index_of(kind)]
    }

    pub fn worker(&self, kind: WorkerType) -> u32 {
        self.by_worker[index_of(kind)]
    }
}

fn index_of<T: Coded + PartialEq>(value: T) -> usize {
    T::ALL.iter().position(|v| *v == value).unwrap_or(0)
}

#[derive(Debug, Clone)]
pub struct MonthTotals {
    pub month: ReportMonth,
    /// All units together; zero when no unit reported.
    pub all: Breakdown,
    /// How many units sent an SP-12 report for the month.
    pub reports: usize,
    /// Of those, how many were submitted by the due date (the 25th).
    pub on_time: usize,
    /// `all` added up from October to this month.
    pub to_date: Breakdown,
    /// Whether the province's SNB-2 report for the month exists.
    pub snb2: bool,
    /// The SNB-2 rows of the month per plan, indexed like `YearTotals::plans`.
    pub plans: Vec<Breakdown>,
    /// `plans` added up from October to this month.
    pub plans_to_date: Vec<Breakdown>,
    /// The year's indicators with what the reports up to the end of this month give.
    pub indicators_to_date: Vec<IndicatorResult>,
}

#[derive(Debug, Clone)]
pub struct UnitTotals {
    pub unit: String,
    /// The twelve months of the fiscal year, October first; None where no report was sent.
    pub months: Vec<(ReportMonth, Option<Breakdown>)>,
    pub year: Breakdown,
    /// Distinct people the unit served in the year.
    pub unique_persons: u32,
}

#[derive(Debug, Clone)]
pub struct IndicatorResult {
    pub indicator: Indicator,
    /// None when the data needed is missing (e.g. no staff records).
    pub actual: Option<f64>,
}

/// What a figure that cannot be counted shows, on the site and in every PDF alike.
pub const NO_DATA: &str = "ไม่มีข้อมูล";

impl IndicatorResult {
    /// Whether the result reaches the target (`reaches`); None without a result.
    pub fn met(&self) -> Option<bool> {
        self.actual.map(|a| reaches(a, self.indicator.target))
    }

    /// `บรรลุ`, `ยังไม่บรรลุ`, or `-` when there is no result to judge.
    pub fn status(&self) -> &'static str {
        match self.met() {
            Some(true) => "บรรลุ",
            Some(false) => "ยังไม่บรรลุ",
            None => "-",
        }
    }

    pub fn target_text(&self, numerals: Numerals) -> String {
        with_unit(numerals.figure(self.indicator.target), &self.indicator.unit)
    }

    /// The result with its unit, or `ไม่มีข้อมูล`: a manual indicator without `actual` has
    /// no result, never 0.
    pub fn actual_text(&self, numerals: Numerals) -> String {
        self.actual.map_or_else(
            || NO_DATA.to_string(),
            |a| with_unit(numerals.figure(a), &self.indicator.unit),
        )
    }
}

/// The one "met" rule: `actual` reaches `target` as both are shown (one decimal), so a
/// percentage computed as 84.99999 and shown as ๘๕ meets a target of ๘๕.
pub fn reaches(actual: f64, target: f64) -> bool {
    let shown = |x: f64| (x * 10.0).round();
    shown(actual) >= shown(target)
}

/// A figure with its unit as Thai writes it: `ร้อยละ ๘๕` but `๒ หน่วย`.
fn with_unit(figure: String, unit: &str) -> String {
    match unit.trim() {
        "" => figure,
        "%" | "ร้อยละ" => format!("ร้อยละ {figure}"),
        unit => format!("{figure} {unit}"),
    }
}

#[derive(Debug, Clone)]
pub struct YearTotals {
    pub fiscal_year: i32,
    /// The twelve months, October first.
    pub months: Vec<MonthTotals>,
    /// Units in `org.yaml` order, then any unit that reported without being listed there.
    pub units: Vec<UnitTotals>,
    pub year: Breakdown,
    /// Distinct people (by national ID) served in the year by any unit.
    pub unique_persons: u32,
    /// Staff who completed a course in the year, and all staff on record.
    pub staff_developed: Option<(u32, u32)>,
    pub indicators: Vec<IndicatorResult>,
    /// The plans, projects and activities (ชื่อแผนงาน/โครงการ/กิจกรรม) named in the year's
    /// SNB-2 reports, in order of first appearance.
    pub plans: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Oldest fiscal year first.
    pub years: Vec<YearTotals>,
}

impl Totals {
    pub fn year(&self, fiscal_year: i32) -> Option<&YearTotals> {
        self.years.iter().find(|y| y.fiscal_year == fiscal_year)
    }
}

pub fn totals(data: &Data) -> Totals {
    Totals {
        years: data
            .fiscal_years()
            .into_iter()
            .map(|fy| year_totals(data, fy))
            .collect(),
    }
}

fn year_totals(data: &Data, fiscal_year: i32) -> YearTotals {
    let reports: Vec<&Sp12Report> = data
        .sp12
        .iter()
        .map(|r| &r.value)
        .filter(|r| r.month.be_year != 0 && r.month.fiscal_year() == fiscal_year)
        .collect();

    let mut months: Vec<MonthTotals> = crate::thai::dates::fiscal_months(fiscal_year)
        .into_iter()
        .map(|(be_year, month)| MonthTotals {
            month: ReportMonth { be_year, month },
            all: Breakdown::default(),
            reports: 0,
            on_time: 0,
            to_date: Breakdown::default(),
            snb2: false,
            plans: Vec::new(),
            plans_to_date: Vec::new(),
            indicators_to_date: Vec::new(),
        })
        .collect();

    let mut unit_ids: Vec<String> = data
        .org
        .as_ref()
        .map(|o| o.value.units.iter().map(|u| u.id.clone()).collect())
        .unwrap_or_default();
    for report in &reports {
        if !unit_ids.contains(&report.unit) {
            unit_ids.push(report.unit.clone());
        }
    }

    let mut units: Vec<UnitTotals> = unit_ids
        .into_iter()
        .map(|unit| UnitTotals {
            unit,
            months: months.iter().map(|m| (m.month, None)).collect(),
            year: Breakdown::default(),
            unique_persons: 0,
        })
        .collect();

    let mut year = Breakdown::default();
    let mut everyone: HashSet<&str> = HashSet::new();
    for unit in &mut units {
        let mut people: HashSet<&str> = HashSet::new();
        for report in reports.iter().filter(|r| r.unit == unit.unit) {
            let mut breakdown = Breakdown::default();
            for row in &report.rows {
                breakdown.add(row.assistance, row.worker);
                people.insert(&row.national_id);
                everyone.insert(&row.national_id);
            }
            let slot = report.month.fiscal_index();
            let month_slot = &mut unit.months[slot].1;
            month_slot
                .get_or_insert_with(Breakdown::default)
                .merge(&breakdown);
            months[slot].all.merge(&breakdown);
            months[slot].reports += 1;
            if matches!((report.submitted, report.due()), (Some(s), Some(due)) if s <= due) {
                months[slot].on_time += 1;
            }
            unit.year.merge(&breakdown);
            year.merge(&breakdown);
        }
        unit.unique_persons = people.len() as u32;
    }

    let staff_developed = data
        .staff
        .as_ref()
        .map(|s| staff_developed(&s.value, fiscal_year));
    let indicators = indicator_results(data, fiscal_year, &reports, staff_developed);

    let plans = add_up_snb2(data, fiscal_year, &mut months);
    let mut to_date = Breakdown::default();
    for month in &mut months {
        to_date.merge(&month.all);
        month.to_date = to_date;
        let month_end = month.month.next().first_day().and_then(|d| d.pred_opt());
        let so_far: Vec<&Sp12Report> = reports
            .iter()
            .copied()
            .filter(|r| r.month.fiscal_index() <= month.month.fiscal_index())
            .collect();
        let staff = data
            .staff
            .as_ref()
            .map(|s| staff_developed_until(&s.value, fiscal_year, month_end));
        month.indicators_to_date = indicator_results(data, fiscal_year, &so_far, staff);
    }

    YearTotals {
        fiscal_year,
        months,
        units,
        year,
        unique_persons: everyone.len() as u32,
        staff_developed,
        indicators,
        plans,
    }
}

/// Each indicator of the year's targets with what `reports` give (`staff`: developed and all).
fn indicator_results(
    data: &Data,
    fiscal_year: i32,
    reports: &[&Sp12Report],
    staff: Option<(u32, u32)>,
) -> Vec<IndicatorResult> {
    let service_units = data.org.as_ref().map(|o| o.value.units.len() as f64);
    let everyone: HashSet<&str> = reports
        .iter()
        .flat_map(|r| &r.rows)
        .map(|row| row.national_id.as_str())
        .collect();
    data.targets
        .iter()
        .filter(|t| t.value.fiscal_year == fiscal_year)
        .flat_map(|t| t.value.indicators.iter())
        .map(|indicator| {
            let actual = match indicator.measure {
                Measure::ServiceUnits => service_units,
                Measure::PersonsServed(None) => Some(everyone.len() as f64),
                Measure::PersonsServed(Some(kind)) => Some(unique_of_type(reports, kind) as f64),
                Measure::StaffDevelopedPercent => staff
                    .filter(|(_, all)| *all > 0)
                    .map(|(done, all)| f64::from(done) * 100.0 / f64::from(all)),
                Measure::Manual => indicator.actual,
            };
            IndicatorResult {
                indicator: indicator.clone(),
                actual,
            }
        })
        .collect()
}

/// The year's SNB-2 rows per plan and month (and added up to each month); returns the plans.
fn add_up_snb2(data: &Data, fiscal_year: i32, months: &mut [MonthTotals]) -> Vec<String> {
    let reports: Vec<&Snb2Report> = data
        .snb2
        .iter()
        .map(|r| &r.value)
        .filter(|r| r.month.be_year != 0 && r.month.fiscal_year() == fiscal_year)
        .collect();
    let mut plans: Vec<String> = Vec::new();
    for row in reports.iter().flat_map(|r| &r.rows) {
        if !plans.contains(&row.plan) {
            plans.push(row.plan.clone());
        }
    }
    for month in months.iter_mut() {
        month.plans = vec![Breakdown::default(); plans.len()];
    }
    for report in &reports {
        let month = &mut months[report.month.fiscal_index()];
        month.snb2 = true;
        for row in &report.rows {
            if let Some(i) = plans.iter().position(|p| *p == row.plan) {
                month.plans[i].add(row.assistance, row.worker);
            }
        }
    }
    let mut to_date = vec![Breakdown::default(); plans.len()];
    for month in months.iter_mut() {
        for (sum, b) in to_date.iter_mut().zip(&month.plans) {
            sum.merge(b);
        }
        month.plans_to_date = to_date.clone();
    }
    plans
}

fn unique_of_type(reports: &[&Sp12Report], kind: AssistanceType) -> usize {
    reports
        .iter()
        .flat_map(|r| &r.rows)
        .filter(|row| row.assistance == kind)
        .map(|row| row.national_id.as_str())
        .collect::<HashSet<_>>()
        .len()
}

/// (staff who completed at least one course dated in the fiscal year, all staff).
pub fn staff_developed(records: &StaffRecords, fiscal_year: i32) -> (u32, u32) {
    staff_developed_until(records, fiscal_year, None)
}

/// Like `staff_developed`, counting only courses completed by `until` when given.
pub fn staff_developed_until(
    records: &StaffRecords,
    fiscal_year: i32,
    until: Option<chrono::NaiveDate>,
) -> (u32, u32) {
    let developed = records
        .staff
        .iter()
        .filter(|m| {
            m.completed.iter().filter_map(|c| c.date).any(|d| {
                crate::thai::dates::fiscal_year(d) == fiscal_year && until.is_none_or(|u| d <= u)
            })
        })
        .count();
    (developed as u32, records.staff.len() as u32)
}
