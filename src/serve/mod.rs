//! `khumue serve`: build once, serve the site over HTTP, watch `content/`, `data/` and
//! `themes/`, rebuild on every (debounced) change and make open pages reload.

mod events;
mod http;
mod mirror;
mod rebuild;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::output::BuildLock;
use rebuild::{Engine, Outcome, Shared};

/// Threads answering ordinary requests; live-reload streams get threads of their own.
const HTTP_WORKERS: usize = 4;

/// The folders whose changes trigger a rebuild.
const WATCHED: [&str; 3] = ["content", "data", "themes"];

pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// Runs until the process is stopped. Returns only on a set-up failure (port taken, output
/// folder locked or not writable, watcher unavailable).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let _lock = BuildLock::acquire(&options.out)?;
    // Watching starts first, so a save during the first build is not missed.
    let mut changes = watch::Changes::watch(&options.root, &WATCHED)?;
    let mut engine = Engine::new(&options.root, &options.out);
    report(engine.initial()?);

    let address = SocketAddr::new(options.bind, options.port);
    let server =
        tiny_http::Server::http(address).map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let server = Arc::new(server);
    let url = format!(
        "http://{}/",
        server.server_addr().to_ip().unwrap_or(address)
    );
    eprintln!(
        "serving {} at {url} (press Ctrl-C to stop)",
        options.out.join("site").display()
    );
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}, not on this computer only: anyone who can reach it on the network can read the handbook",
            options.bind
        );
    }
    for _ in 0..HTTP_WORKERS {
        let server = Arc::clone(&server);
        let shared = engine.shared();
        std::thread::Builder::new()
            .name("khumue-http".into())
            .spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &shared);
                }
            })
            .map_err(|e| format!("cannot start the server: {e}"))?;
    }
    if options.open {
        open_browser(&url);
    }

    while changes.next_burst().is_some() {
        match engine.rebuild() {
            Ok(outcome) => report(outcome),
            Err(message) => eprintln!("error: {message}"),
        }
    }
    Ok(())
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let path = request.url().split('?').next().unwrap_or("");
    if path == http::EVENTS_PATH {
        shared.hub.attach(request);
    } else if http::is_script(path) {
        let _ = request.respond(http::script_response());
    } else {
        let files = shared.files();
        if files.is_empty() {
            // No good build yet: a page that shows the errors and reloads once it is fixed.
            let _ = request.respond(http::waiting_response());
        } else {
            http::respond(request, &files);
        }
    }
}

fn report(outcome: Outcome) {
    match outcome {
        Outcome::Built {
            changes,
            warnings,
            millis,
        } => {
            print_diagnostics(&warnings);
            let count = changes.written.len() + changes.removed.len();
            if count > 0 {
                eprintln!("built in {millis} ms: {count} file(s) changed");
            } else {
                eprintln!("built in {millis} ms: no change in the output");
            }
        }
        Outcome::Failed(diags) => {
            print_diagnostics(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed: {errors} error(s); still serving the last good build");
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// Best effort: a machine without a desktop simply does not open anything.
fn open_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        eprintln!("note: could not start xdg-open; open {url} in a browser");
    }
}
