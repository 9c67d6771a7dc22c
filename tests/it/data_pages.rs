//! Pages generated from the sample data: which pages exist, that they link where they should,
//! and that no name or national ID reaches their Markdown.

use std::path::Path;

/// A generated page: where it sits under `content/` as if it were a file, and its Markdown.
struct Generated {
    path: std::path::PathBuf,
    markdown: String,
}

/// The pages the generate stage made for a project.
fn generated_in(root: &Path) -> Vec<Generated> {
    let (loaded, diagnostics) = khumue::build::load(root);
    let loaded = loaded.unwrap_or_else(|| panic!("{diagnostics:?}"));
    loaded
        .site
        .pages
        .iter()
        .filter(|p| p.generated)
        .map(|p| Generated {
            path: format!("{}.md", p.id).into(),
            markdown: p.markdown.clone().expect("build::load keeps the Markdown"),
        })
        .collect()
}

fn generated() -> (khumue::data::Data, Vec<Generated>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (data, _) = khumue::data::load(root);
    (data, generated_in(root))
}

#[test]
fn generates_dashboard_unit_and_plan_pages() {
    let (_, pages) = generated();
    let paths: Vec<String> = pages
        .iter()
        .map(|p| p.path.to_string_lossy().replace('\\', "/"))
        .collect();
    for expected in [
        "results/2564.md",
        "results/units/_index.md",
        "results/units/klong-niyom.md",
        "results/units/wari-samankhun.md",
        "results/competency-plan.md",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "missing {expected} in {paths:?}"
        );
    }
    // content/reporting/sp12.md and snb2.md are written by hand: link to them, do not duplicate.
    assert!(
        !paths.iter().any(|p| p.starts_with("results/forms/")),
        "{paths:?}"
    );
    let dashboard = pages
        .iter()
        .find(|p| p.path.ends_with("2564.md"))
        .map(|p| &p.markdown);
    assert!(dashboard.is_some_and(|md| md.contains("](../reporting/sp12.md)")));
}

#[test]
fn no_name_or_id_in_generated_markdown() {
    let (data, pages) = generated();
    let ids: Vec<&str> = data
        .sp12
        .iter()
        .flat_map(|r| &r.value.rows)
        .map(|r| r.national_id.as_str())
        .collect();
    let names: Vec<&str> = data
        .sp12
        .iter()
        .flat_map(|r| &r.value.rows)
        .map(|r| r.name.as_str())
        .collect();
    assert!(!ids.is_empty());
    for page in &pages {
        let digits: String = khumue::thai::digits::to_arabic(&page.markdown);
        for id in &ids {
            assert!(
                !digits.contains(id),
                "{} shows a national ID",
                page.path.display()
            );
        }
        for name in &names {
            assert!(
                !page.markdown.contains(name),
                "{} shows a name",
                page.path.display()
            );
        }
    }
}

#[test]
fn plan_table_lists_every_course_with_its_target_groups() {
    let (data, pages) = generated();
    let plan = pages
        .iter()
        .find(|p| p.path.ends_with("competency-plan.md"))
        .map(|p| p.markdown.clone())
        .unwrap_or_default();
    let courses = data
        .plan
        .as_ref()
        .map(|p| {
            p.value
                .groups
                .iter()
                .map(|g| g.courses.len())
                .sum::<usize>()
        })
        .unwrap_or(0);
    assert_eq!(courses, 26);
    // One Markdown table row per course (after the heading the theme makes a filter of), and
    // no HTML: the PDF prints the same table.
    let table = plan
        .split("{.filter-by-3}")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default();
    assert_eq!(
        table.lines().filter(|l| l.starts_with("| ")).count(),
        courses + 1
    );
    assert!(table.contains("ผู้บริหาร"));
    assert!(!plan.contains('<'), "{plan}");
}

#[test]
fn an_empty_project_generates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (data, diagnostics) = khumue::data::load(dir.path());
    assert!(data.is_empty() && diagnostics.is_empty());
    let totals = khumue::data::totals(&data);
    assert!(totals.years.is_empty());
    std::fs::create_dir(dir.path().join("content")).expect("content/");
    std::fs::write(dir.path().join("content/_index.md"), "---\ntitle: t\n---\n").expect("page");
    assert!(generated_in(dir.path()).is_empty());
}
