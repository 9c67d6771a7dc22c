//! The official forms write national IDs in the form's numerals, masked or in full, like
//! every other number on them: Thai digits on a Thai-digit form (the mask characters stay).

use std::path::Path;
use std::process::Command;

use khumue::data::{format_national_id, mask_national_id};
use khumue::pdf::{render, PdfOptions};
use khumue::thai::dates::Numerals;

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("form.pdf");
    std::fs::write(&file, pdf).expect("write");
    let output = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn snb2_and_sp12_ids_follow_the_forms_numerals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (loaded, _) = khumue::build::load(root);
    let loaded = loaded.expect("the default project loads");
    let numerals = loaded.site.config.numerals;
    assert_eq!(
        numerals,
        Numerals::Thai,
        "the default project uses Thai digits"
    );
    let options = PdfOptions {
        with_ids: true,
        progress: false,
    };
    let files = render(
        &loaded.site,
        &loaded.data,
        &loaded.totals,
        &loaded.theme,
        &options,
    )
    .expect("the PDFs render");
    let text_of = |path: &str| -> String {
        let file = files
            .iter()
            .find(|f| f.path == Path::new(path))
            .unwrap_or_else(|| panic!("{path} was not made"));
        pdf_text(&file.contents)
    };
    let mut checked = 0;
    let snb2 = loaded.data.snb2.iter().map(|r| {
        let r = &r.value;
        let ids: Vec<&String> = r.rows.iter().map(|row| &row.national_id).collect();
        (format!("snb2-{}.pdf", r.month.code()), ids)
    });
    let sp12 = loaded.data.sp12.iter().map(|r| {
        let r = &r.value;
        let ids: Vec<&String> = r.rows.iter().map(|row| &row.national_id).collect();
        (format!("sp12-{}-{}.pdf", r.month.code(), r.unit), ids)
    });
    for (name, ids) in snb2.chain(sp12) {
        let masked = text_of(&format!("pdf/{name}"));
        let private = text_of(&format!("private/{name}"));
        for id in &ids {
            let mask = mask_national_id(id);
            assert!(mask.contains('x') && mask.chars().any(|c| c.is_ascii_digit()));
            assert!(
                masked.contains(&numerals.apply(&mask)),
                "pdf/{name}: {mask} not in Thai digits"
            );
            assert!(
                !masked.contains(&mask),
                "pdf/{name}: {mask} in Arabic digits"
            );
            let full = format_national_id(id);
            assert!(
                private.contains(&numerals.apply(&full)),
                "private/{name}: full ID not in Thai digits"
            );
            assert!(
                !private.contains(&full),
                "private/{name}: ID in Arabic digits"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the default project's forms list people");
}
