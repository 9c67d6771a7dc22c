//! The competency plan page: every course by skill, with its target groups and methods.

use std::fmt::Write;

use super::{cell, front, page};
use crate::data::{Coded, CompetencyPlan, TargetGroup};
use crate::site::{Audience, VirtualPage};
use crate::thai::dates::Numerals;
use crate::thai::digits;
use crate::util::escape;

pub(super) fn plan_page(plan: &CompetencyPlan, _n: Numerals) -> VirtualPage {
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
