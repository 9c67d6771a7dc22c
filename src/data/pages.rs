//! Handbook pages generated from the data: a results dashboard per fiscal year, a page per
//! unit, the competency plan, and a page per report form. Pages carry counts only: names and
//! national IDs of assisted people never reach them.

use std::fmt::Write;
use std::path::PathBuf;

use super::model::*;
use super::svg::{self, escape, Bar, Series};
use super::totals::{Breakdown, Totals, YearTotals};
use super::Data;
use crate::markdown::escape_markdown;
use crate::site::{Audience, FrontMatter, SiteConfig, VirtualPage};
use crate::thai::dates::{self, Numerals};
use crate::thai::digits;
use crate::url::encode_path;

const ASSISTANCE_COLOURS: [&str; 4] = ["#2b6cb0", "#2f855a", "#b7791f", "#c53030"];
const WORKER_COLOURS: [&str; 3] = ["#4a5568", "#805ad5", "#dd6b20"];

pub fn pages(data: &Data, totals: &Totals, config: &SiteConfig) -> Vec<VirtualPage> {
    if data.is_empty() {
        return Vec::new();
    }
    let n = config.numerals;
    let org = data.org.as_ref().map(|o| &o.value);
    let forms = Handbook::find(data);
    let mut pages = Vec::new();
    for (i, year) in totals.years.iter().rev().enumerate() {
        pages.push(dashboard(year, org, n, i as i64 + 1, &forms));
    }
    if let Some(org) = org {
        if !org.units.is_empty() {
            pages.push(units_index(org, n));
            for unit in &org.units {
                pages.push(unit_page(unit, totals, n));
            }
        }
    }
    if let Some(plan) = &data.plan {
        pages.push(plan_page(&plan.value));
    }
    if !forms.sp12_written || !forms.snb2_written {
        pages.push(forms_index(&forms));
    }
    if !forms.sp12_written {
        pages.push(sp12_form_page(&forms));
    }
    if !forms.snb2_written {
        pages.push(snb2_form_page(&forms));
    }
    pages
}

fn page(path: &str, origin: &str, front: FrontMatter, markdown: String) -> VirtualPage {
    VirtualPage {
        path: PathBuf::from(path),
        origin: format!("{origin} (generated)"),
        front,
        markdown,
    }
}

fn front(title: String, weight: i64, description: String, audience: Vec<Audience>) -> FrontMatter {
    FrontMatter {
        title,
        weight,
        description: Some(description),
        audience,
        tags: vec!["ผลการดำเนินงาน".into()],
        ..FrontMatter::default()
    }
}

fn num(n: Numerals, value: u32) -> String {
    n.apply(&digits::group_thousands(u64::from(value)))
}

fn decimal(n: Numerals, value: f64) -> String {
    let text = if value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    n.apply(&text)
}

fn month_label(month: ReportMonth, n: Numerals) -> String {
    dates::month_year(month.be_year, month.month, n)
}

fn short_month(month: ReportMonth) -> String {
    dates::MONTHS_SHORT[(month.month.clamp(1, 12) - 1) as usize].to_string()
}

/// A value from `data/` as Markdown text (a table cell, a list item, a link's text).
fn cell(text: &str) -> String {
    escape_markdown(text)
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
    let reported_months = year.months.iter().filter(|m| m.reports > 0).count() as u32;
    md.push_str("## สรุปภาพรวม\n\n");
    let _ = writeln!(
        md,
        "- จำนวนครั้งที่ให้ความช่วยเหลือทั้งปี: {} ราย",
        num(n, year.year.total)
    );
    let _ = writeln!(
        md,
        "- จำนวนผู้ได้รับความช่วยเหลือ (ไม่นับซ้ำ): {} คน",
        num(n, year.unique_persons)
    );
    let _ = writeln!(
        md,
        "- หน่วยบริการชุมชน: {} หน่วย",
        num(n, year.units.len() as u32)
    );
    let _ = writeln!(
        md,
        "- เดือนที่มีรายงาน: {} จาก {} เดือน\n",
        num(n, reported_months),
        n.apply("12")
    );

    if !year.indicators.is_empty() {
        md.push_str("## ผลเทียบกับตัวชี้วัด\n\n| ตัวชี้วัด | เป้าหมาย | ผล | สถานะ |\n|---|---:|---:|---|\n");
        let mut bars = Vec::new();
        for result in &year.indicators {
            let ind = &result.indicator;
            let actual = result
                .actual
                .map(|a| decimal(n, a))
                .unwrap_or_else(|| "ไม่มีข้อมูล".into());
            let status = match result.met() {
                Some(true) => "บรรลุ",
                Some(false) => "ยังไม่บรรลุ",
                None => "-",
            };
            let target = if ind.unit == "ร้อยละ" {
                format!("ร้อยละ {}", decimal(n, ind.target))
            } else {
                format!("{} {}", decimal(n, ind.target), ind.unit)
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(&ind.name),
                cell(&target),
                actual,
                status
            );
            if let Some(a) = result.actual {
                bars.push(Bar {
                    label: &ind.name,
                    value: if ind.target > 0.0 {
                        a / ind.target * 100.0
                    } else {
                        0.0
                    },
                    text: format!("{} / {}", decimal(n, a), decimal(n, ind.target)),
                    colour: if a >= ind.target {
                        "#2f855a"
                    } else {
                        "#c05621"
                    },
                    marker: Some(100.0),
                });
            }
        }
        md.push('\n');
        if !bars.is_empty() {
            md.push_str(&svg::horizontal_bars(
                "ผลเทียบเป้าหมาย (เส้นประ = เป้าหมาย)",
                &bars,
                120.0,
            ));
            md.push_str("\n\n");
        }
    }

    md.push_str("## จำแนกรายเดือนตามประเภทการช่วยเหลือ\n\n");
    let categories: Vec<String> = year.months.iter().map(|m| short_month(m.month)).collect();
    let series: Vec<Series> = AssistanceType::ALL
        .iter()
        .zip(ASSISTANCE_COLOURS)
        .map(|(kind, colour)| Series {
            label: kind.label(),
            colour,
            values: year
                .months
                .iter()
                .map(|m| m.all.assistance(*kind))
                .collect(),
        })
        .collect();
    md.push_str(&svg::stacked_bars(
        &format!(
            "จำนวนการช่วยเหลือรายเดือน ปีงบประมาณ {}",
            n.apply(&fy.to_string())
        ),
        &categories,
        &series,
        n,
    ));
    md.push_str("\n\n");
    breakdown_table(&mut md, year, n, AssistanceType::ALL, |b, k| {
        b.assistance(*k)
    });

    md.push_str("## จำแนกรายเดือนตามประเภทแรงงาน\n\n");
    let bars: Vec<Bar> = WorkerType::ALL
        .iter()
        .zip(WORKER_COLOURS)
        .map(|(kind, colour)| Bar {
            label: kind.long_label(),
            value: f64::from(year.year.worker(*kind)),
            text: format!("{} ราย", num(n, year.year.worker(*kind))),
            colour,
            marker: None,
        })
        .collect();
    md.push_str(&svg::horizontal_bars(
        "จำนวนการช่วยเหลือทั้งปีตามประเภทแรงงาน",
        &bars,
        f64::from(year.year.total),
    ));
    md.push_str("\n\n");
    breakdown_table(&mut md, year, n, WorkerType::ALL, |b, k| b.worker(*k));

    md.push_str("## จำแนกตามหน่วยบริการชุมชน\n\n| หน่วยบริการ | ที่ตั้ง | เดือนที่รายงาน | การช่วยเหลือ (ราย) | ผู้ได้รับความช่วยเหลือ (คน) |\n|---|---|---:|---:|---:|\n");
    for unit in &year.units {
        let info = org.and_then(|o| o.unit(&unit.unit));
        let name = match info {
            Some(u) => format!("[{}](units/{}.md)", cell(&u.name), encode_path(&unit.unit)),
            None => cell(&unit.unit),
        };
        let place = info.map(|u| n.apply(&u.address())).unwrap_or_default();
        let months = unit.months.iter().filter(|(_, b)| b.is_some()).count() as u32;
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} | {} |",
            cell(&place),
            num(n, months),
            num(n, unit.year.total),
            num(n, unit.unique_persons)
        );
    }
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

/// A month-by-kind table with a total column and a total row.
fn breakdown_table<K: Coded>(
    md: &mut String,
    year: &YearTotals,
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
    for month in &year.months {
        let _ = write!(md, "| {} |", month_label(month.month, n));
        if month.reports == 0 {
            for _ in kinds {
                md.push_str(" - |");
            }
            md.push_str(" ไม่มีรายงาน |\n");
            continue;
        }
        for kind in kinds {
            let _ = write!(md, " {} |", num(n, count(&month.all, kind)));
        }
        let _ = writeln!(md, " {} |", num(n, month.all.total));
    }
    md.push_str("| **รวมทั้งปี** |");
    for kind in kinds {
        let _ = write!(md, " **{}** |", num(n, count(&year.year, kind)));
    }
    let _ = writeln!(md, " **{}** |\n", num(n, year.year.total));
}

fn units_index(org: &Org, n: Numerals) -> VirtualPage {
    let mut md = format!(
        "หน่วยบริการชุมชนของ{} รายงานผลการให้บริการแก่แรงงานนอกระบบทุกเดือนด้วยแบบ สป-๑๒\n\n",
        if org.centre.name.is_empty() {
            "ศูนย์ประสานงานแรงงานนอกระบบ".to_string()
        } else {
            cell(&org.centre.name)
        }
    );
    for unit in &org.units {
        let _ = writeln!(
            md,
            "- [{}]({}.md) — {}",
            cell(&unit.name),
            encode_path(&unit.id),
            cell(&n.apply(&unit.address()))
        );
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
        let categories: Vec<String> = u.months.iter().map(|(m, _)| short_month(*m)).collect();
        let series: Vec<Series> = AssistanceType::ALL
            .iter()
            .zip(ASSISTANCE_COLOURS)
            .map(|(kind, colour)| Series {
                label: kind.label(),
                colour,
                values: u
                    .months
                    .iter()
                    .map(|(_, b)| b.map(|b| b.assistance(*kind)).unwrap_or(0))
                    .collect(),
            })
            .collect();
        md.push_str(&svg::stacked_bars(
            &format!("{} ปีงบประมาณ {fy}", unit.name),
            &categories,
            &series,
            n,
        ));
        md.push_str("\n\n| เดือน |");
        for kind in AssistanceType::ALL {
            let _ = write!(md, " {} |", kind.label());
        }
        for kind in WorkerType::ALL {
            let _ = write!(md, " {} |", kind.long_label());
        }
        md.push_str(" รวม |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (month, breakdown) in &u.months {
            let _ = write!(md, "| {} |", month_label(*month, n));
            match breakdown {
                Some(b) => {
                    for kind in AssistanceType::ALL {
                        let _ = write!(md, " {} |", num(n, b.assistance(*kind)));
                    }
                    for kind in WorkerType::ALL {
                        let _ = write!(md, " {} |", num(n, b.worker(*kind)));
                    }
                    let _ = writeln!(md, " {} |", num(n, b.total));
                }
                None => md.push_str(" - | - | - | - | - | - | - | ไม่มีรายงาน |\n"),
            }
        }
        md.push('\n');
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

fn plan_page(plan: &CompetencyPlan) -> VirtualPage {
    let mut md = String::from(
        "แผนพัฒนาสมรรถนะและความรู้ที่จำเป็นในการปฏิบัติงานของบุคลากร จำแนกตามทักษะที่จำเป็นแต่ละด้าน \
         แต่ละหลักสูตรระบุกลุ่มเป้าหมายและวิธีการพัฒนา เลือกกลุ่มเป้าหมายเพื่อแสดงเฉพาะหลักสูตรของกลุ่มนั้น \
         (ถ้าเบราว์เซอร์ปิด JavaScript ตารางจะแสดงครบทุกหลักสูตร)\n\n## ตารางแผนพัฒนาสมรรถนะ\n\n",
    );
    md.push_str("<p class=\"plan-filter\" id=\"plan-filter\" hidden><label>กลุ่มเป้าหมาย <select id=\"plan-filter-select\"><option value=\"\">ทุกกลุ่ม</option>");
    for group in TargetGroup::ALL {
        let _ = write!(
            md,
            "<option value=\"{}\">{}</option>",
            group.code(),
            escape(group.label())
        );
    }
    md.push_str("</select></label> <output id=\"plan-filter-count\"></output></p>\n\n");
    md.push_str("<table class=\"competency-plan\" id=\"competency-plan\">\n<thead><tr><th>ทักษะ</th><th>หลักสูตรหรือองค์ความรู้</th><th>กลุ่มเป้าหมาย</th><th>วิธีการพัฒนา</th></tr></thead>\n<tbody>\n");
    for group in &plan.groups {
        for (i, course) in group.courses.iter().enumerate() {
            let codes: Vec<&str> = course.targets.iter().map(|t| t.code()).collect();
            let targets: Vec<&str> = course.targets.iter().map(|t| t.label()).collect();
            let methods: Vec<&str> = course.methods.iter().map(|m| m.label()).collect();
            let _ = writeln!(
                md,
                "<tr data-targets=\"{}\"><td>{}</td><td>{}. {}</td><td>{}</td><td>{}</td></tr>",
                codes.join(" "),
                escape(&group.name),
                digits::to_thai(&(i + 1).to_string()),
                escape(&course.name),
                escape(&targets.join(", ")),
                escape(&methods.join(", "))
            );
        }
    }
    md.push_str("</tbody>\n</table>\n\n");
    md.push_str(PLAN_FILTER_SCRIPT);
    md.push_str("\n## จำนวนหลักสูตรตามกลุ่มเป้าหมาย\n\n| กลุ่มเป้าหมาย |");
    for group in &plan.groups {
        let _ = write!(md, " {} |", cell(&group.name));
    }
    md.push_str(" รวม |\n|---|");
    for _ in &plan.groups {
        md.push_str("---:|");
    }
    md.push_str("---:|\n");
    for target in TargetGroup::ALL {
        let _ = write!(md, "| {} |", target.label());
        let mut all = 0;
        for group in &plan.groups {
            let count = group
                .courses
                .iter()
                .filter(|c| c.targets.contains(target))
                .count();
            all += count;
            let _ = write!(md, " {} |", digits::to_thai(&count.to_string()));
        }
        let _ = writeln!(md, " {} |", digits::to_thai(&all.to_string()));
    }
    let title = if plan.title.is_empty() {
        "แผนพัฒนาสมรรถนะบุคลากร".to_string()
    } else {
        plan.title.clone()
    };
    page(
        "results/competency-plan.md",
        "data/competency/plan.yaml",
        front(
            title,
            60,
            "หลักสูตรพัฒนาสมรรถนะตามทักษะที่จำเป็น กลุ่มเป้าหมาย และวิธีการพัฒนา".into(),
            vec![
                Audience::NewStaff,
                Audience::ExperiencedStaff,
                Audience::Supervisor,
                Audience::Executive,
            ],
        ),
        md,
    )
}

/// Progressive enhancement: shows the filter and hides rows of other target groups. Without
/// script the filter stays hidden and the whole table shows.
const PLAN_FILTER_SCRIPT: &str = r##"<script>
(function () {
  var box = document.getElementById("plan-filter");
  var select = document.getElementById("plan-filter-select");
  var count = document.getElementById("plan-filter-count");
  var rows = document.querySelectorAll("#competency-plan tbody tr");
  if (!box || !select) { return; }
  box.hidden = false;
  select.addEventListener("change", function () {
    var shown = 0;
    rows.forEach(function (row) {
      var match = select.value === "" || row.getAttribute("data-targets").split(" ").indexOf(select.value) >= 0;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = select.value === "" ? "" : shown + " หลักสูตร";
  });
})();
</script>
"##;

/// Where each form is explained: a handbook page written by hand (`content/reporting/<form>.md`)
/// when there is one, otherwise a page generated here under `results/forms/`.
struct Handbook {
    sp12_written: bool,
    snb2_written: bool,
    /// `content/reference/data-files.md`, the data file documentation, exists.
    data_doc: bool,
}

impl Handbook {
    fn find(data: &Data) -> Self {
        let written = |form: &str| {
            data.root
                .join("content/reporting")
                .join(format!("{form}.md"))
                .is_file()
        };
        Handbook {
            sp12_written: written("sp12"),
            snb2_written: written("snb2"),
            data_doc: data.root.join("content/reference/data-files.md").is_file(),
        }
    }

    fn written(&self, form: &str) -> bool {
        if form == "sp12" {
            self.sp12_written
        } else {
            self.snb2_written
        }
    }

    /// Link to the form's page from a page in `results/`.
    fn link_from_results(&self, form: &str) -> String {
        if self.written(form) {
            format!("../reporting/{form}.md")
        } else {
            format!("forms/{form}.md")
        }
    }

    /// A pointer to the data file documentation for a page in `results/forms/`, if it exists.
    fn data_doc_line(&self) -> &'static str {
        if self.data_doc {
            "รายละเอียดของทุกช่องในไฟล์ข้อมูลและตัวอย่าง ดูที่ [ไฟล์ข้อมูลรายงาน](../../reference/data-files.md)\n"
        } else {
            ""
        }
    }

    /// Link to the form's page from a page in `results/forms/`.
    fn link_from_forms(&self, form: &str) -> String {
        if self.written(form) {
            format!("../../reporting/{form}.md")
        } else {
            format!("{form}.md")
        }
    }
}

fn forms_index(forms: &Handbook) -> VirtualPage {
    let md = format!("แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ มีสองแบบ \
              ข้อมูลของทั้งสองแบบเก็บเป็นไฟล์ YAML ใต้โฟลเดอร์ `data/reports/` แล้ว khumue ตรวจและพิมพ์เป็น PDF\n\n\
              - [แบบ สป-๑๒]({}) — หน่วยบริการชุมชนรายงานต่อสำนักงานแรงงานจังหวัด ทุกวันที่ ๒๕ ของเดือน\n\
              - [แบบ สนบ.๒]({}) — สำนักงานแรงงานจังหวัดรายงานต่อสำนักงานปลัดกระทรวงแรงงาน ทุกวันที่ ๕ ของเดือนถัดไป\n\n{}",
        forms.link_from_forms("sp12"),
        forms.link_from_forms("snb2"),
        forms.data_doc_line()
    );
    page(
        "results/forms/_index.md",
        "data/reports",
        front(
            "แบบรายงาน".into(),
            70,
            "แบบ สป-๑๒ และแบบ สนบ.๒: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::Volunteer, Audience::NewStaff],
        ),
        md,
    )
}

fn assistance_meanings() -> String {
    let mut md = String::from("| ประเภท | รหัสในไฟล์ข้อมูล | ความหมาย |\n|---|---|---|\n");
    for kind in AssistanceType::ALL {
        let _ = writeln!(
            md,
            "| {} | `{}` | {} |",
            kind.label(),
            kind.code(),
            kind.meaning()
        );
    }
    md.push_str("\n| ประเภทของแรงงาน | รหัสในไฟล์ข้อมูล |\n|---|---|\n");
    for kind in WorkerType::ALL {
        let _ = writeln!(md, "| {} | `{}` |", kind.long_label(), kind.code());
    }
    md
}

fn see_also(md: &mut String, handbook: &Handbook) {
    if handbook.data_doc {
        md.push('\n');
        md.push_str(handbook.data_doc_line());
    }
}

fn sp12_form_page(handbook: &Handbook) -> VirtualPage {
    let mut md = String::from(
        "แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ ของศูนย์ประสานงานแรงงานนอกระบบ (ภาคประชาชน) \
         หน่วยบริการชุมชนกรอกเดือนละหนึ่งแบบ แล้วส่งให้สำนักงานแรงงานจังหวัด**ทุกวันที่ ๒๕ ของเดือน**\n\n\
         ## ส่วนหัวของแบบ\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | จังหวัด | (จาก `data/org.yaml`) | จังหวัดที่ตั้งศูนย์ประสานงาน |\n\
         | หน่วยบริการ | `unit` | รหัสหน่วยบริการตามที่กำหนดใน `data/org.yaml` |\n\
         | ประจำเดือน | `month` | เดือนที่รายงาน เขียนเป็น ปี พ.ศ.-เดือน เช่น `2563-10` |\n\
         | จำนวน … คน | `count` | จำนวนรายชื่อในแบบ ต้องเท่ากับจำนวนแถว |\n\
         | วันที่ส่ง | `submitted` | วันที่ส่งแบบ ถ้าเลยวันที่ ๒๕ ระบบจะเตือน |\n\n\
         ## ช่องในตาราง\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | ลำดับที่ | `seq` | ลำดับแถว |\n\
         | ชื่อ-สกุล ผู้ที่ได้รับการช่วยเหลือ | `name` | ชื่อและนามสกุล (แสดงเฉพาะใน PDF ไม่แสดงในเว็บไซต์) |\n\
         | เลขบัตรประชาชน ๑๓ หลัก | `national_id` | เลขอารบิกหรือเลขไทย มีขีดหรือเว้นวรรคได้ ระบบตรวจหลักตรวจสอบ (หลักที่ ๑๓) |\n\
         | ประเภทการช่วยเหลือ/การให้บริการ | `assistance` | ดูตารางประเภทด้านล่าง |\n\
         | ประเภทของแรงงาน | `worker` | แรงงานนอกระบบ แรงงานสูงอายุ หรือแรงงานคนพิการ |\n\n\
         ## ประเภทการช่วยเหลือ\n\n",
    );
    md.push_str(&assistance_meanings());
    md.push_str("\nคนเดียวกันต้องมีรายชื่อเพียงครั้งเดียวในแบบของหน่วยบริการในเดือนเดียวกัน\n");
    see_also(&mut md, handbook);
    page(
        "results/forms/sp12.md",
        "data/reports",
        front(
            "แบบ สป-๑๒".into(),
            1,
            "รายงานผลการช่วยเหลือรายเดือนของหน่วยบริการชุมชน: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::Volunteer, Audience::NewStaff],
        ),
        md,
    )
}

fn snb2_form_page(handbook: &Handbook) -> VirtualPage {
    let mut md = String::from(
        "แบบรายงานผลการช่วยเหลือแรงงานนอกระบบ แรงงานสูงอายุ และแรงงานคนพิการ ภายใต้แผนปฏิบัติการส่งเสริม คุ้มครอง และพัฒนาแรงงานนอกระบบ \
         สำนักงานแรงงานจังหวัดจัดทำเดือนละหนึ่งแบบ ส่งพร้อมแบบ สนบ.๑ (รายงานผลการดำเนินงาน) **ทุกวันที่ ๕ ของเดือนถัดไป**\n\n\
         ## ส่วนหัวของแบบ\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | จังหวัด | `province` | ชื่อจังหวัด |\n\
         | ประจำเดือน | `month` | เดือนที่รายงาน เช่น `2564-01` |\n\
         | จำนวน … คน | `count` | จำนวนรายชื่อในแบบ ต้องเท่ากับจำนวนแถว |\n\
         | วันที่ส่ง | `submitted` | ถ้าเลยวันที่ ๕ ของเดือนถัดไประบบจะเตือน |\n\n\
         ## ช่องในตาราง\n\n\
         | ช่องในแบบ | ช่องในไฟล์ข้อมูล | คำอธิบาย |\n|---|---|---|\n\
         | ลำดับที่ | `seq` | ลำดับแถว |\n\
         | ชื่อแผนงาน/โครงการ/กิจกรรม | `plan` | แผนงาน โครงการ หรือกิจกรรมที่ให้ความช่วยเหลือ |\n\
         | ชื่อ-สกุล ผู้ที่ได้รับการช่วยเหลือ | `name` | แสดงเฉพาะใน PDF |\n\
         | เลขบัตรประชาชน ๑๓ หลัก | `national_id` | ตรวจหลักตรวจสอบเช่นเดียวกับแบบ สป-๑๒ |\n\
         | ประเภทการช่วยเหลือ/การให้บริการ | `assistance` | ส่งเสริม คุ้มครอง หรือพัฒนา |\n\
         | ประเภทของแรงงาน | `worker` | แรงงานนอกระบบ แรงงานสูงอายุ หรือแรงงานคนพิการ |\n\
         | หมายเหตุ: มี/ไม่มีรายชื่อในฐานข้อมูลแรงงานนอกระบบ ปี ๒๕๖๓ | `listed_in_2563_db` | `true` = มีรายชื่อ, `false` = ไม่มีรายชื่อ (พิมพ์เป็นเครื่องหมาย ✓ ในช่องที่ตรงกัน) |\n\
         | (ไม่มีในแบบ) | `unit` | หน่วยบริการที่ให้ความช่วยเหลือ ใช้เทียบจำนวนกับแบบ สป-๑๒ ของหน่วยนั้น |\n\n\
         ## ประเภทการช่วยเหลือ\n\n",
    );
    md.push_str(&assistance_meanings());
    md.push_str(
        "\nถ้าจำนวนรายชื่อของหน่วยบริการในแบบ สนบ.๒ ไม่ตรงกับแบบ สป-๑๒ ของหน่วยนั้นในเดือนเดียวกัน ระบบจะเตือน\n",
    );
    see_also(&mut md, handbook);
    page(
        "results/forms/snb2.md",
        "data/reports",
        front(
            "แบบ สนบ.๒".into(),
            2,
            "รายงานผลการช่วยเหลือรายเดือนของจังหวัด: ช่องในแบบและกำหนดส่ง".into(),
            vec![Audience::NewStaff, Audience::ExperiencedStaff],
        ),
        md,
    )
}
