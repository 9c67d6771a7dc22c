//! Watching the project for changes.
//!
//! notify's Linux backend also reports files being *opened*, and every build opens every page:
//! a debouncer that forgets the kind of event would rebuild forever. So events are filtered
//! here, and a burst of them (an editor's write-then-rename, "save all") is one rebuild.
//!
//! The project folder itself is watched too, not recursively, so that a watched folder made
//! (or replaced) after the start is picked up; the build's own files beside them are not
//! changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::IoError;

/// A watcher's failure on `path` (notify's errors wrap the system's).
fn cannot_watch(path: &Path) -> impl FnOnce(notify::Error) -> IoError + '_ {
    move |e| IoError::new("watch", path, std::io::Error::other(e))
}

/// Quiet time that ends a burst of changes.
const QUIET: Duration = Duration::from_millis(30);
/// A folder that never stops changing still gets rebuilt this often.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

pub struct Changes {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The folders whose contents count, and whether each is being watched now.
    dirs: Vec<(PathBuf, bool)>,
}

impl Changes {
    /// Watches the folders `dirs` of `root` recursively, those that exist now and those made
    /// later.
    pub fn watch(root: &Path, dirs: &[&str]) -> Result<Changes, IoError> {
        // Events name absolute paths (notify joins relative ones to the working folder), so
        // the folders are compared as absolute paths too.
        let root = std::path::absolute(root).map_err(|e| IoError::new("watch", root, e))?;
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender).map_err(cannot_watch(&root))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(cannot_watch(&root))?;
        let mut changes = Changes {
            watcher,
            events,
            dirs: dirs.iter().map(|d| (root.join(d), false)).collect(),
        };
        for index in 0..changes.dirs.len() {
            changes.rewatch(index)?;
        }
        Ok(changes)
    }

    /// (Re)starts the recursive watch of folder `index` if it exists: a folder that was
    /// removed and made again needs a new watch.
    fn rewatch(&mut self, index: usize) -> Result<(), IoError> {
        let (dir, watched) = &mut self.dirs[index];
        if *watched {
            let _ = self.watcher.unwatch(dir);
            *watched = false;
        }
        if dir.is_dir() {
            self.watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(cannot_watch(dir))?;
            *watched = true;
        }
        Ok(())
    }

    /// Blocks until something changed and then stayed quiet for a moment. `None` when the
    /// watcher has stopped.
    pub fn next_burst(&mut self) -> Option<()> {
        let mut made_or_removed = Vec::new();
        loop {
            if self.is_change(self.events.recv().ok()?, &mut made_or_removed) {
                break;
            }
        }
        let started = Instant::now();
        let mut deadline = Instant::now() + QUIET;
        loop {
            let now = Instant::now();
            if now >= deadline || now - started >= LONGEST_WAIT {
                break;
            }
            match self.events.recv_timeout(deadline - now) {
                Ok(event) => {
                    if self.is_change(event, &mut made_or_removed) {
                        deadline = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        made_or_removed.sort_unstable();
        made_or_removed.dedup();
        for index in made_or_removed {
            if let Err(message) = self.rewatch(index) {
                eprintln!("warning: {message}");
            }
        }
        Some(())
    }

    /// Whether `event` touches a watched folder; notes the folders that were themselves
    /// made, removed or renamed. Watcher errors count as changes: rebuilding is the safe
    /// answer to not knowing.
    fn is_change(&self, event: notify::Result<Event>, made_or_removed: &mut Vec<usize>) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                eprintln!("warning: file watcher: {error}");
                return true;
            }
        };
        if !is_write(&event.kind) {
            return false;
        }
        if event.paths.is_empty() {
            return true;
        }
        let mut inside = false;
        for path in &event.paths {
            for (index, (dir, _)) in self.dirs.iter().enumerate() {
                if path == dir {
                    made_or_removed.push(index);
                }
                inside |= path.starts_with(dir);
            }
        }
        inside
    }
}

/// Anything but a file being opened or read.
fn is_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}
