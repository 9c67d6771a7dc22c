//! The annual results report of each fiscal year and the competency development plan
//! (Table 1) with the staff-development indicator. Figures are counted here from the
//! loaded data; narrative sections are handbook pages converted from Markdown.

use std::collections::BTreeSet;
use std::path::PathBuf;

use typst::foundations::{Dict, Value};

use super::engine::{GeneratedSource, Job};
use super::glyphs::{Face, Glyphs};
use super::markdown_to_typst::{
    convert, plain_text, ColumnWidths, ConvertOptions, TextBlock, TypstMarkup,
};
use super::values::{array, dict, document_date, flag, layout, text, wrapping};
use crate::data::totals::{self, Totals, YearTotals};
use crate::data::{AssistanceType, Coded, Data, Measure, TargetGroup, WorkerType};
use crate::diagnostics::Diagnostic;
use crate::generate::figures::{self, Table};
use crate::site::Site;
use crate::thai::dates::{fiscal_year, Numerals, MONTHS_SHORT};

/// Pages whose text the annual report reprints as its narrative part.
fn is_narrative(id: &str) -> bool {
    id.starts_with("results/") || id == "centre/results" || id == "centre/challenges"
}

/// The annual report's text block: A4 less 2.5 cm margins, 16 pt text (`annual.typ` sets its
/// page from `layout`).
const TEXT_BLOCK: TextBlock = TextBlock::a4(2.5, 16.0);

/// The narrative pages as Typst sources (shared by every year's report).
/// Characters the fonts lack are replaced (`glyphs`); the book, which prints these pages too,
/// warns of them.
pub fn narrative_sources(site: &Site, glyphs: &Glyphs) -> Result<Vec<GeneratedSource>, Diagnostic> {
    site.pages
        .iter()
        .filter(|p| is_narrative(&p.id) && !p.generated)
        .enumerate()
        .map(|(index, page)| {
            let body = convert(
                super::markdown_of(page)?,
                &ConvertOptions {
                    heading_base: 2,
                    glyphs: Some(glyphs),
                    text_block: Some(TEXT_BLOCK),
                    ..ConvertOptions::default()
                },
            );
            let mut heading = String::from("#heading(level: 2)[");
            plain_text(
                &glyphs.displayable(page.title(), 0, &mut Vec::new()),
                &mut heading,
            );
            heading.push_str("]\n\n");
            let mut line_map = vec![1; 2];
            line_map.extend(body.line_map);
            Ok(GeneratedSource {
                path: format!("/narrative/{index:03}.typ"),
                markup: TypstMarkup {
                    source: heading + &body.source,
                    line_map,
                    unshown: Vec::new(),
                },
                file: page.source.clone(),
                first_line: page.body_line.max(1),
            })
        })
        .collect()
}

fn number(n: u64, numerals: Numerals) -> Value {
    text(numerals.count(n))
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

/// A figures table of the report, with its columns' widths measured in the report's text
/// block: a figure column is as wide as its figures and the longest word of its header (a
/// header wraps), so that no header runs into the next one at any size of the data.
fn report_table(table: &Table, glyphs: &Glyphs) -> Value {
    let mut widths = ColumnWidths::new(glyphs, table.header.len());
    for (column, header) in table.header.iter().enumerate() {
        widths.start_cell(column);
        widths.add_text(header, Face::Bold);
        widths.end_wrapping_cell();
    }
    let total_row = table.rows.len().checked_sub(1).filter(|_| table.total_row);
    for (i, row) in table.rows.iter().enumerate() {
        let face = match Some(i) == total_row {
            true => Face::Bold,
            false => Face::Regular,
        };
        for (column, cell) in row.iter().enumerate() {
            widths.start_cell(column);
            widths.add_text(cell, face);
            widths.end_cell();
        }
    }
    // Points, or none for a share of what the others leave.
    let columns = widths.widths(TEXT_BLOCK).map_or(Value::None, |columns| {
        array(columns.into_iter().map(|width| match width {
            Some(em) => Value::Float(f64::from(em * TEXT_BLOCK.font_size_pt)),
            None => Value::None,
        }))
    });
    let mut value = table_dict(table);
    value.insert("columns".into(), columns);
    Value::Dict(value)
}

/// A table of shown text, as the templates' `figures` functions draw it.
pub(super) fn table_value(table: &Table) -> Value {
    Value::Dict(table_dict(table))
}

fn table_dict(table: &Table) -> Dict {
    dict([
        ("header", array(table.header.iter().map(|h| wrapping(h)))),
        (
            "rows",
            array(
                table
                    .rows
                    .iter()
                    .map(|row| array(row.iter().map(|c| wrapping(c)))),
            ),
        ),
        ("total_row", flag(table.total_row)),
    ])
}

pub fn annual_jobs(
    site: &Site,
    data: &Data,
    totals: &Totals,
    narrative: &[GeneratedSource],
    glyphs: &Glyphs,
) -> Vec<Job> {
    totals
        .years
        .iter()
        .map(|year| annual_job(site, data, year, narrative, glyphs))
        .collect()
}

/// Where the annual report of `fiscal_year` is written.
pub fn annual_output(fiscal_year: i32) -> PathBuf {
    PathBuf::from(format!("pdf/annual-report-{fiscal_year}.pdf"))
}

/// The latest date a member of staff completed a course: what the plan's indicator is as of.
pub fn latest_completion(data: &Data) -> Option<chrono::NaiveDate> {
    data.staff
        .iter()
        .flat_map(|s| &s.value.staff)
        .flat_map(|m| &m.completed)
        .filter_map(|c| c.date)
        .max()
}

/// Where the competency plan is written.
pub const COMPETENCY_OUTPUT: &str = "pdf/competency-plan.pdf";

/// The plan's title: its own, or the name of Table 1.
pub fn plan_title(plan: &crate::data::CompetencyPlan) -> &str {
    if plan.title.is_empty() {
        "ตารางที่ ๑ แผนการพัฒนาสมรรถนะบุคลากร"
    } else {
        plan.title.as_str()
    }
}

/// Every figure comes from `year` through `generate::figures`, as on the results dashboard:
/// the same counts, the same words for a missing result, the same "met" rule and format.
/// Units are summarised in one table, whatever their number.
fn annual_job(
    site: &Site,
    data: &Data,
    year: &YearTotals,
    narrative: &[GeneratedSource],
    glyphs: &Glyphs,
) -> Job {
    let numerals = site.config.numerals;
    let fiscal_year = year.fiscal_year;
    let summary = figures::summary(year, numerals)
        .into_iter()
        .map(|(label, figure, unit)| {
            Value::Dict(dict([
                ("label", wrapping(&format!("{label} ({unit})"))),
                ("value", text(figure)),
            ]))
        });

    let by_type = AssistanceType::ALL.iter().map(|&t| {
        let count = year.year.assistance(t);
        Value::Dict(dict([
            ("label", wrapping(t.label())),
            ("value", number(u64::from(count), numerals)),
            ("count", Value::Int(i64::from(count))),
        ]))
    });

    let by_month = year.months.iter().map(|m| {
        Value::Dict(dict([
            (
                "label",
                text(MONTHS_SHORT[(m.month.month.clamp(1, 12) - 1) as usize]),
            ),
            ("value", number(u64::from(m.all.total), numerals)),
            ("count", Value::Int(i64::from(m.all.total))),
        ]))
    });

    let org = data.org.as_ref().map(|o| &o.value);
    let units = figures::units(year, org, numerals, |id, name| {
        name.unwrap_or(id).to_string()
    });

    let period = numerals.apply(&format!(
        "(๑ ตุลาคม {} – ๓๐ กันยายน {})",
        fiscal_year - 1,
        fiscal_year
    ));
    let title = "รายงานผลการดำเนินงานศูนย์ประสานงานแรงงานนอกระบบ";
    let organisation = data
        .org
        .as_ref()
        .map(|o| o.value.office.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| site.config.organisation.clone());
    let inputs = dict([
        ("title", wrapping(title)),
        (
            "title_text",
            text(format!("{title} ปีงบประมาณ {fiscal_year}")),
        ),
        ("organisation", wrapping(&organisation)),
        (
            "fiscal_year",
            text(numerals.apply(&fiscal_year.to_string())),
        ),
        ("period", wrapping(&period)),
        ("summary", array(summary)),
        (
            "indicators",
            report_table(&figures::indicators(year, numerals), glyphs),
        ),
        ("by_type", array(by_type)),
        ("by_month", array(by_month)),
        (
            "by_assistance_table",
            report_table(&figures::by_month::<AssistanceType>(year, numerals), glyphs),
        ),
        (
            "by_worker_table",
            report_table(&figures::by_month::<WorkerType>(year, numerals), glyphs),
        ),
        ("units", report_table(&units, glyphs)),
        ("narrative", array(narrative.iter().map(|s| text(&s.path)))),
        (
            "date_iso",
            document_date(
                year.months
                    .iter()
                    .filter(|m| m.reports > 0)
                    .map(|m| m.month)
                    .max()
                    .and_then(|m| m.last_day()),
            ),
        ),
        ("thai_digits", flag(numerals == Numerals::Thai)),
        ("layout", layout(TEXT_BLOCK)),
    ]);
    Job {
        output: annual_output(fiscal_year),
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
        let (developed, staff) = data
            .staff
            .as_ref()
            .map_or((0, 0), |s| totals::staff_developed(&s.value, year));
        let share = percent(developed as usize, staff as usize);
        let target = staff_target(data, year);
        Value::Dict(dict([
            ("fiscal_year", text(numerals.apply(&year.to_string()))),
            ("staff", number(staff as u64, numerals)),
            ("developed", number(developed as u64, numerals)),
            ("percent", text(numerals.figure(share))),
            ("target", text(format!("ร้อยละ {}", numerals.figure(target)))),
            ("met", flag(staff > 0 && totals::reaches(share, target))),
        ]))
    });
    let title = plan_title(plan);
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
        ("date_iso", document_date(latest_completion(data))),
        ("thai_digits", flag(numerals == Numerals::Thai)),
    ]);
    Some(Job {
        output: PathBuf::from(COMPETENCY_OUTPUT),
        template: "competency.typ",
        inputs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::thai_break::{with_breaks, BREAK};

    fn glyphs() -> Glyphs {
        Glyphs::new(&super::super::engine::theme_fonts(
            &crate::theme::Theme::built_in(),
        ))
    }

    /// The widest run of bold `text` that no line may break inside, in points.
    fn longest_bold_run(glyphs: &Glyphs, text: &str) -> f32 {
        with_breaks(text)
            .split([BREAK, ' '])
            .map(|run| run.chars().map(|c| glyphs.advance(c, Face::Bold)).sum())
            .fold(0.0, f32::max)
            * TEXT_BLOCK.font_size_pt
    }

    fn widths(table: &Table, glyphs: &Glyphs) -> Vec<Option<f64>> {
        let Value::Dict(value) = report_table(table, glyphs) else {
            panic!("a table is a dictionary");
        };
        let Ok(Value::Array(columns)) = value.get("columns") else {
            panic!("a measured table has its columns: {value:?}");
        };
        columns
            .iter()
            .map(|width| match width {
                Value::Float(points) => Some(*points),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_figure_column_holds_its_headers_longest_word_and_the_text_columns_share_the_rest() {
        let glyphs = glyphs();
        let header = [
            "หน่วยบริการ",
            "ที่ตั้ง",
            "เดือนที่รายงาน",
            "การช่วยเหลือ (ราย)",
            "ผู้ได้รับความช่วยเหลือ (คน)",
        ];
        let row = [
            "หน่วยบริการชุมชนแรงงานนอกระบบ บ้านคลองนิยม",
            "หมู่ที่ ๓ ตำบลพิมพา อำเภอบางปะกง",
            "๑๒",
            "๓๐๕",
            "๑,๑๓๙,๐๐๐,๐๐๐",
        ];
        let table = Table {
            header: header.map(String::from).to_vec(),
            rows: vec![row.map(String::from).to_vec(); 3],
            total_row: false,
        };
        let widths = widths(&table, &glyphs);
        assert_eq!(widths.len(), header.len());
        assert_eq!(&widths[..2], &[None, None], "{widths:?}");
        let regular = |text: &str| -> f32 {
            text.chars()
                .map(|c| glyphs.advance(c, Face::Regular))
                .sum::<f32>()
                * TEXT_BLOCK.font_size_pt
        };
        for (column, width) in widths.iter().enumerate().skip(2) {
            let width = width.unwrap_or_else(|| panic!("column {column} is measured"));
            let header_word = longest_bold_run(&glyphs, header[column]);
            let figure = regular(row[column]);
            let needed = f64::from(header_word.max(figure)) + 10.0;
            assert!(
                width >= needed && width < needed + 8.0,
                "column {column}: {width} pt for {needed} pt"
            );
        }
        let figures: f64 = widths.iter().flatten().sum();
        assert!(
            figures < f64::from(TEXT_BLOCK.width_pt) * 2.0 / 3.0,
            "the names keep a third of the line: {widths:?}"
        );
    }
}
