//! The monthly forms as spreadsheets (issue 18): templates, `.xlsx` copies of every form
//! beside the PDFs, แบบ สนบ.๑, and `khumue import` from `.xlsx`, `.ods` and `.csv` back to
//! byte-identical YAML. LibreOffice (`soffice`, from `libreoffice-calc-nogui`) opens the
//! templates and converts the round-trip files; it runs with a private profile in a temporary
//! folder, as few times as possible (each start costs seconds).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use calamine::{open_workbook_auto, Data, Reader};
use khumue::data::national_id;

use crate::common::project::{build, copy_dir, default_output, repo};

fn khumue(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args(args)
        .output()
        .expect("run khumue");
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A project holding the repository's data and one page: its build (with `--with-ids`)
/// typesets the forms but not the handbook book.
fn data_project(dir: &Path) {
    copy_dir(&repo().join("data"), &dir.join("data"));
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: แบบฟอร์ม\n---\n\nหน้าแรก\n",
    )
    .unwrap();
}

/// The data project built once with full-ID copies: (root, output).
fn built_with_ids() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("sheets-project-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap()
            .keep();
        data_project(&dir);
        let out = dir.join("output");
        let (ok, log) = build(&dir, &out, &["--with-ids"]);
        assert!(ok, "{log}");
        (dir, out)
    })
}

/// The report files under `data/reports/`, by path relative to the project.
fn report_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("data/reports"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// `data/reports/2564/sp12/klong-niyom/05.yaml` → (`sp12-2564-05-klong-niyom`, unit, month).
fn form_name(rel: &Path) -> (String, Option<String>, String) {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let fiscal: i32 = parts[2].parse().unwrap();
    let mm: u32 = parts.last().unwrap()[..2].parse().unwrap();
    let year = if mm >= 10 { fiscal - 1 } else { fiscal };
    let month = format!("{year}-{mm:02}");
    match parts[3].as_str() {
        "sp12" => (
            format!("sp12-{month}-{}", parts[4]),
            Some(parts[4].clone()),
            month,
        ),
        _ => (format!("snb2-{month}"), None, month),
    }
}

/// The data file as khumue writes it: without the generator's leading comment.
fn without_preamble(text: &str) -> String {
    text.lines()
        .skip_while(|l| l.trim().is_empty() || l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Imports `file` into a copy of the data project without the data file `rel`, and returns
/// what the import wrote there.
fn import_fresh(scratch: &Path, rel: &Path, file: &Path, extra: &[&str]) -> String {
    let project = scratch.join("project");
    if !project.exists() {
        data_project(&project);
    }
    let target = project.join(rel);
    let _ = std::fs::remove_file(&target);
    let mut args = vec!["import", s(file), "--root", s(&project)];
    args.extend(extra);
    let (ok, log) = khumue(&args);
    assert!(ok, "import {} failed:\n{log}", file.display());
    std::fs::read_to_string(&target).unwrap_or_default()
}

/// Runs LibreOffice with its own profile under `scratch`, and the theme's Sarabun among its
/// fonts (the machine may have no Thai font).
fn soffice(scratch: &Path, args: &[&str]) {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        s(&scratch.join("lo-profile"))
    );
    let fonts = scratch.join("fonts.conf");
    std::fs::write(
        &fonts,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            s(&repo().join("themes/default/fonts")),
            s(&scratch.join("font-cache"))
        ),
    )
    .unwrap();
    let output = Command::new("soffice")
        .env("FONTCONFIG_FILE", &fonts)
        .args(["--headless", "--norestore", &profile])
        .args(args)
        .output()
        .expect("run soffice (Debian package libreoffice-calc-nogui)");
    assert!(
        output.status.success(),
        "soffice {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every cell's text of every sheet.
fn cell_texts(file: &Path) -> Vec<String> {
    let mut book = open_workbook_auto(file).unwrap();
    let mut texts = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        texts.extend(range.cells().map(|(_, _, d)| d.to_string()));
    }
    texts
}

/// A part of the xlsx (a zip) as text.
fn xlsx_part(file: &Path, part: &str) -> String {
    let output = Command::new("unzip")
        .args(["-p", s(file), part])
        .output()
        .expect("run unzip");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_form_round_trips_through_xlsx_byte_identical() {
    let (root, out) = built_with_ids();
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let files = report_files(root);
    assert!(files.len() >= 36, "{files:?}");
    for rel in &files {
        let (name, _, _) = form_name(rel);
        let xlsx = out.join("private").join(format!("{name}.xlsx"));
        let written = import_fresh(scratch.path(), rel, &xlsx, &[]);
        let original = std::fs::read_to_string(root.join(rel)).unwrap();
        assert_eq!(written, without_preamble(&original), "{}", rel.display());
    }
    // Over the existing file the import keeps its comment: byte-identical, nothing to do.
    let rel = &files[0];
    let (name, _, _) = form_name(rel);
    let xlsx = out.join("private").join(format!("{name}.xlsx"));
    let (ok, log) = khumue(&["import", s(&xlsx), "--root", s(root)]);
    assert!(ok && log.contains("unchanged"), "{log}");
}

#[test]
fn forms_round_trip_through_ods_and_csv_made_by_libreoffice() {
    let (root, out) = built_with_ids();
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let files = report_files(root);
    let sources: Vec<PathBuf> = files
        .iter()
        .map(|rel| {
            out.join("private")
                .join(format!("{}.xlsx", form_name(rel).0))
        })
        .collect();
    let sources: Vec<&str> = sources.iter().map(|p| s(p)).collect();
    let ods = scratch.path().join("ods");
    let csv = scratch.path().join("csv");
    let mut args = vec!["--convert-to", "ods", "--outdir", s(&ods)];
    args.extend(&sources);
    soffice(scratch.path(), &args);
    // UTF-8 (76), comma-separated, text quoted.
    let mut args = vec![
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        s(&csv),
    ];
    args.extend(&sources);
    soffice(scratch.path(), &args);

    for rel in &files {
        let (name, unit, month) = form_name(rel);
        let expected = without_preamble(&std::fs::read_to_string(root.join(rel)).unwrap());
        let from_ods = import_fresh(scratch.path(), rel, &ods.join(format!("{name}.ods")), &[]);
        assert_eq!(from_ods, expected, "{name}.ods");
        // A CSV file has no hidden sheet: the unit and month come from the command line.
        let mut extra = vec!["--month", month.as_str()];
        if let Some(unit) = &unit {
            extra.extend(["--unit", unit.as_str()]);
        }
        let csv_file = csv.join(format!("{name}.csv"));
        let from_csv = import_fresh(scratch.path(), rel, &csv_file, &extra);
        assert_eq!(from_csv, expected, "{name}.csv");
        if unit.is_some() && name.ends_with("-05-klong-niyom") {
            // The same form as older Excel saves it: Windows-874 (TIS-620), and UTF-8 with BOM.
            let text = std::fs::read_to_string(&csv_file).unwrap();
            let (tis, _, lossy) = encoding_rs::WINDOWS_874.encode(&text);
            assert!(!lossy);
            let tis_file = scratch.path().join("tis620.csv");
            std::fs::write(&tis_file, &tis).unwrap();
            assert_eq!(
                import_fresh(scratch.path(), rel, &tis_file, &extra),
                expected
            );
            let bom_file = scratch.path().join("bom.csv");
            std::fs::write(&bom_file, format!("\u{feff}{text}")).unwrap();
            assert_eq!(
                import_fresh(scratch.path(), rel, &bom_file, &extra),
                expected
            );
        }
    }
}

#[test]
fn three_bad_rows_give_exactly_three_errors_at_their_cells() {
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let project = scratch.path().join("project");
    data_project(&project);
    let file = scratch.path().join("ฟอร์ม.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let header = [
        "ลำดับ",
        "ชื่อ - นามสกุล",
        "เลขประจำตัวประชาชน",
        "ประเภทการให้บริการ",
        "ประเภทแรงงาน",
        "วันที่",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Valid IDs of the sample data; row 3's last digit is off by one (checksum).
    let rows = [
        [
            "1",
            "นางสาวอรุณี จำลองศรี",
            "1-1481-82787-57-0",
            "พัฒนา",
            "คนพิการ",
            "๑๕/๖/๒๕๖๔",
        ],
        [
            "2",
            "นายสุรชัย สมมติวงศ์",
            "3-1905-68252-35-2",
            "คุ้มครอง",
            "คนพิการ",
            "15/06/2564",
        ],
        [
            "3",
            "นางบุญเรือน จำลอง",
            "1-0370-23660-49-4",
            "ช่วยเหลือ",
            "นอกระบบ",
            "2564-06-15",
        ],
        [
            "4",
            "นางสาวจันทร์เพ็ญ สมมติวงศ์",
            "3-5837-31599-45-7",
            "พัฒนา",
            "นอกระบบ",
            "2/7/2564",
        ],
        [
            "5",
            "นายทดสอบ ตัวอย่าง",
            "1-6574-66566-02-5",
            "ส่งเสริม",
            "สูงอายุ",
            "1 มิ.ย. 2564",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *value).unwrap();
        }
    }
    workbook.save(&file).unwrap();

    let (ok, log) = khumue(&[
        "import",
        s(&file),
        "--root",
        s(&project),
        "--unit",
        "klong-niyom",
        "--month",
        "2564-06",
    ]);
    assert!(!ok, "{log}");
    let errors: Vec<&str> = log.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{log}");
    let name = file.display().to_string();
    assert!(
        errors[0].starts_with(&format!("{name}:Sheet1!C3: error: ")),
        "{log}"
    );
    assert!(errors[0].contains("checksum"), "{log}");
    assert!(
        errors[1].starts_with(&format!("{name}:Sheet1!D4: error: ")),
        "{log}"
    );
    assert!(errors[1].contains("unknown assistance type"), "{log}");
    assert!(
        errors[2].starts_with(&format!("{name}:Sheet1!F5: error: ")),
        "{log}"
    );
    assert!(errors[2].contains("outside the report month"), "{log}");
    assert!(
        log.contains("hint: did you mean"),
        "the same hints as check:\n{log}"
    );
    assert!(log.contains("import failed: 3 error(s)"), "{log}");
    assert!(
        !national_id::contains_id(log.as_bytes()),
        "an ID was printed:\n{log}"
    );
    // Nothing was written over the unit's June report.
    assert_eq!(
        std::fs::read(project.join("data/reports/2564/sp12/klong-niyom/06.yaml")).unwrap(),
        std::fs::read(repo().join("data/reports/2564/sp12/klong-niyom/06.yaml")).unwrap()
    );
}

#[test]
fn template_opens_in_libreoffice_with_its_drop_down_lists() {
    let scratch = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let sp12 = scratch.path().join("sp12.xlsx");
    let snb2 = scratch.path().join("snb2.xlsx");
    let root = repo();
    let (ok, log) = khumue(&[
        "template",
        "sp12",
        "--unit",
        "klong-niyom",
        "--month",
        "2564-06",
        "--out",
        s(&sp12),
        "--root",
        s(&root),
    ]);
    assert!(ok, "{log}");
    let (ok, log) = khumue(&[
        "template",
        "snb2",
        "--month",
        "2564-06",
        "--out",
        s(&snb2),
        "--root",
        s(&root),
    ]);
    assert!(ok, "{log}");
    // It never overwrites a file.
    let (ok, log) = khumue(&[
        "template",
        "snb2",
        "--month",
        "2564-06",
        "--out",
        s(&snb2),
        "--root",
        s(&root),
    ]);
    assert!(!ok && log.contains("exists"), "{log}");

    let sheet = xlsx_part(&sp12, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation "), "{sheet}");
    assert!(
        sheet.contains("ส่งเสริม,คุ้มครอง,พัฒนา,ระวังภัย"),
        "assistance list"
    );
    assert!(sheet.contains("นอกระบบ,สูงอายุ,คนพิการ"), "worker list");
    let workbook = xlsx_part(&sp12, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="khumue" sheetId="2" state="hidden""#),
        "{workbook}"
    );
    let styles = xlsx_part(&sp12, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="Sarabun"/>"#), "{styles}");
    assert!(
        styles.contains(r#"formatCode="@""#),
        "text format for the ID column"
    );
    let texts = cell_texts(&sp12);
    for expected in [
        "แบบ สป-๑๒",
        "klong-niyom",
        "2564-06",
        "เลขบัตรประจำตัวประชาชน ๑๓ หลัก",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(expected)),
            "{expected}: {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t.contains("มิถุนายน ๒๕๖๔")), "{texts:?}");
    assert!(xlsx_part(&snb2, "xl/worksheets/sheet1.xml").contains("<dataValidation "));

    let pdf = scratch.path().join("pdf");
    soffice(
        scratch.path(),
        &[
            "--convert-to",
            "pdf",
            "--outdir",
            s(&pdf),
            s(&sp12),
            s(&snb2),
        ],
    );
    for name in ["sp12.pdf", "snb2.pdf"] {
        let text = Command::new("pdftotext")
            .args([s(&pdf.join(name)), "-"])
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("ลำดับที่"), "{name}: {text}");
    }
}

#[test]
fn spreadsheets_beside_the_pdfs_are_masked_and_full_ids_only_private() {
    let (root, out) = built_with_ids();
    let public: Vec<PathBuf> = std::fs::read_dir(out.join("xlsx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let forms = report_files(root).len();
    // Every SP-12 and SNB-2 form, and แบบ สนบ.๑ for each of the twelve months.
    assert_eq!(public.len(), forms + 12, "{public:?}");
    for file in &public {
        for text in cell_texts(file) {
            assert!(
                !national_id::contains_id(text.as_bytes()),
                "{}",
                file.display()
            );
        }
        for part in ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
            let xml = xlsx_part(file, part);
            assert!(
                !national_id::contains_id(xml.as_bytes()),
                "{}",
                file.display()
            );
        }
    }
    let masked = cell_texts(&out.join("xlsx/sp12-2564-05-klong-niyom.xlsx"));
    assert!(
        masked.iter().any(|t| t == "1-1481-xxxxx-xx-0"),
        "{masked:?}"
    );
    let full = cell_texts(&out.join("private/sp12-2564-05-klong-niyom.xlsx"));
    assert!(full.iter().any(|t| t == "1-1481-82787-57-0"));
    let private_xlsx = std::fs::read_dir(out.join("private"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("xlsx".as_ref()))
        .count();
    assert_eq!(private_xlsx, forms);
    // Without --with-ids nothing is private.
    let default = default_output();
    assert!(!default.join("private").exists());
    assert!(default.join("xlsx/sp12-2564-05-klong-niyom.xlsx").is_file());

    // A rebuild writes every spreadsheet byte for byte as it was.
    let before: BTreeMap<_, _> = crate::common::project::snapshot(&out.join("xlsx"));
    let (ok, log) = build(root, out, &["--with-ids"]);
    assert!(ok, "{log}");
    let after: BTreeMap<_, _> = crate::common::project::snapshot(&out.join("xlsx"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "xlsx files differ between two builds");
}

/// The cells right of `label` in the row that starts with it, on the first sheet.
fn row_after(cells: &[Vec<Data>], label: &str, nth: usize) -> Vec<String> {
    cells
        .iter()
        .filter(|row| row.first().map(|c| c.to_string()) == Some(label.to_string()))
        .nth(nth)
        .map(|row| row[1..].iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn snb1_of_every_month_equals_the_results_page_and_the_snb2() {
    let out = default_output();
    let (data, _) = khumue::data::load(&repo());
    let page = std::fs::read_to_string(out.join("site/results/2564.html")).unwrap();
    let months = [
        "2563-10", "2563-11", "2563-12", "2564-01", "2564-02", "2564-03", "2564-04", "2564-05",
        "2564-06", "2564-07", "2564-08", "2564-09",
    ];
    for code in months {
        let pdf = out.join(format!("pdf/snb1-{code}.pdf"));
        let xlsx = out.join(format!("xlsx/snb1-{code}.xlsx"));
        assert!(pdf.is_file() && xlsx.is_file(), "{code}");
        let mut book = open_workbook_auto(&xlsx).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        let cells: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let month = khumue::data::load::parse_month(code).unwrap();
        let label = khumue::thai::dates::month_year(
            month.be_year,
            month.month,
            khumue::thai::dates::Numerals::Thai,
        );

        // The results page: the month's row of the assistance table, then of the worker table.
        let page_rows: Vec<Vec<String>> = page
            .match_indices(&format!("{label}</td>"))
            .map(|(at, _)| {
                let row = &page[at..page[at..].find("</tr>").unwrap() + at];
                row.split("<td")
                    .skip(1)
                    .map(|td| {
                        let text = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
                        khumue::thai::digits::to_arabic(text).replace(',', "")
                    })
                    .collect()
            })
            .collect();
        assert_eq!(page_rows.len(), 2, "{code}");
        let month_column = |label: &str, nth: usize| {
            row_after(&cells, label, nth)
                .first()
                .cloned()
                .unwrap_or_default()
        };
        let assistance: Vec<String> = ["ส่งเสริม", "คุ้มครอง", "พัฒนา", "ระวังภัย", "รวม"]
            .iter()
            .map(|l| month_column(l, if *l == "รวม" { 1 } else { 0 }))
            .collect();
        assert_eq!(assistance, page_rows[0], "{code}: by assistance type");
        let workers: Vec<String> = ["แรงงานนอกระบบ", "แรงงานสูงอายุ", "แรงงานคนพิการ", "รวม"]
            .iter()
            .map(|l| month_column(l, if *l == "รวม" { 2 } else { 0 }))
            .collect();
        assert_eq!(workers, page_rows[1], "{code}: by worker type");

        // The SNB-2 of the month: its rows per plan.
        let snb2 = data
            .snb2
            .iter()
            .find(|r| r.value.month == month)
            .expect("an SNB-2 every month");
        let mut per_plan: BTreeMap<&str, u32> = BTreeMap::new();
        for row in &snb2.value.rows {
            *per_plan.entry(row.plan.as_str()).or_default() += 1;
        }
        for (plan, count) in &per_plan {
            let row = row_after(&cells, plan, 0);
            assert_eq!(
                row.get(3),
                Some(&count.to_string()),
                "{code}: {plan}: {row:?}"
            );
        }
        let total = row_after(&cells, "รวม", 0);
        assert_eq!(
            total.get(3),
            Some(&snb2.value.rows.len().to_string()),
            "{code}"
        );

        // The PDF prints the same figures, in Thai digits.
        let text = Command::new("pdftotext")
            .args(["-layout", s(&pdf), "-"])
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout).replace('\u{200B}', "");
        assert!(
            text.contains("แบบ สนบ.๑") && text.contains(&label),
            "{code}: {text}"
        );
        let thai = |n: &str| khumue::thai::digits::to_thai(n);
        let assistance_line = text
            .lines()
            .find(|l| l.trim_start().starts_with("ส่งเสริม"))
            .unwrap_or_default();
        assert!(
            assistance_line.contains(&thai(&page_rows[0][0])),
            "{code}: {assistance_line}"
        );
        assert!(!national_id::contains_id(text.as_bytes()), "{code}");
    }
}
