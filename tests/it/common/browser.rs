//! Drives the system Chromium from integration tests through the Node scripts in
//! `tests/browser/` (playwright-core, pinned in its package-lock.json). Generic on purpose:
//! any test can run its own script with `run_node`, serve a built site with `serve_dir`, and
//! open files with `file_url`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::thread;

/// `tests/browser/` in the source tree.
pub fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// The browser the scripts launch: `$CHROMIUM` or `/usr/bin/chromium` (Debian's package).
pub fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "{} not found: install it with `apt-get install -y chromium`",
        path.display()
    );
    path
}

/// Runs `npm ci` in `tests/browser/` once, when `node_modules` lacks a package it pins.
pub fn ensure_node_modules() {
    static DONE: Mutex<bool> = Mutex::new(false);
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return;
    }
    let dir = scripts_dir();
    let missing = ["playwright-core", "axe-core"].iter().any(|p| {
        !dir.join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    });
    if missing {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm must be installed (Node 20)");
        assert!(status.success(), "`npm ci` failed in {}", dir.display());
    }
    *done = true;
}

/// Runs `node tests/browser/<script> <args>` and returns its output (stdout, stderr, status).
pub fn run_node(script: &str, args: &[&str]) -> Output {
    ensure_node_modules();
    let browser = chromium();
    let dir = scripts_dir();
    Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .current_dir(&dir)
        .env("CHROMIUM", browser)
        .output()
        .expect("node must be installed (Node 20)")
}

/// Like `run_node`, but panics with the script's stderr unless it exits 0; returns stdout.
pub fn run_node_ok(script: &str, args: &[&str]) -> String {
    let out = run_node(script, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "node {script} failed ({}):\n{stderr}",
        out.status
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `file://` URL of an absolute path.
pub fn file_url(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// Serves `dir` over HTTP on 127.0.0.1 (a free port) from a background thread for the rest of
/// the test process; returns the base URL, ending in `/`.
pub fn serve_dir(dir: &Path) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .expect("an IP address");
    let server = std::sync::Arc::new(server);
    // Several workers: a browser opens connections in parallel, and one slow answer must not
    // hold up the others.
    for _ in 0..4 {
        let server = std::sync::Arc::clone(&server);
        let root = dir.to_path_buf();
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                answer(&root, request);
            }
        });
    }
    format!("http://127.0.0.1:{port}/")
}

fn answer(root: &Path, request: tiny_http::Request) {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let mut file = root.join(percent_decode(path.trim_start_matches('/')));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let response = match std::fs::read(&file) {
        Ok(bytes) if !path.contains("..") => {
            let header = tiny_http::Header::from_bytes("Content-Type", content_type(&file))
                .expect("valid header");
            tiny_http::Response::from_data(bytes)
                .with_header(header)
                .boxed()
        }
        // As static hosts do: the site's own 404 page, whatever the depth of the missing URL.
        _ => match std::fs::read(root.join("404.html")) {
            Ok(bytes) => tiny_http::Response::from_data(bytes)
                .with_header(
                    tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                        .expect("valid header"),
                )
                .with_status_code(404)
                .boxed(),
            Err(_) => tiny_http::Response::from_string("not found")
                .with_status_code(404)
                .boxed(),
        },
    };
    let _ = request.respond(response);
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("ttf") => "font/ttf",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}
