//! The preview's HTTP/1.1 server: one thread per connection (at most `MAX_CONNECTIONS`), the
//! requests of a connection answered one after the other. A client that sends many requests
//! without reading the answers therefore holds only its own thread, until the write timeout
//! drops it; every other client is answered meanwhile. Request heads are limited in size and
//! time, bodies are not accepted (the preview only reads), and a request whose `Host:` does not
//! name this computer is refused, so a web page that rebinds its own domain name to 127.0.0.1
//! cannot read the preview or its error stream.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Open connections beyond this are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 64;
/// A request line and headers longer than this get 431 (browsers send a few hundred bytes).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// How long a connection may sit without sending a request, or take to send its head.
const READ_TIMEOUT: Duration = Duration::from_secs(15);
/// How long an answer may wait for a client that does not read it.
const WRITE_TIMEOUT: Duration = Duration::from_secs(15);

/// One request, as the handler sees it (the host was checked already).
pub struct Request {
    pub method: String,
    /// The request target as sent (`/guide/?x=1`).
    pub url: String,
}

/// A complete answer.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// What a handler does with a request: answer it, or take the connection over (an event
/// stream writes its own head and runs until the client goes away).
pub enum Reply {
    Full(Response),
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Which `Host:` values are answered.
#[derive(Clone, Copy, Debug)]
pub enum Hosts {
    /// `localhost`, 127.0.0.0/8 and `[::1]`, with or without a port.
    Loopback,
    /// Those and any IP address (`--bind` to a network address). A DNS-rebinding page
    /// always sends its own domain name, never an address.
    LoopbackOrAddress,
}

pub type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// Accepts connections for ever, each on a thread of its own.
pub fn run(listener: TcpListener, hosts: Hosts, handler: Arc<Handler>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // Out of file descriptors, most likely: give the open connections time to end.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = write_response(
                &mut stream,
                &plain(503, "too many connections"),
                false,
                false,
            );
            continue;
        }
        let (open_here, handler) = (Arc::clone(&open), Arc::clone(&handler));
        let spawned = std::thread::Builder::new()
            .name("khumue-http".into())
            .spawn(move || {
                connection(stream, hosts, &*handler);
                open_here.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Answers the requests of one connection in order until it closes, errs or times out.
fn connection(mut stream: TcpStream, hosts: Hosts, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::new();
    loop {
        let head_len = match read_head(&mut stream, &mut buffer) {
            Ok(Some(len)) => len,
            Ok(None) => {
                let _ = write_response(
                    &mut stream,
                    &plain(431, "request header fields too large"),
                    false,
                    false,
                );
                return;
            }
            Err(_) => return,
        };
        let parsed = parse(&buffer[..head_len], hosts);
        buffer.drain(..head_len);
        let (request, keep_alive) = match parsed {
            Ok(parsed) => parsed,
            Err(response) => {
                let _ = write_response(&mut stream, &response, false, false);
                return;
            }
        };
        let head_only = request.method == "HEAD";
        match handler(&request) {
            Reply::Full(response) => {
                if write_response(&mut stream, &response, head_only, keep_alive).is_err()
                    || !keep_alive
                {
                    return;
                }
            }
            Reply::Stream(take_over) => {
                take_over(stream);
                return;
            }
        }
    }
}

/// Reads until `buffer` holds a whole request head; its length, or `None` when it is too long.
/// Bytes after the head (a pipelined request) stay in `buffer`.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> io::Result<Option<usize>> {
    let started = Instant::now();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let len = end + 4;
            return Ok((len <= MAX_HEAD_BYTES).then_some(len));
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Ok(None);
        }
        if !buffer.is_empty() && started.elapsed() > READ_TIMEOUT {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// The request in `head`, and whether the connection stays open after it; or the answer
/// that refuses it (the connection then closes).
fn parse(head: &[u8], hosts: Hosts) -> Result<(Request, bool), Response> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => {
            return Err(plain(431, "request header fields too large"))
        }
        _ => return Err(plain(400, "bad request")),
    }
    let (Some(method), Some(url), Some(version)) = (parsed.method, parsed.path, parsed.version)
    else {
        return Err(plain(400, "bad request"));
    };
    let values = |name: &str| {
        parsed
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
            .collect::<Vec<_>>()
    };
    let has_body = values("content-length").iter().any(|v| v != "0")
        || !values("transfer-encoding").is_empty();
    if has_body {
        return Err(plain(400, "request bodies are not accepted"));
    }
    match values("host").as_slice() {
        [host] if host_allowed(host, hosts) => {}
        [_] => {
            return Err(plain(
                421,
                "this preview answers only requests for localhost or 127.0.0.1",
            ))
        }
        _ => return Err(plain(400, "one Host header is required")),
    }
    let close = values("connection")
        .iter()
        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")));
    let request = Request {
        method: method.to_string(),
        url: url.to_string(),
    };
    Ok((request, version == 1 && !close))
}

/// Whether `host` (a `Host:` value) names this computer: `localhost`, 127.0.0.0/8 or `[::1]`,
/// with or without a port; with `LoopbackOrAddress`, any IP address too.
pub fn host_allowed(host: &str, hosts: Hosts) -> bool {
    let any_address = matches!(hosts, Hosts::LoopbackOrAddress);
    let port_ok = |port: &str| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        let port_fine = after.is_empty() || after.strip_prefix(':').is_some_and(port_ok);
        return port_fine
            && inside
                .parse::<Ipv6Addr>()
                .is_ok_and(|ip| ip.is_loopback() || any_address);
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port_ok(port) => name,
        Some(_) => return false,
        None => host,
    };
    if name.eq_ignore_ascii_case("localhost") || name.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    name.parse::<Ipv4Addr>()
        .is_ok_and(|ip| ip.is_loopback() || any_address)
}

pub fn plain(status: u16, text: &str) -> Response {
    Response::new(status, text.as_bytes().to_vec())
        .with_header("Content-Type", "text/plain; charset=utf-8")
        .with_header("Cache-Control", "no-store")
}

fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: {}\r\n",
        response.status,
        reason(response.status),
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (name, value) in &response.headers {
        // Values are ours, but a line break in one must never split the head.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_computer_are_answered() {
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.:80",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:8080",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(host_allowed(host, Hosts::Loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5",
            "[::2]:1111",
            "[::1",
            "localhost:",
            "localhost:x",
            "",
        ] {
            assert!(!host_allowed(host, Hosts::Loopback), "{host}");
        }
        assert!(host_allowed("192.168.1.5:1111", Hosts::LoopbackOrAddress));
        assert!(!host_allowed("evil.example", Hosts::LoopbackOrAddress));
    }

    #[test]
    fn heads_are_parsed_and_refused_with_the_right_status() {
        let ok = parse(
            b"GET /a?b HTTP/1.1\r\nHost: localhost:1\r\n\r\n",
            Hosts::Loopback,
        );
        let (request, keep_alive) = ok.ok().unwrap();
        assert_eq!(
            (request.method.as_str(), request.url.as_str()),
            ("GET", "/a?b")
        );
        assert!(keep_alive);
        let status = |head: &[u8]| parse(head, Hosts::Loopback).err().map(|r| r.status);
        assert_eq!(
            status(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
            Some(421)
        );
        assert_eq!(status(b"GET / HTTP/1.1\r\n\r\n"), Some(400));
        assert_eq!(
            status(b"GET / HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n"),
            Some(400)
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\n"),
            Some(400)
        );
    }
}
