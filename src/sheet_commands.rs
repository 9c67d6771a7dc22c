//! `khumue template` and `khumue import`: the monthly forms as spreadsheets for the people
//! who fill them, and the filled spreadsheets back into `data/` (see `sheets`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::load::parse_month;
use crate::data::ReportMonth;
use crate::sheets::form::FormKind;
use crate::sheets::import::{self, mask_ids, Request};
use crate::site::SiteConfig;

/// What a command did: lines for the terminal, and whether it succeeded.
pub struct Outcome {
    pub lines: Vec<String>,
    pub ok: bool,
}

impl Outcome {
    fn failed(lines: Vec<String>) -> Outcome {
        Outcome { lines, ok: false }
    }
}

fn month_arg(text: &str) -> Result<ReportMonth, String> {
    parse_month(text).ok_or_else(|| {
        format!("error: \"{text}\" is not a month\n  = hint: write it as YYYY-MM with the B.E. year, e.g. 2564-06")
    })
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename, so that a
/// reader never sees half a file. With `replace` false an existing file is left alone.
fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<(), String> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("error: cannot create {}: {e}", parent.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.khumue-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create_new(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if replace {
            std::fs::rename(&temp, path)
        } else {
            // A hard link fails when the name is taken: nothing is overwritten.
            std::fs::hard_link(&temp, path)
        }
    })();
    let _ = std::fs::remove_file(&temp);
    written.map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}

/// `khumue template sp12|snb2 --month YYYY-MM [--unit ID] [--out FILE]`.
pub fn template(
    root: &Path,
    form: &str,
    unit: Option<&str>,
    month: &str,
    out: Option<&Path>,
) -> Outcome {
    let Some(kind) = FormKind::from_code(form) else {
        return Outcome::failed(vec![format!(
            "error: unknown form \"{form}\"\n  = hint: khumue makes templates of sp12 and snb2"
        )]);
    };
    let month = match month_arg(month) {
        Ok(m) => m,
        Err(e) => return Outcome::failed(vec![e]),
    };
    let (data, _) = crate::data::load(root);
    let numerals = SiteConfig::load(root)
        .map(|c| c.numerals)
        .unwrap_or_default();
    let unit = match (kind, unit) {
        (FormKind::Snb2, _) => None,
        (FormKind::Sp12, None) => {
            return Outcome::failed(vec![
                "error: an SP-12 template is one unit's\n  = hint: pass --unit with the unit's id from data/org.yaml".into(),
            ])
        }
        (FormKind::Sp12, Some(id)) => {
            let known: Vec<&str> = data
                .org
                .as_ref()
                .map(|o| o.value.units.iter().map(|u| u.id.as_str()).collect())
                .unwrap_or_default();
            if !known.contains(&id) {
                return Outcome::failed(vec![format!(
                    "error: unit \"{id}\" is not in data/org.yaml\n  = hint: units: {}",
                    known.join(", ")
                )]);
            }
            Some(id)
        }
    };
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| {
        PathBuf::from(match unit {
            Some(unit) => format!("{}-{}-{unit}.xlsx", kind.code(), month.code()),
            None => format!("{}-{}.xlsx", kind.code(), month.code()),
        })
    });
    let bytes = match crate::sheets::template(&data, kind, unit, month, numerals) {
        Ok(b) => b,
        Err(e) => return Outcome::failed(vec![format!("error: {e}")]),
    };
    if out.exists() {
        return Outcome::failed(vec![format!(
            "error: {} exists; khumue does not overwrite it\n  = hint: pass --out with another file name",
            out.display()
        )]);
    }
    match write_atomically(&out, &bytes, false) {
        Ok(()) => Outcome {
            lines: vec![format!("wrote {} ({})", out.display(), kind.title())],
            ok: true,
        },
        Err(e) => Outcome::failed(vec![e]),
    }
}

/// The comment lines (and blank lines) a data file starts with: kept when it is replaced.
fn preamble(text: &str) -> String {
    text.lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `khumue import FILE [--unit ID] [--month YYYY-MM] [--force]`.
pub fn import(
    root: &Path,
    file: &Path,
    unit: Option<&str>,
    month: Option<&str>,
    force: bool,
) -> Outcome {
    let month = match month.map(month_arg).transpose() {
        Ok(m) => m,
        Err(e) => return Outcome::failed(vec![e]),
    };
    let request = Request {
        root,
        file,
        unit: unit.map(str::to_string),
        month,
    };
    let imported = match import::import(&request) {
        Ok(imported) => imported,
        Err(problems) => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let mut lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            lines.push(format!(
                "import failed: {errors} error(s); nothing was written"
            ));
            return Outcome::failed(lines);
        }
    };
    let mut lines: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let target = root.join(&imported.rel);
    let old = std::fs::read_to_string(&target).ok();
    let text = format!(
        "{}{}",
        old.as_deref().map(preamble).unwrap_or_default(),
        imported.written.text
    );
    let shown = imported.rel.display();
    match &old {
        Some(old) if *old == text => {
            lines.push(format!("{shown} is unchanged ({} rows)", imported.rows));
            return Outcome { lines, ok: true };
        }
        Some(old) if !force => {
            lines.extend(diff(old, &text));
            lines.push(format!(
                "error: {shown} exists and differs (above: - now, + from {})\n  = hint: pass --force to replace it",
                file.display()
            ));
            return Outcome::failed(lines);
        }
        Some(old) => lines.extend(diff(old, &text)),
        None => {}
    }
    match write_atomically(&target, text.as_bytes(), old.is_some()) {
        Ok(()) => {
            lines.push(format!(
                "wrote {shown}: {} {} rows",
                imported.kind.title(),
                imported.rows
            ));
            Outcome { lines, ok: true }
        }
        Err(e) => {
            lines.push(e);
            Outcome::failed(lines)
        }
    }
}

/// The lines that differ between `old` and `new` (longest common subsequence), national IDs
/// masked; at most 60 lines are shown.
fn diff(old: &str, new: &str) -> Vec<String> {
    const SHOWN: usize = 60;
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len().saturating_mul(b.len()) > 25_000_000 {
        return vec![format!("({} lines now, {} after)", a.len(), b.len())];
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("{:>5} - {}", i + 1, mask_ids(a[i])));
            i += 1;
        } else {
            out.push(format!("{:>5} + {}", j + 1, mask_ids(b[j])));
            j += 1;
        }
    }
    let more = out.len().saturating_sub(SHOWN);
    out.truncate(SHOWN);
    if more > 0 {
        out.push(format!("      … {more} more changed line(s)"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_leading_comments() {
        assert_eq!(preamble("# made up\n\nunit: a\n# later\n"), "# made up\n\n");
    }

    #[test]
    fn shows_changed_lines_with_ids_masked() {
        let lines = diff(
            "a\nnational_id: \"1-1481-82787-57-0\"\nc\n",
            "a\nnational_id: \"1-1481-82787-57-0\"\nd\n",
        );
        assert_eq!(lines, vec!["    3 - c", "    3 + d"]);
        let lines = diff("x\n", "id: 1-1481-82787-57-0\n");
        assert!(!lines.concat().contains("82787"), "{lines:?}");
    }
}
