//! The PDF benchmark's workloads, run by `bench/pdf/run.sh` (ignored in normal test runs:
//! timing belongs to the benchmark, not to the tests).

#[path = "../fixtures/pdf/sample.rs"]
mod sample;

use std::path::Path;
use std::time::Instant;

use khumue::pdf::{render_forms, render_handbook, PdfOptions};

#[test]
#[ignore = "benchmark workload; run bench/pdf/run.sh"]
fn bench_100_sp12_forms() {
    let (loaded, _) = khumue::build::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let loaded = loaded.expect("default project loads");
    let mut data = sample::data(100);
    data.snb2.clear();
    let started = Instant::now();
    let files = render_forms(&loaded.site, &data, &loaded.theme, &PdfOptions::default())
        .expect("forms render");
    let elapsed = started.elapsed();
    assert_eq!(files.len(), 100);
    println!(
        "BENCH sp12_forms={} seconds={:.3}",
        files.len(),
        elapsed.as_secs_f64()
    );
}

#[test]
#[ignore = "benchmark workload; run bench/pdf/run.sh"]
fn bench_handbook() {
    let (loaded, _) = khumue::build::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let loaded = loaded.expect("default project loads");
    let started = Instant::now();
    let files = render_handbook(&loaded.site, &loaded.theme).expect("handbook renders");
    let elapsed = started.elapsed();
    println!(
        "BENCH handbook_bytes={} seconds={:.3}",
        files.iter().map(|f| f.contents.len()).sum::<usize>(),
        elapsed.as_secs_f64()
    );
}

/// Writes every PDF of the default project to `$KHUMUE_PDF_OUT` (used by
/// `bench/pdf/screenshots.sh` to render the pages committed under `docs/screenshots/`).
#[test]
#[ignore = "writes files; run bench/pdf/screenshots.sh"]
fn write_default_project_pdfs() {
    let Some(out) = std::env::var_os("KHUMUE_PDF_OUT") else {
        return;
    };
    let (loaded, _) = khumue::build::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let loaded = loaded.expect("default project loads");
    let files = khumue::pdf::render(
        &loaded.site,
        &loaded.data,
        &loaded.totals,
        &loaded.theme,
        &PdfOptions::default(),
    )
    .expect("render");
    for file in files {
        let path = Path::new(&out).join(&file.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, file.contents).expect("write");
    }
}
