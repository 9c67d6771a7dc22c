//! URLs as khumue reads and writes them: the one percent decoder of the crate, page paths
//! written as link targets, and the link targets that would run script.

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// `%E0%B8%81.md` → `ก.md`. A `%` that does not start an escape stays as it is (`50%`,
/// `5%ของ`), and escapes that do not spell UTF-8 leave the text as written.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    percent_decode_str(text)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(text))
}

/// Like `percent_decode`, but `None` when a `%` does not start an escape or the escapes do
/// not spell UTF-8: for request paths, which are refused rather than repaired.
pub fn percent_decode_exact(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let hex_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    let well_formed = bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b != b'%' || (hex_at(i + 1) && hex_at(i + 2)));
    if !well_formed {
        return None;
    }
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// ASCII characters that cannot stand in a path segment of a link: they would end the path
/// (`#`, `?`), start an escape (`%`), read as a scheme (`:`), or break Markdown and HTML.
const NOT_IN_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'\'')
    .add(b'(')
    .add(b')')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A `/`-separated path (a page's output path, relative to the site root or to another page)
/// as a link target: `a#b.html` → `a%23b.html`, `javascript:x.html` → `javascript%3Ax.html`.
/// Thai and other non-ASCII letters stay as they are (browsers accept them, people read them).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        let (this, after) = rest.split_at(c.len_utf8());
        if c.is_ascii() {
            out.extend(utf8_percent_encode(this, NOT_IN_PATH));
        } else {
            out.push(c);
        }
        rest = after;
    }
    out
}

/// Schemes whose links run script or open a document made of the link itself.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// Whether following `target` would run script or open a document it carries (`javascript:`,
/// `vbscript:`, `data:`), however it is spelled: any case, HTML character references
/// (`&#106;avascript:`, `&colon;`), and tabs, line breaks or control characters inside, which
/// browsers drop.
pub fn is_script_url(target: &str) -> bool {
    let decoded = decode_character_references(target);
    let scheme: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    let has_colon = decoded.contains(':');
    has_colon && SCRIPT_SCHEMES.contains(&scheme.as_str())
}

/// Numeric character references and the few named ones that spell a scheme's punctuation,
/// decoded as a browser would in an attribute value.
fn decode_character_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| reference(&after[..end]));
        match (end, decoded) {
            (Some(end), Some(c)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
        number(hex, 16)?
    } else if let Some(decimal) = name.strip_prefix('#') {
        number(decimal, 10)?
    } else {
        return match name.to_ascii_lowercase().as_str() {
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            _ => None,
        };
    };
    char::from_u32(code)
}

/// The values of the attributes in a piece of raw HTML (`<a href="x" title=y>` → `x`, `y`).
pub fn attribute_values(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('=').filter_map(move |(at, _)| {
        let value = html[at + 1..].trim_start();
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            Some(inner.find(quote).map_or(inner, |end| &inner[..end]))
        } else {
            let end = value
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(value.len());
            Some(&value[..end])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_and_leaves_the_rest() {
        assert_eq!(percent_decode("%E0%B8%81.md"), "ก.md");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("5%ของ.md"), "5%ของ.md");
        assert_eq!(percent_decode("%กข.png"), "%กข.png");
        assert_eq!(percent_decode("%E0%B8"), "%E0%B8");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode_exact("%E0%B8%81"), Some("ก".into()));
        for bad in ["%", "%4", "%zz", "%ff", "%+1", "5%ของ"] {
            assert_eq!(percent_decode_exact(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodes_what_would_change_a_path() {
        assert_eq!(encode_path("a#b.html"), "a%23b.html");
        assert_eq!(encode_path("q?x.html"), "q%3Fx.html");
        assert_eq!(encode_path("%41.html"), "%2541.html");
        assert_eq!(
            encode_path("javascript:alert(7)%2F%2F.html"),
            "javascript%3Aalert%287%29%252F%252F.html"
        );
        assert_eq!(encode_path("../หน้า/a b.html"), "../หน้า/a%20b.html");
    }

    #[test]
    fn recognises_script_urls_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "\u{1}javascript:x",
            "&#106;avascript:x",
            "javascript&colon;x",
            "vbscript:msgbox",
            "data:text/html,<script>",
        ] {
            assert!(is_script_url(bad), "{bad:?}");
        }
        for good in [
            "https://x",
            "page.md",
            "javascript.md",
            "#data:x",
            "mailto:a@b",
        ] {
            assert!(!is_script_url(good), "{good:?}");
        }
    }

    #[test]
    fn reads_attribute_values() {
        let values: Vec<&str> = attribute_values("<a href=\"x y\" title='t' data-x=z>").collect();
        assert_eq!(values, vec!["x y", "t", "z"]);
    }
}
