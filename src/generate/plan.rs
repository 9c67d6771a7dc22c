//! The competency plan page: every course by skill, with its target groups and methods.

use std::fmt::Write;

use super::{cell, front, page};
use crate::data::{CompetencyPlan, TargetGroup};
use crate::site::{Audience, VirtualPage};
use crate::thai::dates::Numerals;

pub(super) fn plan_page(plan: &CompetencyPlan, n: Numerals) -> VirtualPage {
    let mut md = String::from(
        "แผนพัฒนาสมรรถนะและความรู้ที่จำเป็นในการปฏิบัติงานของบุคลากร จำแนกตามทักษะที่จำเป็นแต่ละด้าน \
         แต่ละหลักสูตรระบุกลุ่มเป้าหมายและวิธีการพัฒนา\n\n",
    );
    // `.filter-by-3`: on the site the theme offers a choice of target group (column 3) and
    // shows only that group's courses; elsewhere the whole table shows.
    md.push_str("## ตารางแผนพัฒนาสมรรถนะ {.filter-by-3}\n\n");
    md.push_str("| ทักษะ | หลักสูตรหรือองค์ความรู้ | กลุ่มเป้าหมาย | วิธีการพัฒนา |\n|---|---|---|---|\n");
    for group in &plan.groups {
        for (i, course) in group.courses.iter().enumerate() {
            let targets: Vec<&str> = course.targets.iter().map(|t| t.course_label()).collect();
            let methods: Vec<&str> = course.methods.iter().map(|m| m.label()).collect();
            let _ = writeln!(
                md,
                "| {} | {}. {} | {} | {} |",
                cell(&group.name),
                n.count(i as u64 + 1),
                cell(&course.name),
                cell(&targets.join(", ")),
                cell(&methods.join(", "))
            );
        }
    }
    md.push_str("\n## จำนวนหลักสูตรตามกลุ่มเป้าหมาย\n\n| กลุ่มเป้าหมาย |");
    for group in &plan.groups {
        let _ = write!(md, " {} |", cell(&group.name));
    }
    md.push_str(" รวม |\n|---|");
    for _ in &plan.groups {
        md.push_str("---:|");
    }
    md.push_str("---:|\n");
    for target in TargetGroup::COURSE_GROUPS {
        let _ = write!(md, "| {} |", target.course_label());
        let mut all = 0;
        for group in &plan.groups {
            let count = group
                .courses
                .iter()
                .filter(|c| c.targets.contains(&target))
                .count();
            all += count;
            let _ = write!(md, " {} |", n.count(count as u64));
        }
        let _ = writeln!(md, " {} |", n.count(all as u64));
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
