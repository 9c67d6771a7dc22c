use std::time::Instant;
use khumue::build;
#[test]
fn timing() {
    let root = std::path::Path::new("/tmp/sv/p2k");
    let t = Instant::now();
    let (l, _d) = build::load(root);
    let l = l.unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let (_f, _d) = khumue::site::discover::discover(root);
    eprintln!("discover {:?}", t.elapsed());
    let t = Instant::now();
    let tpl = khumue::html::Templates::compile(&l.theme).ok().unwrap();
    eprintln!("compile {:?}", t.elapsed());
    let t = Instant::now();
    let p = khumue::html::render_pages(&l.site, &tpl).ok().unwrap();
    eprintln!("pages {:?} {}", t.elapsed(), p.len());
    let t = Instant::now();
    let s = khumue::search::build_index(&l.site);
    eprintln!("search {:?} {}", t.elapsed(), s.len());
    let t = Instant::now();
    let (d, _) = khumue::data::load(root);
    let _ = khumue::data::validate(&d);
    eprintln!("data {:?}", t.elapsed());
    let t = Instant::now();
    let opts = build::BuildOptions { root: root.into(), out: "/tmp/sv/o".into(), with_ids: false, progress: false };
    let f = build::render(&l, &opts).ok().unwrap();
    eprintln!("render {:?}", t.elapsed());
    let t = Instant::now();
    khumue::output::write_atomic(std::path::Path::new("/tmp/sv/o"), &f).unwrap();
    eprintln!("write {:?}", t.elapsed());
}
