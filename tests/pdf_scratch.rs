#[path = "fixtures/pdf/sample.rs"]
mod sample;

#[test]
fn scratch_render() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (loaded, diags) = khumue::build::load(root);
    for d in diags.iter() { eprintln!("{d}"); }
    let loaded = loaded.expect("loads");
    let data = sample::data(24);
    let t = std::time::Instant::now();
    let files = match khumue::pdf::render(&loaded.site, &data, &khumue::pdf::PdfOptions { with_ids: true, progress: false }) {
        Ok(f) => f,
        Err(d) => { for x in d.iter() { eprintln!("{x}"); } panic!("render failed"); }
    };
    eprintln!("rendered {} in {:?}", files.len(), t.elapsed());
    let out = std::path::Path::new("/tmp/pdfout");
    let _ = std::fs::remove_dir_all(out);
    for f in files {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.contents).unwrap();
    }
}
