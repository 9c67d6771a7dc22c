//! Watching the project for changes.
//!
//! notify's Linux backend also reports files being *opened*, and every build opens every page:
//! a debouncer that forgets the kind of event would rebuild forever. So events are filtered
//! here, and a burst of them (an editor's write-then-rename, "save all") is one rebuild.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time that ends a burst of changes.
const QUIET: Duration = Duration::from_millis(30);
/// A folder that never stops changing still gets rebuilt this often.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

pub struct Changes {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Changes {
    /// Watches each of `dirs` that exists, recursively.
    pub fn watch(dirs: &[&Path]) -> Result<Changes, String> {
        let (sender, events) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(sender).map_err(|e| format!("cannot watch files: {e}"))?;
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
        Ok(Changes {
            _watcher: watcher,
            events,
        })
    }

    /// Blocks until something changed and then stayed quiet for a moment. `None` when the
    /// watcher has stopped.
    pub fn next_burst(&self) -> Option<()> {
        loop {
            if is_change(self.events.recv().ok()?) {
                break;
            }
        }
        let started = Instant::now();
        let mut deadline = Instant::now() + QUIET;
        loop {
            let now = Instant::now();
            if now >= deadline || now - started >= LONGEST_WAIT {
                return Some(());
            }
            match self.events.recv_timeout(deadline - now) {
                Ok(event) => {
                    if is_change(event) {
                        deadline = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Some(()),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

/// Anything but a file being opened or read. Watcher errors count as changes: rebuilding is
/// the safe answer to not knowing.
fn is_change(event: notify::Result<Event>) -> bool {
    match event {
        Ok(event) => match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        },
        Err(error) => {
            eprintln!("warning: file watcher: {error}");
            true
        }
    }
}
