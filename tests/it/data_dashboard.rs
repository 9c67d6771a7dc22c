//! The built dashboard for fiscal year 2564 shows, month by month, the same counts by
//! assistance type and by worker type as a count made here straight from the SP-12 YAML files
//! (without khumue's totals code).

use std::collections::BTreeMap;
use std::path::Path;

use khumue::thai::digits;
use khumue::yaml;

const ASSISTANCE: [(&str, &str); 4] = [
    ("ส่งเสริม", "promote"),
    ("คุ้มครอง", "protect"),
    ("พัฒนา", "develop"),
    ("ระวังภัย", "watch"),
];
const WORKER: [(&str, &str, &str); 3] = [
    ("นอกระบบ", "แรงงานนอกระบบ", "informal"),
    ("สูงอายุ", "แรงงานสูงอายุ", "elderly"),
    ("คนพิการ", "แรงงานคนพิการ", "disabled"),
];
const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

use crate::common::project::repo;

/// Month label as the dashboard prints it (after converting digits): `ตุลาคม 2563`.
type Counts = BTreeMap<String, (Vec<u32>, Vec<u32>)>;

fn count_from_yaml() -> Counts {
    let mut counts = Counts::new();
    let dir = repo().join("data/reports/2564/sp12");
    for unit in std::fs::read_dir(&dir).expect("sp12 folder").flatten() {
        for file in std::fs::read_dir(unit.path())
            .expect("unit folder")
            .flatten()
        {
            let path = file.path();
            let text = std::fs::read_to_string(&path).expect("read");
            let doc = yaml::parse::<serde_json::Value>(&text, &path, 1)
                .expect("parses")
                .value;
            let month = digits::to_arabic(doc["month"].as_str().expect("month"));
            let (year, m) = month.split_once('-').expect("YYYY-MM");
            let label = format!(
                "{} {year}",
                MONTHS[m.parse::<usize>().expect("month number") - 1]
            );
            let entry = counts
                .entry(label)
                .or_insert_with(|| (vec![0; 5], vec![0; 4]));
            for row in doc["rows"].as_array().into_iter().flatten() {
                let a = row["assistance"].as_str().expect("assistance").trim();
                let w = row["worker"].as_str().expect("worker").trim();
                let ai = ASSISTANCE
                    .iter()
                    .position(|(th, code)| a == *th || a == *code)
                    .expect("known assistance");
                let wi = WORKER
                    .iter()
                    .position(|(th, long, code)| w == *th || w == *long || w == *code)
                    .expect("known worker");
                entry.0[ai] += 1;
                entry.0[4] += 1;
                entry.1[wi] += 1;
                entry.1[3] += 1;
            }
        }
    }
    counts
}

/// Table rows of an HTML page as plain-text cells, digits made Arabic, thousands separators
/// removed.
fn table_rows(html: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for chunk in html.split("<tr").skip(1) {
        let chunk = chunk.split("</tr>").next().unwrap_or("");
        let mut cells = Vec::new();
        let mut rest = chunk;
        while let Some(start) = rest.find("<td").or_else(|| rest.find("<th")) {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let body = &after[open_end + 1..];
            let close = body
                .find("</td>")
                .or_else(|| body.find("</th>"))
                .unwrap_or(body.len());
            cells.push(strip_tags(&body[..close]));
            rest = &body[close..];
        }
        rows.push(cells);
    }
    rows
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    digits::to_arabic(out.trim()).replace(',', "")
}

fn numbers(cells: &[String]) -> Vec<u32> {
    cells[1..]
        .iter()
        .map(|c| {
            c.parse()
                .unwrap_or_else(|_| panic!("not a number: {c:?} in {cells:?}"))
        })
        .collect()
}

fn build(out: &Path) {
    let (ok, log) = crate::common::project::build(&repo(), out, &[]);
    assert!(ok, "build failed:\n{log}");
}

#[test]
fn dashboard_2564_shows_totals_by_month_and_type() {
    let expected = count_from_yaml();
    assert_eq!(
        expected.len(),
        12,
        "sample data has every month of the fiscal year"
    );

    let out = tempfile::tempdir().expect("temp dir");
    build(out.path());
    let html =
        std::fs::read_to_string(out.path().join("site/results/2564.html")).expect("dashboard page");
    let rows = table_rows(&html);

    let mut year_assistance = vec![0; 5];
    let mut year_worker = vec![0; 4];
    for (month, (assistance, worker)) in &expected {
        let shown: Vec<&Vec<String>> = rows.iter().filter(|r| r.first() == Some(month)).collect();
        assert_eq!(
            shown.len(),
            2,
            "{month}: one row in the assistance table and one in the worker table"
        );
        assert_eq!(
            &numbers(shown[0]),
            assistance,
            "{month} by assistance type (ส่งเสริม คุ้มครอง พัฒนา ระวังภัย รวม)"
        );
        assert_eq!(
            &numbers(shown[1]),
            worker,
            "{month} by worker type (นอกระบบ สูงอายุ คนพิการ รวม)"
        );
        for (sum, n) in year_assistance.iter_mut().zip(assistance) {
            *sum += n;
        }
        for (sum, n) in year_worker.iter_mut().zip(worker) {
            *sum += n;
        }
    }
    let year_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| c == "รวมทั้งปี"))
        .collect();
    assert_eq!(year_rows.len(), 2);
    assert_eq!(numbers(year_rows[0]), year_assistance);
    assert_eq!(numbers(year_rows[1]), year_worker);
    // The tables carry the figures; the theme draws them as charts (headings of class `chart`).
    assert!(html.matches("<h2 id=").count() >= 3);
    assert_eq!(
        html.matches(" class=\"chart\"").count(),
        2,
        "two charted tables"
    );
    assert!(
        !html.contains("<svg"),
        "no drawing in the generated Markdown"
    );
}
