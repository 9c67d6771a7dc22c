//! The PDFs at hand from the site: copied into `site/downloads/`, listed with their size and
//! date, the book linked from every page (a relative link that resolves inside the site at
//! any depth); the site as one zip; the archival PDFs as PDF/A; every page dated and owned,
//! generated pages by their data.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::project::{build, copy_dir, default_output, repo};

fn html_pages(site: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    pages
}

/// Every `href` of `<a>` in `html`, with the entities tera writes decoded.
fn hrefs(html: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .filter_map(|a| {
            let tag = &a[..a.find('>')?];
            let start = tag.find("href=\"")? + 6;
            let end = tag[start..].find('"')? + start;
            Some(tag[start..end].replace("&#x2F;", "/").replace("&amp;", "&"))
        })
        .collect()
}

/// `href` from the page at `page`, as a file path (fragment dropped, percent-decoded).
fn resolve(page: &Path, href: &str) -> PathBuf {
    let path = href.split('#').next().unwrap_or_default();
    let decoded = khumue::util::url::percent_decode(path).into_owned();
    let mut out = page.parent().unwrap().to_path_buf();
    for part in decoded.split('/') {
        match part {
            ".." => {
                out.pop();
            }
            "." | "" => {}
            other => out.push(other),
        }
    }
    out
}

fn downloads(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join("site/downloads"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_page_links_the_book_pdf_inside_the_site() {
    let out = default_output();
    let site = out.join("site");
    let book = std::fs::read(out.join("pdf/handbook.pdf")).unwrap();
    let pages = html_pages(&site);
    assert!(pages.len() > 50, "the default handbook has its pages");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let links: Vec<String> = hrefs(&html)
            .into_iter()
            .filter(|h| h.ends_with("handbook.pdf"))
            .collect();
        assert!(
            !links.is_empty(),
            "{} has no link to the book",
            page.display()
        );
        for href in links {
            let target = resolve(page, &href);
            assert!(
                target.starts_with(&site) && target.is_file(),
                "{}: {href} leads to {}, not a file inside the site",
                page.display(),
                target.display()
            );
            assert!(
                std::fs::read(&target).unwrap() == book,
                "{href} is the book"
            );
        }
    }
}

#[test]
fn downloads_page_lists_each_pdf_with_its_size_and_thai_date() {
    let out = default_output();
    let names = downloads(out);
    assert_eq!(
        names,
        [
            "annual-report-2564.pdf",
            "competency-plan.pdf",
            "handbook.pdf",
            "index.html"
        ],
        "the book, the annual report and the plan; no forms unless site.yaml asks"
    );
    let page_path = out.join("site/downloads/index.html");
    let page = std::fs::read_to_string(&page_path).unwrap();
    for name in &names[..3] {
        let copy = std::fs::read(out.join("site/downloads").join(name)).unwrap();
        assert!(
            copy == std::fs::read(out.join("pdf").join(name)).unwrap(),
            "{name} is the PDF stage's file"
        );
        let row_start = page
            .find(&format!("href=\"{name}\""))
            .unwrap_or_else(|| panic!("{name} is listed"));
        let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
        let kb = copy.len().div_ceil(1024);
        let size = if copy.len() < 1024 * 1024 {
            format!("{kb} KB")
        } else {
            format!("{:.1} MB", copy.len() as f64 / 1024.0 / 1024.0)
        };
        let thai_size: String = size
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0E50 + d).unwrap(),
                None => c,
            })
            .collect();
        assert!(row.contains(&thai_size), "{name}: {thai_size} in {row}");
        assert!(
            row.contains("<time datetime=\""),
            "{name} has a date: {row}"
        );
    }
    // The annual report is as of the last month of its data: September 2564 (2021).
    let annual = &page[page.find("annual-report-2564.pdf").unwrap()..];
    assert!(
        annual.contains("datetime=\"2021-09-30\">๓๐ กันยายน ๒๕๖๔"),
        "{}",
        &annual[..400]
    );
    assert!(
        page.contains("ผู้รับผิดชอบ"),
        "the downloads page names its owner"
    );
}

#[test]
fn pages_that_promise_a_pdf_link_to_it() {
    let site = default_output().join("site");
    for (page, target) in [
        ("index.html", "downloads/handbook.pdf"),
        ("km/handbook-as-km.html", "downloads/handbook.pdf"),
        ("km/management-systems.html", "downloads/index.html"),
        ("reference/data-files.html", "downloads/index.html"),
    ] {
        let path = site.join(page);
        let html = std::fs::read_to_string(&path).unwrap();
        let article = &html[html.find("<article").unwrap()..html.find("</article>").unwrap()];
        assert!(
            hrefs(article)
                .iter()
                .any(|h| resolve(&path, h) == site.join(target)),
            "{page} links {target} in its text"
        );
        assert!(site.join(target).is_file());
    }
}

#[test]
fn the_site_zip_holds_the_site_and_nothing_else() {
    let out = default_output();
    let site = out.join("site");
    let bytes = std::fs::read(out.join("khumue-site.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let rel = name
            .strip_prefix("khumue-site/")
            .unwrap_or_else(|| panic!("{name} is inside the one folder"));
        assert_eq!(
            entry
                .last_modified()
                .map(|t| (t.year(), t.month(), t.day())),
            Some((1980, 1, 1)),
            "{name}: one fixed time"
        );
        let mut contents = Vec::new();
        entry.read_to_end(&mut contents).unwrap();
        assert!(
            std::fs::read(site.join(rel)).unwrap() == contents,
            "{name} is the site's file"
        );
        names.push(rel.to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in sorted order");
    let files: Vec<String> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| khumue::util::slash_path(e.path().strip_prefix(&site).unwrap()).to_string())
        .collect();
    let mut files_sorted = files.clone();
    files_sorted.sort();
    assert_eq!(names, files_sorted, "every file of the site, nothing else");
    assert!(names.contains(&"index.html".to_string()));
    assert!(names.contains(&"downloads/handbook.pdf".to_string()));
}

/// Whether `pdf`'s XMP metadata identifies it as PDF/A: (part, conformance).
fn pdfa_id(pdf: &Path) -> Option<(String, String)> {
    let out = Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    let meta = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| {
        let rest = meta.split(&format!("pdfaid:{key}")).nth(1)?;
        let rest = rest.trim_start_matches(['>', '=', '"']);
        Some(
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>(),
        )
    };
    Some((value("part")?, value("conformance")?))
}

#[test]
fn archival_pdfs_identify_as_pdf_a_2a() {
    let out = default_output();
    for name in [
        "handbook.pdf",
        "annual-report-2564.pdf",
        "competency-plan.pdf",
    ] {
        assert_eq!(
            pdfa_id(&out.join("pdf").join(name)),
            Some(("2".into(), "A".into())),
            "{name} is PDF/A-2a"
        );
    }
    assert_eq!(
        pdfa_id(&out.join("pdf/snb2-2563-10.pdf")),
        None,
        "the forms are working copies, plain PDF"
    );
}

#[test]
fn every_page_shows_its_date_and_owner_generated_pages_from_their_data() {
    let site = default_output().join("site");
    for page in html_pages(&site) {
        let rel = page.strip_prefix(&site).unwrap();
        if rel == Path::new("404.html") || rel == Path::new("search.html") {
            continue;
        }
        let html = std::fs::read_to_string(&page).unwrap();
        let meta = html
            .find("class=\"page-meta\"")
            .map(|i| &html[i..i + html[i..].find("</p>").unwrap()])
            .unwrap_or_else(|| panic!("{} has no page-meta line", rel.display()));
        assert!(
            meta.contains("<time datetime=\"") && meta.contains("ผู้รับผิดชอบ"),
            "{}: {meta}",
            rel.display()
        );
    }
    let meta_of = |rel: &str| {
        let html = std::fs::read_to_string(site.join(rel)).unwrap();
        let i = html.find("class=\"page-meta\"").unwrap();
        html[i..i + html[i..].find("</p>").unwrap()].to_string()
    };
    // The year's dashboard is as of its last month reported; its owner is the office in
    // org.yaml. The reading paths are as new as the newest page they list.
    let results = meta_of("results/2564.html");
    assert!(results.contains("datetime=\"2021-09-30\""), "{results}");
    assert!(
        results.contains("ผู้รับผิดชอบ: สำนักงานแรงงานจังหวัดฉะเชิงเทรา"),
        "{results}"
    );
    let newest = html_pages(&site)
        .iter()
        .filter(|p| !p.starts_with(site.join("results")) && !p.starts_with(site.join("paths")))
        .filter_map(|p| {
            let html = std::fs::read_to_string(p).ok()?;
            let i = html.find("<time datetime=\"")? + 16;
            Some(html[i..i + 10].to_string())
        })
        .max()
        .unwrap();
    assert!(
        meta_of("paths/new-staff.html").contains(&format!("datetime=\"{newest}\"")),
        "the path is dated {newest}"
    );
}

/// A copy of the default handbook's project (content, data; the theme is built in).
fn project_copy(dir: &Path) -> PathBuf {
    let root = dir.join("project");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("data"), &root.join("data"));
    root
}

#[test]
fn masked_forms_are_offered_only_when_site_yaml_says_so_and_rebuilds_keep_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let root = project_copy(tmp.path());
    let config = root.join("data/site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str("downloads:\n  forms: true\n");
    std::fs::write(&config, yaml).unwrap();
    let out = tmp.path().join("out");
    let (ok, log) = build(&root, &out, &["--with-ids"]);
    assert!(ok, "{log}");
    let names = downloads(&out);
    assert!(
        names.contains(&"sp12-2563-10-klong-niyom.pdf".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"snb2-2564-09.pdf".to_string()), "{names:?}");
    let private: Vec<Vec<u8>> = std::fs::read_dir(out.join("private"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert!(!private.is_empty(), "--with-ids wrote the full forms");
    for name in names.iter().filter(|n| n.ends_with(".pdf")) {
        let copy = std::fs::read(out.join("site/downloads").join(name)).unwrap();
        assert!(
            copy == std::fs::read(out.join("pdf").join(name)).unwrap(),
            "{name}"
        );
        assert!(!private.contains(&copy), "{name} is not a full-ID form");
    }
    let page = std::fs::read_to_string(out.join("site/downloads/index.html")).unwrap();
    assert!(page.contains("แบบ สป-๑๒"), "the forms are listed");

    // A rebuild with nothing changed typesets nothing, keeps every copy and the same zip.
    let before: BTreeMap<String, Vec<u8>> = names
        .iter()
        .map(|n| {
            (
                n.clone(),
                std::fs::read(out.join("site/downloads").join(n)).unwrap(),
            )
        })
        .collect();
    let zip_before = std::fs::read(out.join("khumue-site.zip")).unwrap();
    let (ok, log) = build(&root, &out, &[]);
    assert!(ok, "{log}");
    let after: BTreeMap<String, Vec<u8>> = downloads(&out)
        .iter()
        .map(|n| {
            (
                n.clone(),
                std::fs::read(out.join("site/downloads").join(n)).unwrap(),
            )
        })
        .collect();
    assert!(
        before == after,
        "the copies are the same files after a rebuild"
    );
    assert!(
        std::fs::read(out.join("khumue-site.zip")).unwrap() == zip_before,
        "the zip is byte for byte the same"
    );
    assert!(!out.join("private").exists());
}

#[test]
fn a_build_without_pdfs_offers_none_and_links_none() {
    let tmp = tempfile::tempdir().unwrap();
    let root = project_copy(tmp.path());
    let out = tmp.path().join("out");
    let (ok, log) = build(&root, &out, &["--no-pdf"]);
    assert!(ok, "{log}");
    assert!(!out.join("site/downloads").exists());
    let page = std::fs::read_to_string(out.join("site/reference/abbreviations.html")).unwrap();
    assert!(
        !page.contains("footer-downloads"),
        "no link to a PDF that is not there"
    );
    assert!(
        out.join("khumue-site.zip").is_file(),
        "the site still comes as one file"
    );
}

#[test]
fn chart_text_is_readable_light_and_dark_on_a_phone_and_a_desktop() {
    let site = default_output().join("site");
    let stdout =
        crate::common::browser::run_node_ok("chart-contrast.mjs", &[site.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(report["pages"].as_u64().unwrap() >= 2, "{report}");
    assert!(
        report["texts"].as_u64().unwrap() > 100,
        "the charts' texts were measured: {report}"
    );
    assert_eq!(report["low"], serde_json::json!([]), "contrast under 4.5:1");
    assert_eq!(report["small"], serde_json::json!([]), "text under 11 px");
    assert_eq!(report["errors"], serde_json::json!([]));
}

#[test]
fn glossary_terms_are_linked_as_whole_words_outside_names_and_named_by_the_word() {
    let site = default_output().join("site");
    let mut links = 0;
    for page in html_pages(&site) {
        let html = std::fs::read_to_string(&page).unwrap();
        // Each term link as [[word]], with the text around it.
        let mut marked = String::new();
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<a class=\"glossary-term\"") {
            marked.push_str(&rest[..start]);
            let link = &rest[start..];
            let end = link.find("</a>").unwrap() + 4;
            let open = &link[..link.find('>').unwrap()];
            let word_start = link.find('>').unwrap() + 1;
            let word = &link[word_start..word_start + link[word_start..].find('<').unwrap()];
            assert!(
                open.contains(&format!("aria-label=\"{word}\"")),
                "{}: the link is named by its word: {open}",
                page.display()
            );
            marked.push_str(&format!("[[{word}]]"));
            rest = &link[end..];
            links += 1;
        }
        marked.push_str(rest);
        for inside in [
            "กรม[[พัฒนา]]ฝีมือแรงงาน",
            "ศูนย์[[พัฒนา]]ฝีมือแรงงาน",
            "แผน[[พัฒนา]]ตนเอง",
            "สวัสดิการและ[[คุ้มครอง]]แรงงาน",
            "ฝ่าย[[คุ้มครอง]]สิทธิ",
            "[[สำนักงานแรงงานจังหวัด]]ฉะเชิงเทรา",
        ] {
            assert!(
                !marked.contains(inside),
                "{}: a term is linked inside a name: {inside}",
                page.display()
            );
        }
    }
    assert!(links > 100, "terms are still linked: {links}");
}
