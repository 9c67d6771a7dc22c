//! Building the default handbook once per test run: several tests read the same output,
//! and a full build with PDFs takes seconds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository: itself the default handbook project.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `khumue build --root root --out out`; returns success and stderr.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_khumue"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .expect("run khumue");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The output folder of one build of the default handbook, shared by the
/// tests (under Cargo's per-target temporary folder, replaced on every run).
pub fn default_output() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        // Keyed by the checkout, so two checkouts sharing one target folder do not collide.
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        repo().hash(&mut hasher);
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("default-handbook-{:x}", hasher.finish()))
            .join("output");
        let (ok, log) = build(&repo(), &out, &[]);
        assert!(ok, "building the default handbook failed:\n{log}");
        out
    })
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Copies the folder `from` (a fixture, the repository's content) to `to`, whole.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the folder");
        let target = to.join(entry.path().strip_prefix(from).expect("inside the folder"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("make a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A copy of the repository's handbook at `root` (its content, data and themes) whose report
/// data is `scripts/gen_sample_data.py --units <units>`: a province's worth of units.
pub fn project_with_units(root: &Path, units: usize) {
    for folder in ["content", "data", "themes"] {
        let from = repo().join(folder);
        if from.is_dir() {
            copy_dir(&from, &root.join(folder));
        }
    }
    let generated = std::process::Command::new("python3")
        .arg(repo().join("scripts/gen_sample_data.py"))
        .args(["--units", &units.to_string(), "--out"])
        .arg(root.join("data"))
        .output()
        .expect("python3 is needed to generate the sample data");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
}

/// A project with generated units (`project_with_units`), built once with every PDF.
pub struct BuiltProject {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
    /// The first build's log.
    pub log: String,
}

/// Makes a project of `units` generated units in a temporary folder and builds it with every
/// PDF; the build must succeed.
pub fn built_with_units(units: usize) -> BuiltProject {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("project");
    project_with_units(&root, units);
    let out = root.join("output");
    let (ok, log) = build(&root, &out, &[]);
    assert!(ok, "the {units}-unit build failed:\n{log}");
    BuiltProject {
        _dir: dir,
        root,
        out,
        log,
    }
}

/// Builds `project` once with one edit to the unit-month `month` (one person's assistance
/// type changes between two types the SNB-2 also counts, so the data stays consistent), then
/// restores the file; the build must succeed. Returns its log.
pub fn build_with_one_unit_month_edited(project: &BuiltProject, month: &Path) -> String {
    let text = std::fs::read_to_string(month).expect("read the unit-month");
    let (from, to) = if text.contains("assistance: พัฒนา") {
        ("assistance: พัฒนา", "assistance: ส่งเสริม")
    } else {
        ("assistance: ส่งเสริม", "assistance: พัฒนา")
    };
    assert!(text.contains(from), "{text}");
    std::fs::write(month, text.replacen(from, to, 1)).expect("edit");
    let (ok, log) = build(&project.root, &project.out, &[]);
    std::fs::write(month, &text).expect("restore");
    assert!(ok, "{log}");
    log
}
