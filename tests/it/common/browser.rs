//! Drives the system Chromium from integration tests through the Node scripts in
//! `tests/browser/` (playwright-core, pinned in its package-lock.json). Generic on purpose:
//! any test can run its own script with `run_node`, serve a built site with `serve_dir`, and
//! open files with `file_url`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

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

/// Serves `dir` over HTTP on 127.0.0.1 (a free port) for the rest of the test process, with
/// the site's 404 page for a missing path (`serve.py`, Python's threading server); returns the
/// base URL, ending in `/`. The server stops when this process ends and closes its stdin.
pub fn serve_dir(dir: &Path) -> String {
    static SERVERS: Mutex<Vec<std::process::Child>> = Mutex::new(Vec::new());
    let mut child = Command::new("python3")
        .arg(scripts_dir().join("serve.py"))
        .arg(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is needed to serve a site in tests");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("piped stdout")),
        &mut line,
    )
    .expect("the server prints its port");
    let port: u16 = line.trim().parse().expect("a port number");
    SERVERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(child);
    format!("http://127.0.0.1:{port}/")
}
