//! The PDFs of the default project, typeset through the library: embedded fonts only,
//! masked national IDs in `pdf/`, full IDs only in `private/`, Thai lines that break only
//! between dictionary words.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use khumue::build::Loaded;
use khumue::data::{format_national_id, mask_national_id};
use khumue::pdf::{render, PdfOptions};
use khumue::thai::{dates, is_thai, segment};

struct Rendered {
    dir: tempfile::TempDir,
    loaded: Loaded,
    files: Vec<PathBuf>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The default project rendered once (with full-ID copies) into a temporary folder.
fn rendered() -> &'static Rendered {
    static RENDERED: OnceLock<Rendered> = OnceLock::new();
    RENDERED.get_or_init(|| {
        let (loaded, diagnostics) = khumue::build::load(repo());
        let problems: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        let loaded = loaded
            .unwrap_or_else(|| panic!("default project does not load:\n{}", problems.join("\n")));
        let options = PdfOptions {
            with_ids: true,
            progress: false,
        };
        let outputs = render(
            &loaded.site,
            &loaded.data,
            &loaded.totals,
            &loaded.theme,
            &options,
        )
        .unwrap_or_else(|e| panic!("render failed:\n{e}"));
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = Vec::new();
        for output in outputs {
            let path = dir.path().join(&output.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, &output.contents).expect("write");
            files.push(output.path);
        }
        Rendered { dir, loaded, files }
    })
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        output.status.success(),
        "{name} failed on {}",
        file.display()
    );
    // The PDFs mark where a Thai line may break with U+200B (invisible): read them without it.
    String::from_utf8_lossy(&output.stdout).replace('\u{200B}', "")
}

fn pdffonts(file: &Path) -> String {
    let output = Command::new("pdffonts")
        .arg(file)
        .output()
        .expect("pdffonts (poppler-utils) is needed");
    assert!(
        output.status.success(),
        "pdffonts failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_pdf_embeds_only_sarabun_and_one_monospace_font() {
    let r = rendered();
    assert!(
        r.files.iter().any(|f| f.ends_with("handbook.pdf")),
        "{:?}",
        r.files
    );
    let allowed = [
        "Sarabun-Regular",
        "Sarabun-Bold",
        "Sarabun-Italic",
        "Sarabun-BoldItalic",
        "IBMPlexMono-Regular",
    ];
    for file in &r.files {
        let listing = pdffonts(&r.dir.path().join(file));
        let rows: Vec<&str> = listing
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(!rows.is_empty(), "{}: no fonts", file.display());
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let name = columns[0].split_once('+').map_or(columns[0], |(_, n)| n);
            assert!(
                allowed.contains(&name),
                "{}: unexpected font {name}",
                file.display()
            );
            // Columns after the name: type words…, encoding, emb, sub, uni, object, gen.
            let embedded = columns[columns.len() - 5];
            assert_eq!(
                embedded,
                "yes",
                "{}: {name} is not embedded",
                file.display()
            );
        }
    }
}

#[test]
fn sp12_shows_the_form_title_thai_month_and_masked_ids_only() {
    let r = rendered();
    let reports = &r.loaded.data.sp12;
    assert!(!reports.is_empty(), "the default project has SP-12 reports");
    for report in reports {
        let report = &report.value;
        let name = format!("sp12-{}-{}.pdf", report.month.code(), report.unit);
        let text = tool(
            "pdftotext",
            &["-layout"],
            &r.dir.path().join("pdf").join(&name),
        );
        assert!(text.contains("แบบ สป-๑๒"), "{name}");
        let month = r
            .loaded
            .site
            .config
            .numerals
            .apply(&format!("{}", report.month.be_year));
        assert!(
            text.contains(dates::month_name(report.month.month)),
            "{name}: no Thai month"
        );
        assert!(text.contains(&month), "{name}: no B.E. year {month}");
        // IDs are written in the form's numerals, like every other number on it.
        let numerals = r.loaded.site.config.numerals;
        for row in &report.rows {
            let masked = mask_national_id(&row.national_id);
            assert!(
                text.contains(&numerals.apply(&masked)),
                "{name}: masked ID missing"
            );
            if numerals == dates::Numerals::Thai {
                assert!(!text.contains(&masked), "{name}: ID in Arabic digits");
            }
            let full = format_national_id(&row.national_id);
            assert!(
                !text.contains(&full) && !text.contains(&numerals.apply(&full)),
                "{name}: full ID shown"
            );
            assert!(!text.contains(&row.national_id), "{name}: full ID shown");
        }
        let private = tool(
            "pdftotext",
            &["-layout"],
            &r.dir.path().join("private").join(&name),
        );
        for row in &report.rows {
            assert!(
                private.contains(&numerals.apply(&format_national_id(&row.national_id))),
                "private/{name}: full ID missing"
            );
        }
    }
}

#[test]
fn no_full_national_id_outside_private() {
    let r = rendered();
    let ids: BTreeSet<String> = r
        .loaded
        .data
        .sp12
        .iter()
        .flat_map(|s| s.value.rows.iter().map(|row| row.national_id.clone()))
        .chain(
            r.loaded
                .data
                .snb2
                .iter()
                .flat_map(|s| s.value.rows.iter().map(|row| row.national_id.clone())),
        )
        .collect();
    for file in r.files.iter().filter(|f| f.starts_with("pdf")) {
        let text = tool("pdftotext", &[], &r.dir.path().join(file));
        let numerals = r.loaded.site.config.numerals;
        for id in &ids {
            let full = format_national_id(id);
            assert!(
                !text.contains(id.as_str())
                    && !text.contains(&full)
                    && !text.contains(&numerals.apply(&full)),
                "{}",
                file.display()
            );
        }
    }
    assert!(
        r.files.iter().any(|f| f.starts_with("private")),
        "with_ids writes private copies"
    );
}

/// The last whitespace-separated token of a line and the first of the next.
fn line_ends(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines
        .windows(2)
        .filter_map(|pair| {
            let end = pair[0].split_whitespace().last()?;
            let start = pair[1].split_whitespace().next()?;
            Some((end.to_owned(), start.to_owned()))
        })
        .collect()
}

#[test]
fn handbook_lines_never_break_inside_a_dictionary_word() {
    let r = rendered();
    let text = tool(
        "pdftotext",
        &["-layout"],
        &r.dir.path().join("pdf/handbook.pdf"),
    );
    // Only junctions whose two halves stand together in some page are paragraph wraps;
    // the rest are table columns or separate blocks side by side.
    let sources: String = r
        .loaded
        .site
        .pages
        .iter()
        .map(|p| {
            p.markdown
                .as_deref()
                .expect("build::load keeps the Markdown")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut checked = 0;
    let mut inside_words = Vec::new();
    for (end, start) in line_ends(&text) {
        let (Some(last), Some(first)) = (end.chars().last(), start.chars().next()) else {
            continue;
        };
        // Thai letters on both sides (digit-only tokens are page numbers in the contents).
        let letter = |c: char| is_thai(c) && !c.is_numeric();
        if !letter(last) || !letter(first) {
            continue;
        }
        let joined = format!("{end}{start}");
        if !sources.contains(&joined) {
            continue;
        }
        checked += 1;
        if !segment::boundaries(&joined).contains(&end.len()) {
            inside_words.push(format!("{end} | {start}"));
        }
    }
    assert!(
        checked >= 50,
        "only {checked} Thai line wraps found to check"
    );
    assert!(
        inside_words.is_empty(),
        "{} of {checked} breaks inside a word:\n{}",
        inside_words.len(),
        inside_words.join("\n")
    );
}
