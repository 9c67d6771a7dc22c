//! Results pages: a dashboard per fiscal year and a page per community service unit, read
//! from the totals. Pages carry counts only: names and national IDs of assisted people
//! never reach them.

use std::fmt::Write;

use super::figures::{self, month_label};
use super::forms::Handbook;
use super::{cell, front, num, page, Inputs};
use crate::data::totals::{Breakdown, Totals, UnitTotals, YearTotals};

use crate::data::*;
use crate::site::{Audience, VirtualPage};
use crate::thai::dates::{self, Numerals};
use crate::util::url::encode_path;

pub(super) fn pages(inputs: &Inputs, forms: &Handbook) -> Vec<VirtualPage> {
    let n = inputs.numerals;
    let totals = inputs.totals;
    let org = inputs.data.org.as_ref().map(|o| &o.value);
    let mut pages = Vec::new();
    for (i, year) in totals.years.iter().rev().enumerate() {
        pages.push(dashboard(year, org, n, i as i64 + 1, forms));
    }
    if let Some(org) = org {
        if !org.units.is_empty() {
            pages.push(units_index(org, totals, n));
            for unit in &org.units {
                pages.push(unit_page(unit, totals, n));
            }
        }
    }
    pages
}

fn dashboard(
    year: &YearTotals,
    org: Option<&Org>,
    n: Numerals,
    weight: i64,
    forms: &Handbook,
) -> VirtualPage {
    let fy = year.fiscal_year;
    let mut md = String::new();
    let first = ReportMonth {
        be_year: fy - 1,
        month: 10,
    };
    let last = ReportMonth {
        be_year: fy,
        month: 9,
    };
    let _ = writeln!(
        md,
        "ผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ ของหน่วยบริการชุมชน ปีงบประมาณ {} ({} ถึง {}) \
         รวบรวมจากแบบ สป-๑๒ ที่หน่วยบริการส่งทุกเดือน หน้านี้แสดงเฉพาะจำนวน ไม่แสดงชื่อหรือเลขประจำตัวประชาชน\n",
        n.apply(&fy.to_string()),
        month_label(first, n),
        month_label(last, n)
    );
    md.push_str("## สรุปภาพรวม\n\n");
    for (label, figure, unit) in figures::summary(year, n) {
        let _ = writeln!(md, "- {label}: {figure} {unit}");
    }
    md.push('\n');
    if !year.indicators.is_empty() {
        // `.chart-progress`: the theme draws each indicator's result against its target.
        md.push_str("## ผลเทียบกับตัวชี้วัด {.chart-progress}\n\n");
        markdown_table(
            &mut md,
            &figures::indicators(year, n),
            &[false, true, true, false],
        );
    }
    // `.chart`: the theme draws the table below the heading as stacked bars.
    md.push_str("## จำแนกรายเดือนตามประเภทการช่วยเหลือ {.chart}\n\n");
    let table = figures::by_month::<AssistanceType>(year, n);
    markdown_table(&mut md, &table, &numeric(&table));
    md.push_str("## จำแนกรายเดือนตามประเภทแรงงาน {.chart}\n\n");
    let table = figures::by_month::<WorkerType>(year, n);
    markdown_table(&mut md, &table, &numeric(&table));
    md.push_str("## จำแนกตามหน่วยบริการชุมชน {.sortable}\n\n");
    let table = figures::units(year, org, n, |id, name| match name {
        Some(name) => format!("[{}](units/{id}.md)", cell(name)),
        None => cell(id),
    });
    markdown_table(&mut md, &table, &[false, false, true, true, true]);
    let _ = writeln!(
        md,
        "\nความหมายของแต่ละประเภทและวิธีกรอกแบบรายงาน ดูที่ [แบบ สป-๑๒]({}) และ [แบบ สนบ.๒]({})",
        forms.link_from_results("sp12"),
        forms.link_from_results("snb2")
    );

    let title = format!("ผลการดำเนินงาน ปีงบประมาณ {}", n.apply(&fy.to_string()));
    page(
        &format!("results/{fy}.md"),
        &format!("data/reports/{fy}"),
        front(
            title,
            weight,
            format!(
                "สรุปผลการช่วยเหลือแรงงานนอกระบบ ปีงบประมาณ {}",
                n.apply(&fy.to_string())
            ),
            vec![Audience::Executive, Audience::Supervisor],
        ),
        md,
    )
}

/// Every column but the first holds figures (right-aligned).
fn numeric(table: &figures::Table) -> Vec<bool> {
    (0..table.header.len()).map(|i| i > 0).collect()
}

/// A table as Markdown; the total row, if any, in bold.
fn markdown_table(md: &mut String, table: &figures::Table, right: &[bool]) {
    md.push('|');
    for head in &table.header {
        let _ = write!(md, " {} |", cell(head));
    }
    md.push_str("\n|");
    for i in 0..table.header.len() {
        md.push_str(if right.get(i).copied().unwrap_or(false) {
            "---:|"
        } else {
            "---|"
        });
    }
    md.push('\n');
    let last = table.rows.len().saturating_sub(1);
    for (r, row) in table.rows.iter().enumerate() {
        md.push('|');
        for text in row {
            let shown = cell(text);
            if table.total_row && r == last && !shown.is_empty() {
                let _ = write!(md, " **{shown}** |");
            } else {
                let _ = write!(md, " {shown} |");
            }
        }
        md.push('\n');
    }
    md.push('\n');
}

/// A unit's month-by-kind table with a total column.
fn unit_table<K: Coded>(
    md: &mut String,
    unit: &UnitTotals,
    n: Numerals,
    kinds: &[K],
    count: impl Fn(&Breakdown, &K) -> u32,
) {
    md.push_str("| เดือน |");
    for kind in kinds {
        let _ = write!(md, " {} |", kind.label());
    }
    md.push_str(" รวม |\n|---|");
    for _ in kinds {
        md.push_str("---:|");
    }
    md.push_str("---:|\n");
    for (month, breakdown) in &unit.months {
        let _ = write!(md, "| {} |", month_label(*month, n));
        match breakdown {
            Some(b) => {
                for kind in kinds {
                    let _ = write!(md, " {} |", num(n, count(b, kind)));
                }
                let _ = writeln!(md, " {} |", num(n, b.total));
            }
            None => {
                for _ in kinds {
                    md.push_str(" - |");
                }
                md.push_str(" ไม่มีรายงาน |\n");
            }
        }
    }
    md.push('\n');
}

/// One table of every unit (a list of 93 links reads badly). `.sortable`: on the site the
/// theme sorts it by any column and filters its rows by what is typed; without script it is
/// a plain table.
fn units_index(org: &Org, totals: &Totals, n: Numerals) -> VirtualPage {
    let mut md = format!(
        "หน่วยบริการชุมชนของ{} รายงานผลการให้บริการแก่แรงงานนอกระบบทุกเดือนด้วยแบบ สป-๑๒\n\n",
        if org.centre.name.is_empty() {
            "ศูนย์ประสานงานแรงงานนอกระบบ".to_string()
        } else {
            cell(&org.centre.name)
        }
    );
    let latest = totals.years.last();
    md.push_str("## รายชื่อหน่วยบริการชุมชน {.sortable}\n\n| หน่วยบริการ | หมู่ที่ | ตำบล | อำเภอ |");
    if let Some(year) = latest {
        let _ = write!(
            md,
            " การช่วยเหลือ ปีงบประมาณ {} (ราย) |",
            n.apply(&year.fiscal_year.to_string())
        );
    }
    md.push_str("\n|---|---:|---|---|");
    if latest.is_some() {
        md.push_str("---:|");
    }
    md.push('\n');
    for unit in &org.units {
        let _ = write!(
            md,
            "| [{}]({}.md) | {} | {} | {} |",
            cell(&unit.name),
            encode_path(&unit.id),
            n.apply(&unit.moo.to_string()),
            cell(&unit.sub_district),
            cell(&unit.district)
        );
        if let Some(year) = latest {
            let helped = year.units.iter().find(|u| u.unit == unit.id);
            let _ = write!(
                md,
                " {} |",
                helped.map_or_else(|| "-".to_string(), |u| n.count(u64::from(u.year.total)))
            );
        }
        md.push('\n');
    }
    page(
        "results/units/_index.md",
        "data/org.yaml",
        front(
            "หน่วยบริการชุมชน".into(),
            50,
            "ผลรายเดือนของหน่วยบริการชุมชนแต่ละหน่วย".into(),
            vec![Audience::Supervisor, Audience::Volunteer],
        ),
        md,
    )
}

fn unit_page(unit: &Unit, totals: &Totals, n: Numerals) -> VirtualPage {
    let mut md = String::new();
    md.push_str("## ข้อมูลหน่วยบริการ\n\n");
    let _ = writeln!(md, "- ชื่อหน่วย: {}", cell(&unit.name));
    if !unit.village.is_empty() {
        let _ = writeln!(md, "- หมู่บ้าน/ชุมชน: {}", cell(&unit.village));
    }
    let _ = writeln!(md, "- หมู่ที่: {}", n.apply(&unit.moo.to_string()));
    let _ = writeln!(md, "- ตำบล: {}", cell(&unit.sub_district));
    let _ = writeln!(md, "- อำเภอ: {}", cell(&unit.district));
    if let Some(date) = unit.established {
        let _ = writeln!(md, "- วันที่จัดตั้ง: {}", dates::long_date(date, n));
    }
    md.push('\n');
    for year in totals.years.iter().rev() {
        let Some(u) = year.units.iter().find(|u| u.unit == unit.id) else {
            continue;
        };
        let fy = n.apply(&year.fiscal_year.to_string());
        let _ = writeln!(md, "## ปีงบประมาณ {fy}\n");
        let _ = writeln!(
            md,
            "ให้ความช่วยเหลือ {} ราย แก่ผู้ได้รับความช่วยเหลือ {} คน (ไม่นับซ้ำ)\n",
            num(n, u.year.total),
            num(n, u.unique_persons)
        );
        let _ = writeln!(md, "### ตามประเภทการช่วยเหลือ {{.chart}}\n");
        unit_table(&mut md, u, n, AssistanceType::ALL, |b, k| b.assistance(*k));
        let _ = writeln!(md, "### ตามประเภทแรงงาน {{.chart}}\n");
        unit_table(&mut md, u, n, WorkerType::ALL, |b, k| b.worker(*k));
    }
    page(
        &format!("results/units/{}.md", unit.id),
        "data/org.yaml",
        front(
            unit.name.clone(),
            10,
            format!("ผลรายเดือนของ{}", unit.name),
            vec![Audience::Supervisor, Audience::Volunteer],
        ),
        md,
    )
}
