//! The built site on 127.0.0.1, which is also the browser's HTTP proxy, logging every request.
//!
//! Chromium is started with `--proxy-server=http://127.0.0.1:PORT --proxy-bypass-list=<-loopback>`,
//! so every request it makes, to this origin or anywhere else, arrives here first: requests for
//! the site (`GET http://127.0.0.1:PORT/…`) are served from the folder, everything else
//! (`CONNECT host:443`, other hosts) is logged and refused. The log is what the tests assert on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the browser made.
#[derive(Clone, Debug)]
pub struct Logged {
    /// `GET`, `POST`, `CONNECT`, …
    pub method: String,
    /// The request target as sent to a proxy: an absolute URL, or `host:port` for CONNECT.
    pub target: String,
    /// The request body (empty for GET).
    pub body: Vec<u8>,
}

impl Logged {
    /// The path on the test origin, if the request went to it.
    pub fn local_path(&self, origin: &str) -> Option<&str> {
        self.target
            .strip_prefix(origin)
            .filter(|p| p.starts_with('/'))
    }
}

/// The running server. Dropping it stops accepting (the thread ends with the test process).
pub struct SiteServer {
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    /// The port, for the proxy flag.
    pub port: u16,
    log: Arc<Mutex<Vec<Logged>>>,
    offline: Arc<AtomicBool>,
}

impl SiteServer {
    /// Serve `root` (and `extra` mounted at `/__test/`) on a free port.
    pub fn start(root: &Path, extra: &Path) -> std::io::Result<SiteServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let origin = format!("http://127.0.0.1:{port}");
        let log = Arc::new(Mutex::new(Vec::new()));
        let offline = Arc::new(AtomicBool::new(false));
        let state = Arc::new(State {
            root: root.to_path_buf(),
            extra: extra.to_path_buf(),
            origin: origin.clone(),
            log: log.clone(),
            offline: offline.clone(),
        });
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = state.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &state);
                });
            }
        });
        Ok(SiteServer {
            origin,
            port,
            log,
            offline,
        })
    }

    /// How many requests so far (a mark to compare against later).
    pub fn mark(&self) -> usize {
        self.log.lock().map(|l| l.len()).unwrap_or(0)
    }

    /// Requests made since `mark`.
    pub fn since(&self, mark: usize) -> Vec<Logged> {
        self.log
            .lock()
            .map(|l| l.get(mark..).unwrap_or(&[]).to_vec())
            .unwrap_or_default()
    }

    /// While offline, every connection is closed without an answer (as when the network is gone).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }
}

struct State {
    root: PathBuf,
    extra: PathBuf,
    origin: String,
    log: Arc<Mutex<Vec<Logged>>>,
    offline: Arc<AtomicBool>,
}

fn handle(stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (
            parts.next().unwrap_or("").to_string(),
            parts.next().unwrap_or("").to_string(),
        );
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length.min(64 << 20)];
        reader.read_exact(&mut body)?;
        if let Ok(mut log) = state.log.lock() {
            log.push(Logged {
                method: method.clone(),
                target: target.clone(),
                body,
            });
        }
        if state.offline.load(Ordering::SeqCst) {
            return Ok(());
        }
        let path = target
            .strip_prefix(&state.origin)
            .or_else(|| target.strip_prefix('/').map(|_| target.as_str()));
        let response = match (method.as_str(), path) {
            ("GET" | "HEAD", Some(p)) => file_response(state, p),
            _ => (502, "text/plain", b"refused by the test proxy".to_vec()),
        };
        write_response(&mut out, response, method == "HEAD")?;
        if method == "CONNECT" {
            return Ok(());
        }
    }
}

fn file_response(state: &State, url_path: &str) -> (u16, &'static str, Vec<u8>) {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    if decoded.split('/').any(|seg| seg == "..") {
        return (403, "text/plain", b"forbidden".to_vec());
    }
    let mut file = match decoded.strip_prefix("/__test/") {
        Some(rest) => state.extra.join(rest),
        None => state.root.join(decoded.trim_start_matches('/')),
    };
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => (200, content_type(&file), bytes),
        Err(_) => (404, "text/plain", b"not found".to_vec()),
    }
}

fn write_response(
    out: &mut TcpStream,
    (status, ctype, body): (u16, &str, Vec<u8>),
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Bad Gateway",
    };
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\r\n",
        body.len()
    )?;
    if !head {
        out.write_all(&body)?;
    }
    out.flush()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
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
