//! A page without `updated` in its front matter takes the date of the last commit that
//! touched its file, read with one `git log` for the whole content folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use super::Page;

/// Last commit date of every file under `content/`, relative to the project root. Empty when
/// the project is not a git checkout or git is missing: the date is then simply unknown.
fn last_commit_dates(root: &Path) -> HashMap<PathBuf, NaiveDate> {
    let output = Command::new("git")
        .args([
            "log",
            "--relative",
            "--format=%x00%cs",
            "--name-only",
            "--",
            "content",
        ])
        .current_dir(root)
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        return HashMap::new();
    };
    let mut dates = HashMap::new();
    let mut current: Option<NaiveDate> = None;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some(date) = line.strip_prefix('\0') {
            current = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
        } else if let (Some(date), false) = (current, line.trim().is_empty()) {
            // Newest commits come first: keep the first date seen for each file.
            dates.entry(PathBuf::from(line.trim())).or_insert(date);
        }
    }
    dates
}

pub fn fill_from_git(root: &Path, pages: &mut [Page]) {
    if pages.iter().all(|p| p.front.updated.is_some()) {
        return;
    }
    let dates = last_commit_dates(root);
    for page in pages.iter_mut().filter(|p| p.front.updated.is_none()) {
        page.front.updated = dates.get(&page.source).copied();
    }
}
