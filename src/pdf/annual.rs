//! The annual results report of each fiscal year and the competency development plan
//! (Table 1) with the staff-development indicator. Figures are counted here from the
//! loaded data; narrative sections are handbook pages converted from Markdown.

use std::collections::BTreeSet;
use std::path::PathBuf;

use typst::foundations::Value;

use super::engine::{GeneratedSource, Job};
use super::markdown_to_typst::{convert, plain_text, ConvertOptions, TypstMarkup};
use super::values::{array, dict, flag, text, wrapping};
use crate::data::{AssistanceType, Coded, Data, Measure, ReportMonth, TargetGroup};
use crate::site::Site;
use crate::thai::dates::{fiscal_months, fiscal_year, Numerals, MONTHS, MONTHS_SHORT};
use crate::thai::digits::group_thousands;

/// Pages whose text the annual report reprints as its narrative part.
fn is_narrative(id: &str) -> bool {
    id.starts_with("results/") || id == "centre/results" || id == "centre/challenges"
}

/// The narrative pages as Typst sources (shared by every year's report).
pub fn narrative_sources(site: &Site) -> Vec<GeneratedSource> {
    site.pages
        .iter()
        .filter(|p| is_narrative(&p.id) && !p.generated)
        .enumerate()
        .map(|(index, page)| {
            let body = convert(
                &page.markdown,
                &ConvertOptions {
                    heading_base: 2,
                    ..ConvertOptions::default()
                },
            );
            let mut heading = String::from("#heading(level: 2)[");
            plain_text(page.title(), &mut heading);
            heading.push_str("]\n\n");
            let mut line_map = vec![1; 2];
            line_map.extend(body.line_map);
            GeneratedSource {
                path: format!("/narrative/{index:03}.typ"),
                markup: TypstMarkup {
                    source: heading + &body.source,
                    line_map,
                },
                file: page.source.clone(),
                first_line: page.body_line.max(1),
            }
        })
        .collect()
}

fn number(n: u64, numerals: Numerals) -> Value {
    text(numerals.apply(&group_thousands(n)))
}

fn decimal(x: f64, numerals: Numerals) -> String {
    let shown = if x.fract().abs() < 1e-9 {
        group_thousands(x.max(0.0) as u64)
    } else {
        format!("{x:.1}")
    };
    numerals.apply(&shown)
}

/// A figure with its unit as Thai writes it: `ร้อยละ ๘๕` but `๒ หน่วย`.
fn with_unit(figure: String, unit: &str) -> String {
    match unit.trim() {
        "" => figure,
        "%" | "ร้อยละ" => format!("ร้อยละ {figure}"),
        unit => format!("{figure} {unit}"),
    }
}

/// Distinct people (by national ID) in the fiscal year's SP-12 rows, optionally of one type.
fn persons_served(data: &Data, year: i32, of_type: Option<AssistanceType>) -> usize {
    data.sp12
        .iter()
        .filter(|r| r.value.month.fiscal_year() == year)
        .flat_map(|r| &r.value.rows)
        .filter(|row| of_type.is_none_or(|t| row.assistance == t))
        .map(|row| row.national_id.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// (staff, staff who completed a course dated in the fiscal year).
fn staff_developed(data: &Data, year: i32) -> (usize, usize) {
    let Some(staff) = &data.staff else {
        return (0, 0);
    };
    let members = &staff.value.staff;
    let developed = members
        .iter()
        .filter(|m| {
            m.completed
                .iter()
                .any(|c| c.date.is_some_and(|d| fiscal_year(d) == year))
        })
        .count();
    (members.len(), developed)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The staff-development target of a year (85 % unless the targets file says otherwise).
fn staff_target(data: &Data, year: i32) -> f64 {
    data.targets
        .iter()
        .filter(|t| t.value.fiscal_year == year)
        .flat_map(|t| &t.value.indicators)
        .find(|i| i.measure == Measure::StaffDevelopedPercent)
        .map_or(85.0, |i| i.target)
}

pub fn annual_jobs(site: &Site, data: &Data, narrative: &[GeneratedSource]) -> Vec<Job> {
    let numerals = site.config.numerals;
    data.fiscal_years()
        .into_iter()
        .map(|year| annual_job(site, data, year, narrative, numerals))
        .collect()
}

fn annual_job(
    site: &Site,
    data: &Data,
    year: i32,
    narrative: &[GeneratedSource],
    numerals: Numerals,
) -> Job {
    let reports: Vec<_> = data
        .sp12
        .iter()
        .map(|r| &r.value)
        .filter(|r| r.month.fiscal_year() == year)
        .collect();
    let rows: Vec<_> = reports.iter().flat_map(|r| &r.rows).collect();
    let units = data
        .org
        .as_ref()
        .map(|o| o.value.units.as_slice())
        .unwrap_or_default();
    let people = persons_served(data, year, None);
    let months_reported = reports
        .iter()
        .map(|r| r.month)
        .collect::<BTreeSet<_>>()
        .len();

    let summary = [
        ("หน่วยบริการชุมชน", units.len()),
        ("ผู้รับบริการ (ราย)", people),
        ("ครั้งที่ให้บริการ", rows.len()),
        ("เดือนที่มีรายงาน", months_reported),
    ]
    .map(|(label, n)| {
        Value::Dict(dict([
            ("label", wrapping(label)),
            ("value", number(n as u64, numerals)),
        ]))
    });

    let indicators = data
        .targets
        .iter()
        .filter(|t| t.value.fiscal_year == year)
        .flat_map(|t| &t.value.indicators)
        .map(|indicator| {
            let actual = match indicator.measure {
                Measure::ServiceUnits => units.len() as f64,
                Measure::PersonsServed(of_type) => persons_served(data, year, of_type) as f64,
                Measure::StaffDevelopedPercent => {
                    let (staff, developed) = staff_developed(data, year);
                    percent(developed, staff)
                }
                Measure::Manual => indicator.actual.unwrap_or(0.0),
            };
            Value::Dict(dict([
                ("name", wrapping(&indicator.name)),
                (
                    "target",
                    text(with_unit(
                        decimal(indicator.target, numerals),
                        &indicator.unit,
                    )),
                ),
                (
                    "actual",
                    text(with_unit(decimal(actual, numerals), &indicator.unit)),
                ),
                ("met", flag(actual + 1e-9 >= indicator.target)),
            ]))
        });

    let by_type = AssistanceType::ALL.iter().map(|&t| {
        let count = rows.iter().filter(|r| r.assistance == t).count();
        Value::Dict(dict([
            ("label", wrapping(t.label())),
            ("value", number(count as u64, numerals)),
            ("count", Value::Int(count as i64)),
        ]))
    });

    let by_month = fiscal_months(year).into_iter().map(|(be_year, month)| {
        let count: usize = reports
            .iter()
            .filter(|r| r.month == ReportMonth { be_year, month })
            .map(|r| r.rows.len())
            .sum();
        Value::Dict(dict([
            (
                "label",
                text(MONTHS_SHORT[(month.clamp(1, 12) - 1) as usize]),
            ),
            ("value", number(count as u64, numerals)),
            ("count", Value::Int(count as i64)),
        ]))
    });

    let unit_tables = units.iter().map(|unit| {
        let mine: Vec<_> = reports.iter().filter(|r| r.unit == unit.id).collect();
        let months = mine.iter().map(|r| {
            Value::Dict(dict([
                (
                    "label",
                    text(numerals.apply(&format!(
                        "{} {}",
                        MONTHS[(r.month.month.clamp(1, 12) - 1) as usize],
                        r.month.be_year
                    ))),
                ),
                ("value", number(r.rows.len() as u64, numerals)),
            ]))
        });
        let total: usize = mine.iter().map(|r| r.rows.len()).sum();
        Value::Dict(dict([
            ("name", wrapping(&unit.name)),
            ("address", wrapping(&numerals.apply(&unit.address()))),
            ("months", array(months)),
            ("total", number(total as u64, numerals)),
        ]))
    });

    let first = fiscal_months(year)
        .first()
        .copied()
        .unwrap_or((year - 1, 10));
    let period = numerals.apply(&format!("(๑ ตุลาคม {} – ๓๐ กันยายน {})", first.0, year));
    let title = "รายงานผลการดำเนินงานศูนย์ประสานงานแรงงานนอกระบบ";
    let organisation = data
        .org
        .as_ref()
        .map(|o| o.value.office.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| site.config.organisation.clone());
    let inputs = dict([
        ("title", wrapping(title)),
        ("title_text", text(format!("{title} ปีงบประมาณ {year}"))),
        ("organisation", wrapping(&organisation)),
        ("fiscal_year", text(numerals.apply(&year.to_string()))),
        ("period", wrapping(&period)),
        ("summary", array(summary)),
        ("indicators", array(indicators)),
        ("by_type", array(by_type)),
        ("by_month", array(by_month)),
        ("units", array(unit_tables)),
        ("narrative", array(narrative.iter().map(|s| text(&s.path)))),
        ("thai_digits", flag(numerals == Numerals::Thai)),
    ]);
    Job {
        output: PathBuf::from(format!("pdf/annual-report-{year}.pdf")),
        template: "annual.typ",
        inputs,
    }
}

/// Table 1 with the staff-development indicator of every fiscal year the data covers;
/// None when the project has no competency plan.
pub fn competency_job(site: &Site, data: &Data) -> Option<Job> {
    let plan = &data.plan.as_ref()?.value;
    let numerals = site.config.numerals;
    let mut course_no = 0;
    let groups = plan.groups.iter().map(|group| {
        let courses: Vec<Value> = group
            .courses
            .iter()
            .map(|course| {
                course_no += 1;
                let methods: Vec<&str> = course.methods.iter().map(|m| m.label()).collect();
                Value::Dict(dict([
                    ("no", text(numerals.apply(&course_no.to_string()))),
                    ("name", wrapping(&course.name)),
                    (
                        "targets",
                        array(
                            TargetGroup::COURSE_GROUPS
                                .iter()
                                .map(|g| flag(course.targets.contains(g))),
                        ),
                    ),
                    ("methods", wrapping(&methods.join(", "))),
                ]))
            })
            .collect();
        Value::Dict(dict([
            ("name", wrapping(&group.name)),
            ("courses", array(courses)),
        ]))
    });
    let mut years: BTreeSet<i32> = data.fiscal_years().into_iter().collect();
    if let Some(staff) = &data.staff {
        years.extend(
            staff
                .value
                .staff
                .iter()
                .flat_map(|m| &m.completed)
                .filter_map(|c| c.date)
                .map(fiscal_year),
        );
    }
    let indicator = years.into_iter().map(|year| {
        let (staff, developed) = staff_developed(data, year);
        let share = percent(developed, staff);
        let target = staff_target(data, year);
        Value::Dict(dict([
            ("fiscal_year", text(numerals.apply(&year.to_string()))),
            ("staff", number(staff as u64, numerals)),
            ("developed", number(developed as u64, numerals)),
            (
                "percent",
                text(decimal((share * 10.0).round() / 10.0, numerals)),
            ),
            (
                "target",
                text(format!("ร้อยละ {}", decimal(target, numerals))),
            ),
            ("met", flag(staff > 0 && share + 1e-9 >= target)),
        ]))
    });
    let title = if plan.title.is_empty() {
        "ตารางที่ ๑ แผนการพัฒนาสมรรถนะบุคลากร"
    } else {
        plan.title.as_str()
    };
    let organisation = data
        .org
        .as_ref()
        .map(|o| o.value.office.clone())
        .unwrap_or_default();
    let inputs = dict([
        ("title", wrapping(title)),
        ("title_text", text(title)),
        ("organisation", wrapping(&organisation)),
        ("groups", array(groups)),
        (
            "target_groups",
            array(
                TargetGroup::COURSE_GROUPS
                    .iter()
                    .map(|g| wrapping(g.course_label())),
            ),
        ),
        ("indicator", array(indicator)),
        ("thai_digits", flag(numerals == Numerals::Thai)),
    ]);
    Some(Job {
        output: PathBuf::from("pdf/competency-plan.pdf"),
        template: "competency.typ",
        inputs,
    })
}
