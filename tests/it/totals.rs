//! One source of truth for every figure: the results dashboard and the annual PDF both read
//! `Totals`, so they show the same figures in the same words.

use std::collections::BTreeMap;

use crate::common::pdf;
use crate::common::project::{build, copy_dir, default_output, repo};

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every figure in `text` (digits of either system, with thousands commas), counted.
fn figures(text: &str) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        let digit = c.is_ascii_digit() || ('๐'..='๙').contains(&c);
        if digit || (c == ',' && !current.is_empty()) {
            current.push(c);
        } else if !current.is_empty() {
            let figure = current.trim_end_matches(',').to_string();
            *found.entry(figure).or_insert(0) += 1;
            current.clear();
        }
    }
    found
}

/// The inner HTML of every `<tag ...>…</tag>` in `html`.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    html.split(&open)
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[rest.find('>')? + 1..];
            Some(&body[..body.find(&close)?])
        })
        .collect()
}

#[test]
fn every_figure_on_the_results_page_is_in_the_annual_report() {
    let out = default_output();
    let html = std::fs::read_to_string(out.join("site/results/2564.html")).expect("dashboard");
    let article = html
        .split("<article")
        .nth(1)
        .and_then(|a| a.split("</article>").next())
        .expect("the page's article");
    // The figures: every table cell, and the summary list.
    let mut shown = String::new();
    for cell in elements(article, "td") {
        shown.push_str(&strip_tags(cell));
        shown.push(' ');
    }
    let summary = article
        .split("สรุปภาพรวม")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .expect("the summary list");
    for item in elements(summary, "li") {
        shown.push_str(&strip_tags(item));
        shown.push(' ');
    }
    let on_site = figures(&shown);
    assert!(on_site.values().sum::<usize>() > 100, "{on_site:?}");
    let in_pdf = figures(&pdf::text(&out.join("pdf/annual-report-2564.pdf"), false));
    let missing: Vec<String> = on_site
        .iter()
        .filter(|(figure, count)| in_pdf.get(*figure).copied().unwrap_or(0) < **count)
        .map(|(figure, count)| {
            format!(
                "{figure}: {count} on the site, {} in the PDF",
                in_pdf.get(figure).copied().unwrap_or(0)
            )
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn a_manual_indicator_without_a_result_reads_the_same_on_the_site_and_in_the_pdf() {
    let project = tempfile::tempdir().expect("temp dir");
    let root = project.path();
    copy_dir(&repo().join("data"), &root.join("data"));
    std::fs::create_dir_all(root.join("content")).expect("content/");
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: คู่มือ\n---\n\nหน้าแรก\n",
    )
    .expect("home page");
    let targets = root.join("data/targets/2564.yaml");
    let mut text = std::fs::read_to_string(&targets).expect("targets");
    text.push_str(
        "  - id: satisfaction\n    name: \"ความพึงพอใจ\"\n    target: 80\n    unit: \"ร้อยละ\"\n    measure: manual\n",
    );
    std::fs::write(&targets, text).expect("write targets");
    let out = root.join("output");
    let (ok, log) = build(root, &out, &[]);
    assert!(ok, "{log}");

    let html = std::fs::read_to_string(out.join("site/results/2564.html")).expect("dashboard");
    let row = elements(&html, "tr")
        .into_iter()
        .find(|r| r.contains("ความพึงพอใจ"))
        .map(strip_tags)
        .expect("the indicator's row on the dashboard");
    let words: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(words, ["ความพึงพอใจ", "ร้อยละ", "๘๐", "ไม่มีข้อมูล", "-"]);

    let pdf = pdf::text(&out.join("pdf/annual-report-2564.pdf"), true);
    let line = pdf
        .lines()
        .find(|l| l.contains("ความพึงพอใจ"))
        .expect("the indicator's row in the annual report");
    let pdf_words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(pdf_words, words, "{line}");
}
