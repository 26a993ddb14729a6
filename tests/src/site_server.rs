//! The built site on 127.0.0.1, which is also the browser's HTTP proxy, logging every request.
//!
//! Chromium is started with `--proxy-server=http://127.0.0.1:PORT --proxy-bypass-list=<-loopback>`,
//! so every request it makes, to this origin or anywhere else, arrives here first: requests for
//! the site (`GET http://127.0.0.1:PORT/…`) are served from the folder, everything else
//! (`CONNECT host:443`, other hosts) is logged and refused. The log is what the tests assert on.
//! It is the same server as `shebao serve`: tiny_http, with the generator's file lookup and
//! content types (`shebao::serve::files`).
//!
//! A test can hold back some of the site's files ([`SiteServer::hold`]): their requests wait
//! until [`SiteServer::release`], as on a slow network, to see what the page does meanwhile.

use shebao::serve::files;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Method, Request};

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
    held: Arc<Held>,
}

/// Site paths whose answers wait, and the signal that they may go.
#[derive(Default)]
struct Held {
    paths: Mutex<Vec<String>>,
    released: Condvar,
}

/// A held request is answered after this long even if the test never releases it (a failed
/// test must not leave the browser waiting forever).
const HOLD_AT_MOST: Duration = Duration::from_secs(120);

impl SiteServer {
    /// Serve `root` (and `extra` mounted at `/__test/`) on a free port.
    pub fn start(root: &Path, extra: &Path) -> std::io::Result<SiteServer> {
        let server = files::listen(0)?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| std::io::Error::other("the test server has no IP address"))?;
        let origin = format!("http://127.0.0.1:{port}");
        let log = Arc::new(Mutex::new(Vec::new()));
        let offline = Arc::new(AtomicBool::new(false));
        let held = Arc::new(Held::default());
        let state = Arc::new(State {
            root: root.to_path_buf(),
            extra: extra.to_path_buf(),
            origin: origin.clone(),
            log: log.clone(),
            offline: offline.clone(),
            held: held.clone(),
        });
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let state = state.clone();
                std::thread::spawn(move || handle(request, &state));
            }
        });
        Ok(SiteServer {
            origin,
            port,
            log,
            offline,
            held,
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

    /// Hold back the answer to every request for `path` (a path on the site, `/calc/x.js`)
    /// until [`SiteServer::release`]. The request is logged when it arrives.
    pub fn hold(&self, path: &str) {
        if let Ok(mut paths) = self.held.paths.lock() {
            paths.push(path.to_string());
        }
    }

    /// Answer the held requests, and hold nothing any more.
    pub fn release(&self) {
        if let Ok(mut paths) = self.held.paths.lock() {
            paths.clear();
        }
        self.held.released.notify_all();
    }
}

struct State {
    root: PathBuf,
    extra: PathBuf,
    origin: String,
    log: Arc<Mutex<Vec<Logged>>>,
    offline: Arc<AtomicBool>,
    held: Arc<Held>,
}

/// Wait while `path` is held (each request has its own thread).
fn wait_while_held(held: &Held, path: &str) {
    let Ok(paths) = held.paths.lock() else {
        return;
    };
    let _ = held
        .released
        .wait_timeout_while(paths, HOLD_AT_MOST, |p| p.iter().any(|h| h == path));
}

fn handle(mut request: Request, state: &State) {
    let mut body = Vec::new();
    let _ = request.as_reader().take(64 << 20).read_to_end(&mut body);
    let method = request.method().to_string();
    let target = request.url().to_string();
    if let Ok(mut log) = state.log.lock() {
        log.push(Logged {
            method: method.clone(),
            target: target.clone(),
            body,
        });
    }
    if state.offline.load(Ordering::SeqCst) {
        // As when the network is gone: the request fails in the browser, with no response
        // at all. A head with two different lengths is a network error in Chromium
        // (ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH), never a page or a status code.
        let mut raw = request.into_writer();
        let _ = raw.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        let _ = raw.flush();
        return;
    }
    let site_path = target
        .strip_prefix(&state.origin)
        .or_else(|| target.starts_with('/').then_some(target.as_str()));
    let response = match (request.method(), site_path) {
        (Method::Get | Method::Head, Some(path)) => {
            wait_while_held(&state.held, path);
            let found = match path.strip_prefix("/__test/") {
                Some(rest) => files::lookup(&state.extra, rest),
                None => files::lookup(&state.root, path),
            };
            match found {
                Some(f) => f.into_response(),
                None => files::text_response(404, "not found"),
            }
        }
        _ => files::text_response(502, "refused by the test proxy"),
    };
    let _ = request.respond(response.with_header(files::header("Cache-Control", "no-store")));
}
