//! `khumue serve`: build once, serve the site over HTTP, watch `content/`, `data/` and
//! `themes/`, rebuild on every (debounced) change and make open pages reload.

mod events;
mod http;
mod mirror;
mod rebuild;
mod server;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::output::{self, BuildLock};
use rebuild::{Engine, Outcome, Shared};

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
pub fn run(options: &ServeOptions) -> Result<(), Error> {
    output::check_out(&options.root, &options.out)?;
    let _lock = BuildLock::acquire(&options.out)?;
    output::claim(&options.out).map_err(Error::io("write", &options.out))?;
    // Watching starts first, so a save during the first build is not missed.
    let mut changes = watch::Changes::watch(&options.root, &WATCHED)?;
    let mut engine = Engine::new(&options.root, &options.out);
    report(engine.initial()?);

    let address = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(address)
        .map_err(Error::io("listen on", address.to_string()))?;
    let url = format!("http://{}/", listener.local_addr().unwrap_or(address));
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
    let hosts = if options.bind.is_loopback() {
        server::Hosts::Loopback
    } else {
        server::Hosts::LoopbackOrAddress
    };
    let shared = engine.shared();
    let handler: Arc<server::Handler> = Arc::new(move |request| handle(request, &shared));
    std::thread::Builder::new()
        .name("khumue-accept".into())
        .spawn(move || server::run(listener, hosts, handler))
        .map_err(Error::io("start the server for", &options.out))?;
    if options.open {
        open_browser(&url);
    }

    while changes.next_burst().is_some() {
        match engine.rebuild() {
            Ok(outcome) => report(outcome),
            Err(error) => eprintln!("error: {error}"),
        }
    }
    Ok(())
}

fn handle(request: &server::Request, shared: &Shared) -> server::Reply {
    let path = request.url.split('?').next().unwrap_or("");
    if path == http::EVENTS_PATH {
        return shared.hub.attach();
    }
    server::Reply::Full(if http::is_script(path) {
        http::script_response()
    } else {
        let files = shared.files();
        if files.is_empty() {
            // No good build yet: a page that shows the errors and reloads once it is fixed.
            http::waiting_response()
        } else {
            http::respond(&request.method, &request.url, &files)
        }
    })
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
    for line in crate::diagnostics::shown(diagnostics) {
        eprintln!("{line}");
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
