//! `khumue serve` against hostile clients: a DNS-rebinding page (a `Host:` that is not this
//! computer), oversized request heads, and a client that pipelines requests without reading
//! the answers. Each gets its status; the preview keeps answering everyone else and the project
//! and its output stay as they were.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::project::snapshot;
use crate::serve_live::{raw_request, Serve};

fn get_with_host(serve: &Serve, path: &str, host: &str) -> crate::serve_live::Reply {
    raw_request(
        serve.port,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn a_host_that_is_not_this_computer_gets_421() {
    let serve = Serve::start();
    let project = serve.project.clone();
    let before = snapshot(&project);
    let port = serve.port;
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "localhost.evil.example".to_string(),
        "192.168.1.20".to_string(),
    ] {
        for path in ["/", "/nav.js", "/__khumue/events"] {
            let reply = get_with_host(&serve, path, &host);
            assert_eq!(reply.status, 421, "{host} {path}: {}", reply.head);
            assert_eq!(
                reply.text(),
                "this preview answers only requests for localhost or 127.0.0.1"
            );
        }
    }
    let no_host = raw_request(port, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(no_host.status, 400);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_with_host(&serve, "/", &host).status, 200, "{host}");
    }
    assert!(
        snapshot(&project) == before,
        "the project or its output changed"
    );
}

#[test]
fn an_oversized_request_head_gets_431_and_the_server_goes_on() {
    let serve = Serve::start();
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert_eq!(raw_request(serve.port, huge.as_bytes()).status, 431);
    let many = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
        "X-H: y\r\n".repeat(100)
    );
    assert_eq!(raw_request(serve.port, many.as_bytes()).status, 431);
    assert_eq!(serve.get("/").status, 200, "{}", serve.log());
}

#[test]
fn a_client_pipelining_without_reading_does_not_block_the_others() {
    let serve = Serve::start();
    // Eight connections, each sending thousands of requests and reading none of the answers.
    let mut hogs = Vec::new();
    let request = "GET /nav.js HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(2000);
    for _ in 0..8 {
        let mut stream = TcpStream::connect(("127.0.0.1", serve.port)).unwrap();
        stream.set_nonblocking(true).unwrap();
        let mut sent = 0;
        let started = Instant::now();
        while sent < request.len() && started.elapsed() < Duration::from_secs(2) {
            match stream.write(&request.as_bytes()[sent..]) {
                Ok(n) => sent += n,
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        hogs.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let reply = serve.get("/");
    assert_eq!(reply.status, 200, "{}", serve.log());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "another client waited {:?}",
        started.elapsed()
    );
    drop(hogs);
}
