use std::path::Path;
#[test]
fn dump() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (data, _) = khumue::data::load(root);
    let totals = khumue::data::totals(&data);
    let config = khumue::site::SiteConfig::load(root).unwrap();
    let pages: Vec<_> = khumue::data::pages(&data, &totals, &config).into_iter().map(khumue::site::discover::from_virtual).collect();
    let targets = khumue::markdown::links::LinkTargets::new(pages.iter(), std::iter::empty());
    for p in &pages {
        let r = khumue::markdown::render(p, &targets, None);
        std::fs::write(format!("/tmp/scratch-{}.html", p.id.replace('/', "_")), &r.body.html).unwrap();
        std::fs::write(format!("/tmp/scratch-{}.md", p.id.replace('/', "_")), &p.markdown).unwrap();
    }
}
