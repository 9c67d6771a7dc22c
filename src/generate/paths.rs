//! Pages generated from the handbook itself: a reading path per role (from each page's
//! `audience` and the competency plan's courses) and "what changed" (from `updated`).

use std::path::PathBuf;

use crate::data::CompetencyPlan;
use crate::site::nav::{recently_updated, RECENT_LIMIT};
use crate::site::{Audience, FrontMatter, Page, PageKind, VirtualPage};
use crate::thai::dates::{long_date, Numerals};
use crate::util::escape_markdown;
use crate::util::relative_url;

/// Thai prose is read at roughly this many words a minute.
const WORDS_PER_MINUTE: usize = 200;

/// The folder the path pages live in.
pub const PATHS_DIR: &str = "paths";

/// A handbook page's Markdown: generation runs while the build loads, before any is released.
fn markdown(page: &Page) -> &str {
    page.markdown.as_deref().unwrap_or_default()
}

pub fn reading_minutes(markdown: &str) -> usize {
    crate::thai::segment::words(markdown)
        .len()
        .div_ceil(WORDS_PER_MINUTE)
        .max(1)
}

/// One page per role that some page is written for, plus the section's landing page.
/// `pages` are the handbook's own pages in reading order.
///
/// The lists are plain Markdown lists under a heading of class `checklist`: the site's theme
/// turns them into checklists whose ticks the browser keeps; a PDF prints them as lists.
pub fn paths(pages: &[Page], plan: Option<&CompetencyPlan>, n: Numerals) -> Vec<VirtualPage> {
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
        let source = format!("{PATHS_DIR}/{}.md", role.code());
        let total_minutes: usize = members.iter().map(|p| reading_minutes(markdown(p))).sum();
        let mut md = format!(
            "หน้าที่{}ควรอ่าน เรียงตามลำดับในคู่มือ รวม {} หน้า ใช้เวลาอ่านประมาณ {} นาที\n\n",
            role.label(),
            n.count(members.len() as u64),
            n.count(total_minutes as u64)
        );
        md.push_str("## หน้าที่ควรอ่าน {.checklist}\n\n");
        for (i, page) in members.iter().enumerate() {
            md.push_str(&format!(
                "{}. [{}]({}) — ประมาณ {} นาที\n",
                i + 1,
                escape_markdown(page.title()),
                relative_url(&source, &format!("{}.md", page.id)),
                n.count(reading_minutes(markdown(page)) as u64)
            ));
        }
        md.push('\n');
        let courses: Vec<_> = match (plan, role.target_group()) {
            (Some(plan), Some(group)) => plan
                .groups
                .iter()
                .flat_map(|g| &g.courses)
                .filter(|c| c.targets.contains(&group))
                .collect(),
            _ => Vec::new(),
        };
        if !courses.is_empty() {
            md.push_str("## หลักสูตรตามแผนพัฒนาสมรรถนะ {.checklist}\n\n");
            for (i, course) in courses.into_iter().enumerate() {
                let methods: Vec<&str> = course.methods.iter().map(|m| m.label()).collect();
                md.push_str(&format!(
                    "{}. {} — {}\n",
                    i + 1,
                    escape_markdown(&course.name),
                    escape_markdown(&methods.join(", "))
                ));
            }
        }
        roles_listed.push((role, members.len()));
        out.push(VirtualPage {
            path: PathBuf::from(&source),
            origin: format!("{source} (generated from audience)"),
            front: FrontMatter {
                title: format!("เส้นทางสำหรับ{}", role.label()),
                weight: weight as i64 + 1,
                description: Some(format!(
                    "{} หน้าที่{}ควรอ่าน พร้อมรายการตรวจสอบ",
                    n.count(members.len() as u64),
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
             และหลักสูตรที่ควรเข้ารับการพัฒนา\n\n",
        );
        for (role, count) in roles_listed {
            md.push_str(&format!(
                "- [{}]({}.md): {} หน้า\n",
                role.label(),
                role.code(),
                n.count(count as u64)
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
    crate::util::url::encode_path(&format!("{}.md", page.id))
}
