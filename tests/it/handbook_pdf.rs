//! What generated pages become in the handbook PDF and in the site's running text: every
//! reading-path chapter lists its pages, no PDF talks about ticking boxes or the browser, and
//! no Arabic digit stands in Thai text when the site's numerals are Thai.

use crate::common::pdf;
use crate::common::project::default_output;

/// The reading times (`ประมาณ N นาที`) in `text`, in order.
fn minutes_listed(text: &str) -> Vec<String> {
    text.split("ประมาณ")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start();
            let figure: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            rest[figure.len()..]
                .trim_start()
                .starts_with("นาที")
                .then_some(figure)
        })
        .collect()
}

#[test]
fn every_reading_path_chapter_lists_its_pages() {
    let out = default_output();
    let book = pdf::text(&out.join("pdf/handbook.pdf"), false);
    let mut checked = 0;
    for entry in std::fs::read_dir(out.join("site/paths")).expect("site/paths") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "index.html") {
            continue;
        }
        let html = std::fs::read_to_string(&path).expect("path page");
        let title = html
            .split("<h1>")
            .nth(1)
            .and_then(|t| t.split("</h1>").next())
            .expect("page title")
            .to_string();
        let list = html
            .split("class=\"checklist\"")
            .nth(1)
            .and_then(|rest| rest.split("</ol>").next())
            .expect("the checklist of pages");
        let items = list.matches("<li>").count();
        let on_site = minutes_listed(list);
        assert_eq!(on_site.len(), items, "{}", path.display());
        assert!(items >= 5, "{}: {items} pages", path.display());

        // The chapter: from its heading (the last line that is only a number and the title,
        // after the table of contents) to the next heading of the same kind.
        let lines: Vec<&str> = book.lines().collect();
        let start = lines
            .iter()
            .rposition(|l| {
                l.ends_with(title.as_str())
                    && l.trim_end_matches(title.as_str())
                        .trim()
                        .chars()
                        .all(|c| ('๐'..='๙').contains(&c) || c == '.')
            })
            .unwrap_or_else(|| panic!("no chapter \"{title}\" in handbook.pdf"));
        let chapter = lines[start + 1..].join("\n");
        let pages_part = chapter
            .split("หน้าที่ควรอ่าน")
            .nth(1)
            .expect("the chapter's list of pages");
        let pages_part = pages_part
            .split("หลักสูตรตามแผนพัฒนาสมรรถนะ")
            .next()
            .and_then(|p| p.split("เส้นทางสำหรับ").next())
            .unwrap_or_default();
        let in_pdf = minutes_listed(pages_part);
        assert_eq!(in_pdf, on_site, "chapter \"{title}\" in handbook.pdf");
        checked += 1;
    }
    assert!(checked >= 4, "{checked} reading paths");
}

#[test]
fn no_pdf_talks_about_ticking_boxes_or_the_browser() {
    let out = default_output();
    let mut read = 0;
    for entry in walkdir::WalkDir::new(out.join("pdf")) {
        let entry = entry.expect("entry");
        if entry.path().extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let text = pdf::text(entry.path(), false);
        for words in ["เบราว์เซอร์", "ติ๊ก", "browser", "JavaScript"]
        {
            assert!(
                !text.contains(words),
                "{} mentions \"{words}\"",
                entry.path().display()
            );
        }
        read += 1;
    }
    assert!(read > 10, "{read} PDFs");
}

/// Text nodes of `html`, without scripts, styles, code and preformatted blocks.
fn running_text(html: &str) -> Vec<String> {
    let mut text = html.to_string();
    for tag in ["script", "style", "pre", "code"] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        while let Some(start) = text.find(&open) {
            let Some(end) = text[start..].find(&close) else {
                break;
            };
            text.replace_range(start..start + end + close.len(), " ");
        }
    }
    let mut nodes = Vec::new();
    let mut current = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                nodes.push(std::mem::take(&mut current));
            }
            '>' => in_tag = false,
            _ if !in_tag => current.push(c),
            _ => {}
        }
    }
    nodes.push(current);
    nodes
}

/// Arabic digits in Thai running text; a number that belongs to a Latin name or code (`4M`,
/// `sp12`, `15th`, `SNB-2`, `Section 40`) stays as it is.
fn arabic_digits_in_thai(node: &str) -> bool {
    if !node.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)) {
        return false;
    }
    let chars: Vec<char> = node.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == ',' || chars[i] == '.')
            {
                i += 1;
            }
            // The character before the number, past a hyphen or space (`SNB-2`, `Section 40`).
            let before = chars[..start]
                .iter()
                .rev()
                .find(|c| !matches!(c, '-' | ' '))
                .copied();
            let after = chars.get(i).copied();
            let in_name = before.is_some_and(|c| c.is_ascii_alphabetic())
                || after.is_some_and(|c| c.is_ascii_alphabetic());
            if !in_name {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

#[test]
fn no_arabic_digit_in_thai_running_text() {
    let site = default_output().join("site");
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.expect("entry");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).expect("page");
        for node in running_text(&html) {
            if arabic_digits_in_thai(&node) {
                found.push(format!(
                    "{}: {}",
                    entry.path().strip_prefix(&site).unwrap().display(),
                    node.trim()
                ));
            }
        }
    }
    assert!(pages > 50, "{pages} pages");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_digit_scan_sees_arabic_digits_in_thai_text() {
    assert!(arabic_digits_in_thai("รวม 25 หน้า"));
    assert!(!arabic_digits_in_thai("รวม ๒๕ หน้า"));
    assert!(!arabic_digits_in_thai("ปัจจัยการบริหาร 4M"));
    assert!(!arabic_digits_in_thai("12 34"));
    assert!(!arabic_digits_in_thai(
        "คำที่เกี่ยวข้อง: สนบ.๒, SNB-2, Section 40"
    ));
    assert!(arabic_digits_in_thai("ปีงบประมาณ 2564 (SNB-2)"));
    assert_eq!(running_text("<p>ก<code>1</code>ข</p>").concat(), "ก ข");
}
