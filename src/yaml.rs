//! The one place that parses YAML (front matter and `data/`). serde_yaml is deprecated upstream,
//! so every YAML call goes through here: swapping the parser is a change to this file alone.
//!
//! serde_yaml gives typed values but no positions for them, so a second, event-level pass
//! (yaml-rust2) records where every key and list item starts. Validators use that map to put a
//! line and column on problems they find after deserialisation. The pass runs only when a
//! position is first asked for: most files have no problem, and on a province's data (76,000
//! rows) recording every position cost as much as parsing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Diagnostic;

/// A parsed document and where each of its parts stands in the file.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub locations: Locations,
}

/// Positions by path: mapping keys and sequence indices joined with `.`, e.g.
/// `rows.3.national_id`; the empty path is the document itself. Lines and columns are 1-based
/// and already shifted to the enclosing file.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// The parsed text, kept to record the positions when one is first asked for.
    text: Arc<str>,
    first_line: usize,
    positions: Arc<OnceLock<HashMap<String, (usize, usize)>>>,
}

impl Locations {
    /// The positions in `text`, which starts at line `first_line` of its file (recorded when
    /// one is first asked for).
    pub fn new(text: &str, first_line: usize) -> Locations {
        Locations {
            text: text.into(),
            first_line,
            positions: Arc::default(),
        }
    }

    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        self.positions
            .get_or_init(|| locate(&self.text, self.first_line))
            .get(path)
            .copied()
    }

    /// The position of `path`, or of its nearest recorded ancestor, or the document start.
    pub fn nearest(&self, path: &str) -> (usize, usize) {
        let mut current = path;
        loop {
            if let Some(pos) = self.get(current) {
                return pos;
            }
            match current.rfind('.') {
                Some(cut) => current = &current[..cut],
                None => return self.get("").unwrap_or((self.first_line, 1)),
            }
        }
    }
}

/// Parses `text` (which starts at line `first_line` of `file`) into `T`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<Located<T>, Diagnostic> {
    let value: T = if text.trim().is_empty() {
        // An empty document is `null`; let types with all-optional fields accept it.
        serde_yaml::from_str("{}").map_err(|e| to_diagnostic(e, text, file, first_line))?
    } else {
        serde_yaml::from_str(text).map_err(|e| to_diagnostic(e, text, file, first_line))?
    };
    Ok(Located {
        value,
        locations: Locations::new(text, first_line),
    })
}

fn to_diagnostic(
    error: serde_yaml::Error,
    text: &str,
    file: &Path,
    first_line: usize,
) -> Diagnostic {
    let raw = error.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let message = match raw.find(" at line ") {
        Some(cut) => raw[..cut].to_string(),
        None => raw.clone(),
    };
    let (mut line, mut col) = error
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let mut hint = hint_for(&message, text);
    let mut headline = format!("invalid YAML: {message}");
    if let Some(field) = between(&message, "unknown field `", "`") {
        if let Some((l, c)) = find_key_line(text, field, line) {
            line = l;
            col = c;
        }
        let expected = message
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .trim_start_matches("one of ")
            .replace('`', "");
        headline = format!("unknown key `{field}`");
        hint = Some(if expected.is_empty() {
            format!("remove `{field}`: no key of that name is allowed here")
        } else {
            format!("remove `{field}` or use one of the allowed keys: {expected}")
        });
    } else if message.contains("end of stream") {
        // libyaml reports an unclosed quote where the text ends; the reader needs where it opens.
        if let Some(l) = text
            .lines()
            .position(|l| l.matches('"').count() % 2 == 1 || l.matches('\'').count() % 2 == 1)
        {
            line = l + 1;
            col = 1;
        }
    }
    let diagnostic = Diagnostic::error(file, line + first_line - 1, col, headline);
    match hint {
        Some(h) => diagnostic.with_hint(h),
        None => diagnostic,
    }
}

fn hint_for(message: &str, text: &str) -> Option<String> {
    if text.contains('\t')
        && (message.contains("cannot start any token") || message.contains("tab"))
    {
        return Some("YAML does not allow tabs for indentation: indent with spaces".into());
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        return Some(
            "check the indentation of this line and the one above: keys of one mapping line up"
                .into(),
        );
    }
    if message.contains("found unexpected end of stream") || message.contains("quoted scalar") {
        return Some("a quoted value is not closed: add the closing quote".into());
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Some(format!("add `{field}: ...`"));
    }
    if message.contains("invalid type") || message.contains("invalid value") {
        return Some("check the value's type against the field documentation".into());
    }
    None
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// The first line at or after `from_line` whose key is `key` (block style).
fn find_key_line(text: &str, key: &str, from_line: usize) -> Option<(usize, usize)> {
    let pattern = format!("{key}:");
    let search = |start: usize| {
        text.lines().enumerate().skip(start).find_map(|(i, l)| {
            let trimmed = l.trim_start().trim_start_matches("- ");
            trimmed
                .starts_with(&pattern)
                .then(|| (i + 1, l.len() - trimmed.len() + 1))
        })
    };
    search(from_line.saturating_sub(1)).or_else(|| search(0))
}

/// Records the position of every key and sequence item. Parse errors are ignored here:
/// serde_yaml has already reported them.
fn locate(text: &str, first_line: usize) -> HashMap<String, (usize, usize)> {
    let mut recorder = Recorder {
        stack: Vec::new(),
        positions: HashMap::new(),
        first_line,
    };
    let mut parser = Parser::new_from_str(text);
    let _ = parser.load(&mut recorder, false);
    recorder.positions
}

enum Frame {
    /// In a mapping: the path of the mapping, and the key awaiting its value (None = expecting a key).
    Mapping {
        path: String,
        key: Option<String>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    first_line: usize,
}

impl Recorder {
    fn record(&mut self, path: &str, mark: Marker) {
        self.positions
            .entry(path.to_string())
            .or_insert((mark.line() + self.first_line - 1, mark.col() + 1));
    }

    /// Called when a value (scalar or collection) starts: returns its path, or None when the
    /// scalar is a mapping key.
    fn value_path(&mut self, scalar: Option<&str>, mark: Marker) -> Option<String> {
        let join = |base: &str, seg: &str| {
            if base.is_empty() {
                seg.to_string()
            } else {
                format!("{base}.{seg}")
            }
        };
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                self.record(&p, mark);
                Some(p)
            }
            Some(Frame::Mapping { path, key }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    let k = scalar.unwrap_or("?").to_string();
                    let p = join(path, &k);
                    *key = Some(k);
                    self.record(&p, mark);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                if let Some(p) = self.value_path(Some(&value), mark) {
                    self.record(&p, mark);
                }
            }
            Event::Alias(_) => {
                self.value_path(None, mark);
            }
            Event::MappingStart(..) => {
                let path = self.value_path(None, mark).unwrap_or_default();
                self.record(&path, mark);
                self.stack.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.value_path(None, mark).unwrap_or_default();
                self.record(&path, mark);
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// A value written into a data file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Free text: always double-quoted.
    Text(String),
    /// A code or label (`klong-niyom`, `พัฒนา`): plain when YAML reads it back as the same
    /// string, quoted otherwise.
    Code(String),
    Number(u64),
    Bool(bool),
}

/// A report file as khumue writes it: `preamble` (comment lines, kept as given), the head's
/// keys, then `list_key:` with one block mapping per item, in the layout of the sample data
/// (two-space indents, text double-quoted as JSON quotes it).
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub text: String,
    /// The path each line stands for (`count`, `rows.3.national_id`), by line number - 1.
    pub line_paths: Vec<String>,
}

pub fn write_report(
    preamble: &str,
    head: &[(&str, Value)],
    list_key: &str,
    items: &[Vec<(&str, Value)>],
) -> Written {
    let mut out = Written::default();
    for line in preamble.lines() {
        out.push(line.to_string(), String::new());
    }
    for (key, value) in head {
        out.push(format!("{key}: {}", scalar(value)), (*key).to_string());
    }
    if items.is_empty() {
        out.push(format!("{list_key}: []"), list_key.to_string());
    } else {
        out.push(format!("{list_key}:"), list_key.to_string());
    }
    for (i, item) in items.iter().enumerate() {
        for (k, (key, value)) in item.iter().enumerate() {
            let lead = if k == 0 { "  - " } else { "    " };
            out.push(
                format!("{lead}{key}: {}", scalar(value)),
                format!("{list_key}.{i}.{key}"),
            );
        }
    }
    out
}

impl Written {
    fn push(&mut self, line: String, path: String) {
        self.text.push_str(&line);
        self.text.push('\n');
        self.line_paths.push(path);
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Text(s) => quoted(s),
        Value::Code(s) if is_plain(s) => s.clone(),
        Value::Code(s) => quoted(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
    }
}

/// A JSON string is a valid YAML double-quoted scalar.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Letters (Thai included), digits, `-` and `_`, not starting with a digit or `-`, and not
/// a word YAML reads as something else.
fn is_plain(s: &str) -> bool {
    let thai = |c: char| ('\u{0E00}'..='\u{0E7F}').contains(&c);
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    !first.is_ascii_digit()
        && first != '-'
        && first != '_'
        && s.chars()
            .all(|c| c.is_alphanumeric() || thai(c) || c == '-' || c == '_')
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
        #[allow(dead_code)]
        rows: Vec<Row>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Row {
        #[allow(dead_code)]
        name: String,
    }

    #[test]
    fn records_positions_of_keys_and_items() {
        let text = "title: x\nrows:\n  - name: a\n  - name: b\n";
        let doc: Located<Doc> = parse(text, Path::new("f.yaml"), 1).unwrap();
        assert_eq!(doc.locations.get("title"), Some((1, 1)));
        assert_eq!(doc.locations.get("rows.1.name").map(|p| p.0), Some(4));
        assert_eq!(doc.locations.nearest("rows.1.missing").0, 4);
    }

    #[test]
    fn unknown_key_points_at_its_line_with_offset() {
        let text = "title: x\nrows: []\ncolour: red\n";
        let err = parse::<Doc>(text, Path::new("p.md"), 2).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert_eq!(err.message, "unknown key `colour`");
        assert!(err.hint.unwrap().contains("title"));
    }

    #[test]
    fn writes_reports_in_the_sample_layout() {
        let written = write_report(
            "# made up\n",
            &[
                ("unit", Value::Code("klong-niyom".into())),
                ("count", Value::Number(1)),
            ],
            "rows",
            &[vec![
                ("seq", Value::Number(1)),
                ("name", Value::Text("นาง \"ก\"".into())),
                ("assistance", Value::Code("พัฒนา".into())),
                ("unit", Value::Code("true".into())),
            ]],
        );
        assert_eq!(
            written.text,
            "# made up\nunit: klong-niyom\ncount: 1\nrows:\n  - seq: 1\n    name: \"นาง \\\"ก\\\"\"\n    assistance: พัฒนา\n    unit: \"true\"\n"
        );
        assert_eq!(written.line_paths[5], "rows.0.name");
    }

    #[test]
    fn tab_indentation_gets_a_hint() {
        let err =
            parse::<Doc>("title: x\nrows:\n\t- name: a\n", Path::new("t.yaml"), 1).unwrap_err();
        assert!(
            err.hint.unwrap_or_default().contains("tabs"),
            "{}",
            err.message
        );
    }
}
