//! Live-reload events, sent to browsers as server-sent events on `/__khumue/events`.
//!
//! Each client keeps its connection's thread, which writes and flushes every event as it comes.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::server::{plain, Reply};

/// More open preview tabs than this is a runaway script, not a person.
pub const MAX_CLIENTS: usize = 32;

/// A comment line every so often: a closed tab is noticed when the write fails.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// What the browsers were last told: pages opened while a build is broken show the error too.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum State {
    Good,
    Failed(String),
}

pub struct Hub {
    inner: Mutex<Inner>,
    clients: AtomicUsize,
}

struct Inner {
    senders: Vec<Sender<Vec<u8>>>,
    state: State,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            inner: Mutex::new(Inner {
                senders: Vec::new(),
                state: State::Good,
            }),
            clients: AtomicUsize::new(0),
        }
    }
}

impl Hub {
    /// A good build: every open page reloads (which also clears an error overlay).
    pub fn reload(&self) {
        self.publish(State::Good, frame("reload", "reload"));
    }

    /// A failed build: open pages keep their content and show `text` over it.
    pub fn error(&self, text: &str) {
        self.publish(State::Failed(text.to_string()), frame("error", text));
    }

    /// Not for the page: tells scripts that the output folder now equals a full build.
    pub fn synced(&self) {
        let mut inner = self.lock();
        let message = frame("synced", "synced");
        inner.senders.retain(|s| s.send(message.clone()).is_ok());
    }

    fn publish(&self, state: State, message: Vec<u8>) {
        let mut inner = self.lock();
        inner.state = state;
        inner.senders.retain(|s| s.send(message.clone()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panicking client thread cannot leave the list half-updated: keep going.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer to a request for the event stream: it takes the connection over and streams
    /// events to it on the connection's thread until the client goes away.
    pub fn attach(self: &Arc<Self>) -> Reply {
        if self.clients.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
            self.clients.fetch_sub(1, Ordering::SeqCst);
            return Reply::Full(plain(503, "too many live-reload connections"));
        }
        let (sender, receiver) = mpsc::channel();
        let greeting = {
            let mut inner = self.lock();
            inner.senders.push(sender);
            let mut first = b"retry: 1000\n\n".to_vec();
            if let State::Failed(text) = &inner.state {
                first.extend(frame("error", text));
            }
            first
        };
        let hub = Arc::clone(self);
        Reply::Stream(Box::new(move |socket| {
            stream(socket, greeting, receiver);
            hub.clients.fetch_sub(1, Ordering::SeqCst);
        }))
    }
}

fn stream(mut socket: TcpStream, greeting: Vec<u8>, receiver: Receiver<Vec<u8>>) {
    // No length and no chunking: the body runs until the connection closes, which is what an
    // event stream is.
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n";
    if socket
        .write_all(head.as_bytes())
        .and_then(|_| socket.write_all(&greeting))
        .and_then(|_| socket.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(KEEPALIVE) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => b": keepalive\n\n".to_vec(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if socket
            .write_all(&message)
            .and_then(|_| socket.flush())
            .is_err()
        {
            return;
        }
    }
}

/// One event in the wire format: every line of `data` gets its own `data:` field.
pub fn frame(event: &str, data: &str) -> Vec<u8> {
    let mut out = format!("event: {event}\n");
    // A lone `\r` also ends a line in an event stream.
    for line in data.replace("\r\n", "\n").split(['\n', '\r']) {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_data_becomes_one_field_per_line() {
        let text = String::from_utf8(frame("error", "a.md:1:1: error: x\r\n  = hint: y")).unwrap();
        assert_eq!(
            text,
            "event: error\ndata: a.md:1:1: error: x\ndata:   = hint: y\n\n"
        );
    }

    #[test]
    fn a_newline_in_the_data_cannot_start_a_new_event() {
        let text = String::from_utf8(frame("error", "x\n\nevent: reload\ndata: y")).unwrap();
        assert!(
            text.lines().filter(|l| l.starts_with("event:")).count() == 1,
            "{text}"
        );
        let text = String::from_utf8(frame("error", "x\revent: reload\r\rdata: y")).unwrap();
        let lines: Vec<&str> = text.split(['\n', '\r']).collect();
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("event:")).count(),
            1,
            "{text}"
        );
    }
}
