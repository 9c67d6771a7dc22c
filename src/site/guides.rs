//! Pages generated from the handbook itself: a reading path per role (from each page's
//! `audience` and the competency plan's courses) and "what changed" (from `updated`).

use std::path::PathBuf;

use super::{Audience, FrontMatter, Page, PageKind, VirtualPage};
use crate::data::{CompetencyPlan, TargetGroup};
use crate::markdown::links::relative_url;
use crate::markdown::{escape, escape_markdown};
use crate::thai::dates::{long_date, Numerals};

/// Thai prose is read at roughly this many words a minute.
const WORDS_PER_MINUTE: usize = 200;

/// The folder the path pages live in.
pub const PATHS_DIR: &str = "paths";

pub fn reading_minutes(markdown: &str) -> usize {
    crate::thai::segment::words(markdown)
        .len()
        .div_ceil(WORDS_PER_MINUTE)
        .max(1)
}

fn target_group(role: Audience) -> Option<TargetGroup> {
    match role {
        Audience::NewStaff => Some(TargetGroup::NewStaff),
        Audience::ExperiencedStaff => Some(TargetGroup::ExperiencedStaff),
        Audience::Supervisor => Some(TargetGroup::Supervisor),
        Audience::Executive => Some(TargetGroup::Executive),
        Audience::Volunteer => None,
    }
}

/// One page per role that some page is written for, plus the section's landing page.
/// `pages` must already be in reading order.
pub fn paths(pages: &[Page], plan: Option<&CompetencyPlan>) -> Vec<VirtualPage> {
    let mut out = Vec::new();
    let mut roles_listed = Vec::new();
    for (weight, role) in Audience::ALL.into_iter().enumerate() {
        let members: Vec<&Page> = pages
            .iter()
            .filter(|p| !p.generated && p.front.audience.contains(&role))
            .collect();
        if members.is_empty() {
            continue;
        }
        let url = format!("{PATHS_DIR}/{}.html", role.code());
        let total_minutes: usize = members.iter().map(|p| reading_minutes(&p.markdown)).sum();
        let mut md = format!(
            "หน้าที่{} ควรอ่าน เรียงตามลำดับในคู่มือ รวม {} หน้า ใช้เวลาอ่านประมาณ {} นาที \
             ติ๊กหน้าที่อ่านแล้วได้เลย เบราว์เซอร์จะจำไว้ในเครื่องนี้\n\n",
            role.label(),
            members.len(),
            total_minutes
        );
        md.push_str(&format!(
            "<p class=\"path-progress\" data-path=\"{0}\" aria-live=\"polite\">อ่านแล้ว <span data-done>0</span> จาก <span data-total>{1}</span> รายการ</p>\n\n",
            role.code(),
            members.len()
        ));
        md.push_str("## หน้าที่ควรอ่าน\n\n");
        md.push_str(&format!(
            "<ol class=\"path-list\" data-path=\"{}\">\n",
            role.code()
        ));
        for page in &members {
            md.push_str(&format!(
                "<li><input type=\"checkbox\" id=\"{0}\" data-item=\"{1}\"> <label for=\"{0}\"><a href=\"{2}\">{3}</a></label> <span class=\"reading-time\">~{4} นาที</span></li>\n",
                escape(&format!("item-{}", page.id)),
                escape(&page.id),
                escape(&relative_url(&url, &page.url)),
                escape(page.title()),
                reading_minutes(&page.markdown)
            ));
        }
        md.push_str("</ol>\n\n");
        let courses: Vec<_> = match (plan, target_group(role)) {
            (Some(plan), Some(group)) => plan
                .groups
                .iter()
                .flat_map(|g| &g.courses)
                .filter(|c| c.targets.contains(&group))
                .collect(),
            _ => Vec::new(),
        };
        if !courses.is_empty() {
            md.push_str("## หลักสูตรตามแผนพัฒนาสมรรถนะ\n\n");
            md.push_str(&format!(
                "<ol class=\"path-list\" data-path=\"{}\">\n",
                role.code()
            ));
            for course in courses {
                let methods: Vec<&str> = course.methods.iter().map(|m| m.label()).collect();
                md.push_str(&format!(
                    "<li><input type=\"checkbox\" id=\"course-{0}\" data-item=\"course:{0}\"> <label for=\"course-{0}\">{1}</label> <span class=\"reading-time\">{2}</span></li>\n",
                    escape(&course.id),
                    escape(&course.name),
                    escape(&methods.join(", "))
                ));
            }
            md.push_str("</ol>\n");
        }
        roles_listed.push((role, members.len()));
        out.push(VirtualPage {
            path: PathBuf::from(format!("{PATHS_DIR}/{}.md", role.code())),
            origin: format!("{PATHS_DIR}/{}.md (generated from audience)", role.code()),
            front: FrontMatter {
                title: format!("เส้นทางสำหรับ{}", role.label()),
                weight: weight as i64 + 1,
                description: Some(format!(
                    "{} หน้าที่{}ควรอ่าน พร้อมรายการตรวจสอบ",
                    members.len(),
                    role.label()
                )),
                ..FrontMatter::default()
            },
            markdown: md,
        });
    }
    if !out.is_empty() {
        let mut md = String::from(
            "เลือกเส้นทางตามบทบาทของคุณ แต่ละเส้นทางรวบรวมหน้าที่ควรอ่านตามลำดับ \
             และหลักสูตรที่ควรเข้ารับการพัฒนา ความคืบหน้าเก็บไว้ในเบราว์เซอร์ของเครื่องที่ใช้อ่าน\n\n",
        );
        for (role, count) in roles_listed {
            md.push_str(&format!(
                "- [{}]({}.md): {} หน้า\n",
                role.label(),
                role.code(),
                count
            ));
        }
        out.push(VirtualPage {
            path: PathBuf::from(format!("{PATHS_DIR}/_index.md")),
            origin: format!("{PATHS_DIR}/_index.md (generated)"),
            front: FrontMatter {
                title: "เส้นทางการเรียนรู้ตามบทบาท".into(),
                weight: -10,
                description: Some("เริ่มจากตรงนี้: หน้าที่ควรอ่านเรียงตามบทบาท".into()),
                ..FrontMatter::default()
            },
            markdown: md,
        });
    }
    out
}

/// Pages with an `updated` date, newest first (ties by reading order).
pub fn recently_updated(pages: &[Page]) -> Vec<&Page> {
    let mut dated: Vec<&Page> = pages
        .iter()
        .filter(|p| p.front.updated.is_some() && !p.generated)
        .collect();
    dated.sort_by_key(|p| std::cmp::Reverse(p.front.updated));
    dated
}

/// How many changes "what changed" and the feed list.
pub const RECENT_LIMIT: usize = 30;

/// The "what changed" page.
pub fn whats_new(pages: &[Page], numerals: Numerals) -> Option<VirtualPage> {
    let recent = recently_updated(pages);
    if recent.is_empty() {
        return None;
    }
    let mut md = String::from(
        "หน้าที่ปรับปรุงล่าสุดอยู่บนสุด ติดตามการเปลี่ยนแปลงด้วยโปรแกรมอ่านฟีดได้จาก <a href=\"feed.xml\">ฟีด Atom</a>\n\n\
         | ปรับปรุงเมื่อ | หน้า | หมวด |\n|---|---|---|\n",
    );
    for page in recent.into_iter().take(RECENT_LIMIT) {
        let date = page
            .front
            .updated
            .map(|d| long_date(d, numerals))
            .unwrap_or_default();
        let section = page
            .parent
            .as_deref()
            .and_then(|id| pages.iter().find(|p| p.id == id));
        let section_title = section
            .filter(|s| s.kind != PageKind::Home)
            .map(|s| s.title())
            .unwrap_or("—");
        md.push_str(&format!(
            "| {date} | [{}]({}) | {} |\n",
            escape_markdown(page.title()),
            source_link(page),
            escape_markdown(section_title)
        ));
    }
    Some(VirtualPage {
        path: PathBuf::from("whats-new.md"),
        origin: "whats-new.md (generated from updated dates)".into(),
        front: FrontMatter {
            title: "มีอะไรใหม่".into(),
            weight: 9000,
            description: Some("หน้าที่ปรับปรุงล่าสุดในคู่มือ".into()),
            ..FrontMatter::default()
        },
        markdown: md,
    })
}

/// A Markdown link target for `page` from the site root (`centre/x.md`, `centre/_index.md`).
fn source_link(page: &Page) -> String {
    crate::url::encode_path(&format!("{}.md", page.id))
}
