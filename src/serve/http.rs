//! The HTTP side of the preview: maps a request path to a file of the last good build (held in
//! memory, so nothing on disk — no `..`, no symbolic link — can be reached), adds the
//! live-reload script to HTML pages, and answers everything else with 400, 404 or 405.

use std::collections::HashMap;
use std::sync::Arc;

use super::server::Response;

/// Every file under `site/`, keyed by its `/`-separated path below it (`guide/steps.html`).
/// Unchanged files are shared between builds through the `Arc`.
pub type SiteFiles = HashMap<String, Arc<Vec<u8>>>;

pub const EVENTS_PATH: &str = "/__khumue/events";
const SCRIPT_PATH: &str = "/__khumue/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");
const SCRIPT_TAG: &str = "<script src=\"/__khumue/livereload.js\"></script>";

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file below the site folder, as a key of `SiteFiles`.
    File(String),
    /// A folder asked for without its trailing slash: redirect so relative links work.
    Folder(String),
    /// Not a path we would ever serve (`..`, encoded slashes, bad escapes or UTF-8).
    Bad,
}

/// Reads the path part of a request target. Rejects rather than repairs: anything that could
/// name a place outside the site folder is `Bad`.
pub fn target(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Target::Bad;
    };
    let lower = path.to_ascii_lowercase();
    // Encoded separators and NUL would let one segment hide another.
    if path.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Target::Bad;
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::Bad;
    };
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Target::Bad;
    };
    if decoded.contains(['\0', '\\']) {
        return Target::Bad;
    }
    let trailing_slash = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    let segments: Vec<&str> = if trimmed.is_empty() {
        Vec::new()
    } else {
        trimmed.split('/').collect()
    };
    // `//x` (an absolute path after the slash), `a//b`, `.` and `..` are all refused.
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Target::Bad;
    }
    let joined = segments.join("/");
    if trailing_slash {
        Target::File(if joined.is_empty() {
            "index.html".into()
        } else {
            format!("{joined}/index.html")
        })
    } else {
        Target::File(joined)
    }
    .or_folder()
}

impl Target {
    /// `guide` (no extension, no slash) may be a folder; the caller checks which exists.
    fn or_folder(self) -> Target {
        match self {
            Target::File(key)
                if !key.ends_with("index.html")
                    && !key.rsplit('/').next().unwrap_or("").contains('.') =>
            {
                Target::Folder(key)
            }
            other => other,
        }
    }
}

/// `%XX` escapes to bytes; `None` for a malformed escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The page with the live-reload script before its last `</body>` (or at the end).
pub fn inject_script(html: &[u8]) -> Vec<u8> {
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The answer to `method url` from `files` (the current build). The server leaves out the
/// body of a HEAD answer.
pub fn respond(method: &str, url: &str, files: &SiteFiles) -> Response {
    if !matches!(method, "GET" | "HEAD") {
        return text(405, "method not allowed");
    }
    match target(url) {
        Target::Bad => text(400, "bad request path"),
        Target::File(key) => match files.get(&key) {
            Some(bytes) => file_response(200, &key, bytes),
            None => not_found(files),
        },
        Target::Folder(key) => {
            if files.contains_key(&key) {
                file_response(200, &key, &files[&key])
            } else if files.contains_key(&format!("{key}/index.html")) {
                text(301, "moved").with_header("Location", format!("/{key}/"))
            } else {
                not_found(files)
            }
        }
    }
}

/// The live-reload script itself.
pub fn script_response() -> Response {
    with_type(
        Response::new(200, SCRIPT.as_bytes().to_vec()),
        "text/javascript; charset=utf-8",
    )
}

/// Shown for every path until the first good build.
pub fn waiting_response() -> Response {
    let page = "<!doctype html><html lang=\"th\"><meta charset=\"utf-8\"><title>khumue</title>\
                <body><p>khumue serve: waiting for a build without errors.</p></body></html>";
    with_type(
        Response::new(503, inject_script(page.as_bytes())),
        "text/html; charset=utf-8",
    )
}

pub fn is_script(url: &str) -> bool {
    url.split('?').next() == Some(SCRIPT_PATH)
}

fn not_found(files: &SiteFiles) -> Response {
    match files.get("404.html") {
        Some(page) => file_response(404, "404.html", page),
        None => text(404, "not found"),
    }
}

fn file_response(status: u16, key: &str, bytes: &[u8]) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        inject_script(bytes)
    } else {
        bytes.to_vec()
    };
    with_type(Response::new(status, body), kind)
}

fn text(status: u16, text: &str) -> Response {
    with_type(
        Response::new(status, text.as_bytes().to_vec()),
        "text/plain; charset=utf-8",
    )
}

fn with_type(response: Response, kind: &str) -> Response {
    response
        .with_header("Content-Type", kind)
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_paths_to_site_files() {
        assert_eq!(target("/"), Target::File("index.html".into()));
        assert_eq!(target("/guide/"), Target::File("guide/index.html".into()));
        assert_eq!(
            target("/guide/steps.html?x=1#top"),
            Target::File("guide/steps.html".into())
        );
        assert_eq!(target("/guide"), Target::Folder("guide".into()));
        assert_eq!(target("/%E0%B8%81.html"), Target::File("ก.html".into()));
    }

    #[test]
    fn refuses_anything_that_could_leave_the_site() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/static/../../Cargo.toml",
            "/static/%2e%2e/%2e%2e/Cargo.toml",
            "//etc/passwd",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/a/./b",
            "/%ff.html",
            "/%zz",
            "/%",
            "/a%00.html",
            "http://example.com/x",
            "*",
            "",
        ] {
            assert_eq!(target(bad), Target::Bad, "{bad}");
        }
    }

    #[test]
    fn injects_the_script_before_the_last_body_end() {
        let out = String::from_utf8(inject_script(b"<p>&lt;/body&gt;</p></BODY></html>")).unwrap();
        assert_eq!(
            out,
            format!("<p>&lt;/body&gt;</p>{SCRIPT_TAG}</BODY></html>")
        );
        assert!(String::from_utf8(inject_script(b"<p>x"))
            .unwrap()
            .ends_with(SCRIPT_TAG));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/fonts/x.woff2"), "font/woff2");
        assert_eq!(
            content_type("search/w/1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("report.pdf"), "application/pdf");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
