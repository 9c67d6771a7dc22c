//! A handbook larger than `book_volume_kb` is published as volumes of whole top-level
//! chapters (`pdf/handbook-1.pdf`, …), with chapter numbers running on from one volume to the
//! next; a smaller one stays one book (`pdf/handbook.pdf`).

use std::path::Path;

use crate::common::pdf;
use crate::common::project::build;

const SECTIONS: [(&str, &str); 3] = [
    ("one", "หมวดแรกของคู่มือ"),
    ("two", "หมวดที่สองของคู่มือ"),
    ("three", "หมวดที่สามของคู่มือ"),
];

/// A project of three top-level sections of about 1.5 KB of Markdown each, with a home page.
fn project(root: &Path, volume_kb: u64) {
    let write = |path: &str, text: String| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "data/site.yaml",
        format!("title: คู่มือทดลอง\nnumerals: arabic\nbook_volume_kb: {volume_kb}\n"),
    );
    write(
        "content/_index.md",
        "---\ntitle: หน้าแรก\n---\n\nคู่มือสำหรับเจ้าหน้าที่\n".into(),
    );
    for (weight, (dir, title)) in SECTIONS.iter().enumerate() {
        let body = "การประสานงานกับหน่วยบริการชุมชนในพื้นที่ ".repeat(12);
        write(
            &format!("content/{dir}/_index.md"),
            format!("---\ntitle: {title}\nweight: {weight}\n---\n\n{body}\n"),
        );
        write(
            &format!("content/{dir}/page.md"),
            format!("---\ntitle: เรื่องใน{title}\n---\n\n## หัวข้อย่อย\n\n{body}\n"),
        );
    }
}

#[test]
fn a_large_handbook_is_published_in_volumes_of_whole_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    project(&root, 1);
    let out = dir.path().join("out");
    let (ok, log) = build(&root, &out, &[]);
    assert!(ok, "{log}");
    assert!(!out.join("pdf/handbook.pdf").exists(), "no whole book");
    // The home page, then one chapter per volume: each is larger than 1 KB.
    let texts: Vec<String> = (1..=4)
        .map(|n| pdf::text(&out.join(format!("pdf/handbook-{n}.pdf")), false))
        .collect();
    assert!(!out.join("pdf/handbook-5.pdf").exists());
    assert!(texts[0].contains("เล่ม 1 จาก 4"), "{}", texts[0]);
    for (index, (_, title)) in SECTIONS.iter().enumerate() {
        let volume = &texts[index + 1];
        let chapter = index + 2;
        assert!(
            volume.contains(&format!("เล่ม {} จาก 4", index + 2)),
            "{volume}"
        );
        // Numbered on from the volumes before, with its page and sub-heading.
        assert!(volume.contains(&format!("{chapter} {title}")), "{volume}");
        assert!(
            volume.contains(&format!("{chapter}.1 เรื่องใน{title}")),
            "{volume}"
        );
        assert!(volume.contains("หัวข้อย่อย"), "{volume}");
        for (other, text) in texts.iter().enumerate() {
            if other != index + 1 {
                assert!(
                    !text.contains(&format!("เรื่องใน{title}")),
                    "{title} in volume {}",
                    other + 1
                );
            }
        }
    }
}

#[test]
fn a_handbook_within_the_limit_is_one_book() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    project(&root, 1024);
    let out = dir.path().join("out");
    let (ok, log) = build(&root, &out, &[]);
    assert!(ok, "{log}");
    assert!(!out.join("pdf/handbook-1.pdf").exists());
    let book = pdf::text(&out.join("pdf/handbook.pdf"), false);
    assert!(!book.contains("เล่ม 1"), "{book}");
    for (index, (_, title)) in SECTIONS.iter().enumerate() {
        assert!(book.contains(&format!("{} {title}", index + 2)), "{book}");
    }
}
