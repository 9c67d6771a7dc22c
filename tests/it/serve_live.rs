//! `khumue serve` end to end: the binary on a temporary copy of a small project, on a free
//! loopback port, spoken to with plain HTTP/1.1 over `TcpStream`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::project::{copy_dir, snapshot};

const WAIT: Duration = Duration::from_secs(60);

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve/basic")
}

/// A port nobody listens on right now: bind port 0, read the port, let it go.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The running server; killed when the test ends, whether it passed or not.
pub(crate) struct Serve {
    child: Child,
    pub(crate) port: u16,
    log: PathBuf,
    pub(crate) project: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Serve {
    pub(crate) fn start() -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("project");
        copy_dir(&fixture(), &project);
        let log = tmp.path().join("serve.log");
        // A port found free may be taken by a parallel test before this server binds it:
        // then this server exits, and the test must not talk to the other one. Retry.
        for _attempt in 0..5 {
            let port = free_port();
            let child = Command::new(env!("CARGO_BIN_EXE_khumue"))
                .args([
                    "serve",
                    "--root",
                    project.to_str().unwrap(),
                    "--port",
                    &port.to_string(),
                ])
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .expect("start khumue serve");
            let mut serve = Serve {
                child,
                port,
                log: log.clone(),
                project: project.clone(),
                _tmp: tempfile::tempdir().unwrap(),
            };
            let started = Instant::now();
            let ready = format!("127.0.0.1:{port}");
            loop {
                if serve.child.try_wait().ok().flatten().is_some() {
                    break; // exited: most likely the port was taken
                }
                if serve.log().contains(&ready) && TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    serve._tmp = tmp;
                    return serve;
                }
                assert!(
                    started.elapsed() < WAIT,
                    "server did not start:\n{}",
                    serve.log()
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!(
            "khumue serve did not start on any of 5 free ports:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.project.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        raw_request(
            self.port,
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) head: String,
    body: Vec<u8>,
}

impl Reply {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub(crate) fn raw_request(port: u16, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = stream.write_all(request);
    // Nothing more is coming: a server waiting for the rest of a broken request sees so at once.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = bytes.get(split + 4..).unwrap_or_default().to_vec();
    Reply { status, head, body }
}

/// A live-reload subscription, read on a thread of its own.
struct Events {
    received: Receiver<(String, String)>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .write_all(b"GET /__khumue/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let (sender, received) = mpsc::channel();
        let (ready, is_ready) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if line.starts_with("retry:") {
                    let _ = ready.send(());
                } else if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push(d.to_string());
                } else if line.is_empty() && !name.is_empty() {
                    if sender
                        .send((std::mem::take(&mut name), data.join("\n")))
                        .is_err()
                    {
                        return;
                    }
                    data.clear();
                }
            }
        });
        // The greeting comes once the server has registered us: no event can be missed after.
        is_ready.recv_timeout(WAIT).expect("event stream greeting");
        Events { received }
    }

    /// Waits for event `name`, skipping others; its data.
    fn wait_for(&self, name: &str, log: impl Fn() -> String) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.received.recv_timeout(left) {
                Ok((n, data)) if n == name => return data,
                Ok(_) => {}
                Err(_) => panic!("no `{name}` event within {WAIT:?}; server log:\n{}", log()),
            }
        }
    }
}

#[test]
fn an_edit_reloads_a_broken_page_shows_the_error_and_a_fix_recovers() {
    let serve = Serve::start();
    let page = serve.get("/guide/steps.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("ORIGINAL-BODY"));
    assert!(
        page.text().contains("/__khumue/livereload.js"),
        "live-reload script not injected"
    );
    assert!(
        page.head
            .to_ascii_lowercase()
            .contains("content-type: text/html"),
        "{}",
        page.head
    );

    let events = serve.events();
    serve.write("content/guide/steps.md", "---\ntitle: ขั้นตอน\nweight: 2\n---\n## ขั้นที่ 1 รับเรื่อง\n\nEDITED-BODY\n\n## ขั้นที่ 2 ตรวจสอบ\n\nx\n");
    events.wait_for("reload", || serve.log());
    let page = serve.get("/guide/steps.html").text();
    assert!(
        page.contains("EDITED-BODY") && !page.contains("ORIGINAL-BODY"),
        "{page}"
    );

    serve.write(
        "content/guide/steps.md",
        "---\ntitle: [ไม่ปิดวงเล็บ\n---\nBROKEN-BODY\n",
    );
    let error = events.wait_for("error", || serve.log());
    assert!(
        error.contains("content/guide/steps.md"),
        "error event without the file: {error}"
    );
    let page = serve.get("/guide/steps.html").text();
    assert!(
        page.contains("EDITED-BODY") && !page.contains("BROKEN-BODY"),
        "last good page not kept"
    );
    // A page opened while the build is broken learns about it at once.
    let late = serve.events();
    assert!(late
        .wait_for("error", || serve.log())
        .contains("content/guide/steps.md"));
    assert!(
        serve.log().contains("content/guide/steps.md"),
        "diagnostics not printed:\n{}",
        serve.log()
    );

    serve.write(
        "content/guide/steps.md",
        "---\ntitle: ขั้นตอน\nweight: 2\n---\nFIXED-BODY\n\n## ขั้นที่ 2 ตรวจสอบ\n",
    );
    events.wait_for("reload", || serve.log());
    let page = serve.get("/guide/steps.html").text();
    assert!(page.contains("FIXED-BODY"), "{page}");
}

#[test]
fn requests_never_leave_the_site_folder() {
    let serve = Serve::start();
    let marker = "SECRET-OUTSIDE-THE-SITE";
    serve.write("Cargo.toml", marker);
    std::fs::write(serve.project.parent().unwrap().join("Cargo.toml"), marker).unwrap();
    // A link planted in the output folder is not followed: files are served from memory.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        serve.project.join("Cargo.toml"),
        serve.project.join("output/site/planted.toml"),
    )
    .unwrap();

    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "/..%2F..%2FCargo.toml",
        "/static/../../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/..\\Cargo.toml",
        "/%5c..%5cCargo.toml",
        "//Cargo.toml",
        "/planted.toml",
        "/%ff%fe",
    ] {
        let reply = serve.get(path);
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: status {}",
            reply.status
        );
        assert!(!reply.text().contains(marker), "{path} leaked the file");
    }

    let missing = serve.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    let theme_404 = std::fs::read_to_string(serve.project.join("output/site/404.html")).unwrap();
    let title = theme_404
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(
        missing.text().contains(title),
        "404 is not the theme's 404 page"
    );

    for (path, kind) in [
        ("/", "text/html"),
        ("/nav.js", "text/javascript"),
        ("/search/index.js", "text/javascript"),
        ("/guide/diagram.svg", "image/svg+xml"),
    ] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply
                .head
                .to_ascii_lowercase()
                .contains(&format!("content-type: {kind}")),
            "{path}: {}",
            reply.head
        );
    }
    let folder = serve.get("/guide");
    assert_eq!(folder.status, 301, "{}", folder.head);

    // Requests a browser would never send must not take the server down.
    let malformed: [&[u8]; 4] = [
        b"GET /\xff\xfe\x80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"\x00\x01\x02\r\n\r\n",
        b"GET",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    ];
    for request in malformed {
        let reply = raw_request(serve.port, request);
        assert_ne!(reply.status, 200, "{:?}", String::from_utf8_lossy(request));
    }
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let many = format!(
        "GET / HTTP/1.1\r\n{}Connection: close\r\n\r\n",
        "X-H: y\r\n".repeat(20_000)
    );
    for request in [huge, many] {
        raw_request(serve.port, request.as_bytes());
    }
    assert_eq!(
        serve.get("/").status,
        200,
        "server stopped answering:\n{}",
        serve.log()
    );
}

fn empty_dirs(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// One edit of the incremental-build test: its name and what it does to the project.
type Step<'a> = (&'a str, &'a dyn Fn(&Serve));

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let serve = Serve::start();
    let events = serve.events();
    let steps: [Step; 6] = [
        ("edit a body", &|s| {
            s.write(
                "content/guide/forms.md",
                "---\ntitle: แบบฟอร์ม\nweight: 3\n---\nแบบฟอร์มใหม่ NEW-FORMS\n",
            )
        }),
        ("edit a title", &|s| {
            s.write(
                "content/guide/forms.md",
                "---\ntitle: แบบฟอร์มราชการ\nweight: 3\n---\nแบบฟอร์มใหม่ NEW-FORMS\n",
            )
        }),
        ("add a page", &|s| {
            s.write(
                "content/guide/extra/added.md",
                "---\ntitle: หน้าใหม่\n---\nเนื้อหาที่เพิ่ม ADDED-PAGE [แบบฟอร์ม](../forms.md)\n",
            )
        }),
        ("delete a page", &|s| {
            std::fs::remove_file(s.project.join("content/guide/extra/added.md")).unwrap()
        }),
        ("edit data", &|s| {
            let path = s.project.join("data/site.yaml");
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("คู่มือทดสอบพรีวิว", "คู่มือฉบับแก้ไข");
            std::fs::write(path, text).unwrap();
        }),
        ("add a page back", &|s| {
            s.write(
                "content/guide/added.md",
                "---\ntitle: หน้าเพิ่มอีก\nweight: 1\n---\nADDED-AGAIN\n",
            )
        }),
    ];
    let full = tempfile::tempdir().unwrap();
    for (what, step) in steps {
        step(&serve);
        events.wait_for("synced", || serve.log());
        let out = full.path().join(what.replace(' ', "-"));
        let built = Command::new(env!("CARGO_BIN_EXE_khumue"))
            // The preview makes no PDFs, so its site offers no downloads: the same as a build
            // without PDFs.
            .args([
                "build",
                "--no-pdf",
                "--root",
                serve.project.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            built.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        let served = snapshot(&serve.project.join("output/site"));
        let mut expected = snapshot(&out.join("site"));
        // The preview has no offline worker: it would serve the reader stale pages between
        // saves. Everything else is the same, byte for byte.
        for offline in ["sw.js", "manifest.webmanifest"] {
            assert!(
                expected.remove(Path::new(offline)).is_some(),
                "a full build writes {offline}"
            );
            assert!(
                !served.contains_key(Path::new(offline)),
                "after `{what}`: the preview wrote {offline}"
            );
        }
        let served_names: Vec<_> = served.keys().collect();
        let expected_names: Vec<_> = expected.keys().collect();
        assert_eq!(
            served_names, expected_names,
            "after `{what}`: different files"
        );
        for (path, bytes) in &expected {
            assert!(
                served[path] == *bytes,
                "after `{what}`: {} differs",
                path.display()
            );
        }
        assert!(
            empty_dirs(&serve.project.join("output/site")).is_empty(),
            "after `{what}`: empty folders left"
        );
    }
    let home = serve.get("/").text();
    assert!(home.contains("คู่มือฉบับแก้ไข"), "data edit not served");
    assert_eq!(
        serve.get("/guide/extra/added.html").status,
        404,
        "deleted page still served"
    );
}

#[test]
fn a_themes_folder_made_after_the_start_is_watched() {
    let serve = Serve::start();
    let events = serve.events();
    // The project has no themes/ yet: it builds with the built-in theme. Now it gets its own
    // copy of that theme (the same files, so the same site)...
    let theme = serve.project.join("themes/default");
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    events.wait_for("synced", || serve.log());
    // ...and an edit inside the new folder reaches the pages.
    let template = theme.join("templates/page.html");
    let text = std::fs::read_to_string(&template).unwrap().replace(
        "{{ page.content | safe }}",
        "THEME-EDIT {{ page.content | safe }}",
    );
    std::fs::write(&template, text).unwrap();
    events.wait_for("reload", || serve.log());
    let page = serve.get("/guide/steps.html").text();
    assert!(page.contains("THEME-EDIT"), "{page}");
}
