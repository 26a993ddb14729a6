//! A small static file server for the output folder, with the live-reload script and its
//! long-poll endpoint (`/__reload?v=N` answers when the site version passes N).

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::ServeError;

/// The site version, bumped after each successful rebuild.
#[derive(Default)]
pub struct Reload {
    version: Mutex<u64>,
    changed: Condvar,
}

impl Reload {
    /// Marks a new site version and wakes waiting pages.
    pub fn bump(&self) {
        if let Ok(mut v) = self.version.lock() {
            *v += 1;
        }
        self.changed.notify_all();
    }

    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(guard) = self.version.lock() else {
            return seen;
        };
        match self
            .changed
            .wait_timeout_while(guard, timeout, |v| *v <= seen)
        {
            Ok((v, _)) => *v,
            Err(_) => seen,
        }
    }
}

const CLIENT: &str = "(function(){var v=null;function poll(){fetch('/__reload?v='+(v===null?'':v)).then(function(r){return r.text()}).then(function(t){var n=+t;if(v!==null&&n>v){location.reload();return}v=n;poll()}).catch(function(){setTimeout(poll,1000)})}poll()})();\n";
const INJECT: &str = "<script src=\"/__livereload.js\"></script>";

/// Starts serving `root` on 127.0.0.1:`port` (one thread per request).
pub fn start(port: u16, root: PathBuf, reload: Arc<Reload>) -> Result<JoinHandle<()>, ServeError> {
    let server = Server::http(("127.0.0.1", port)).map_err(|e| ServeError::Bind {
        port,
        detail: e.to_string(),
    })?;
    Ok(std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let root = root.clone();
            let reload = Arc::clone(&reload);
            std::thread::spawn(move || respond(request, &root, &reload));
        }
    }))
}

fn respond(request: Request, root: &Path, reload: &Reload) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        "/__livereload.js" => Response::from_data(CLIENT.as_bytes().to_vec())
            .with_header(header("application/javascript")),
        "/__reload" => {
            let now = match query.strip_prefix("v=").and_then(|v| v.parse().ok()) {
                Some(seen) => reload.wait_past(seen, Duration::from_secs(25)),
                None => current(reload),
            };
            Response::from_data(now.to_string().into_bytes()).with_header(header("text/plain"))
        }
        _ => match file_for(root, path) {
            Some((file, bytes)) => {
                let mime = mime(&file);
                let bytes = if mime.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                Response::from_data(bytes).with_header(header(mime))
            }
            None => Response::from_data("404 页面不存在".as_bytes().to_vec())
                .with_status_code(404)
                .with_header(header("text/plain; charset=utf-8")),
        },
    };
    let _ = request.respond(response);
}

fn current(reload: &Reload) -> u64 {
    reload.version.lock().map(|v| *v).unwrap_or(0)
}

fn header(mime: &'static str) -> Header {
    // Both parts are static ASCII, which tiny_http always accepts.
    Header::from_bytes(&b"Content-Type"[..], mime.as_bytes()).expect("static ASCII header")
}

/// Maps a URL path to a file under `root`, refusing anything that leaves it.
fn file_for(root: &Path, url_path: &str) -> Option<(PathBuf, Vec<u8>)> {
    let decoded = percent_decode(url_path)?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file.push("index.html");
    }
    std::fs::read(&file).ok().map(|b| (file, b))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn inject(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{INJECT}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{INJECT}").into_bytes(),
    }
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "application/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_root() {
        let root = Path::new("/nonexistent-root");
        assert!(file_for(root, "/../etc/passwd").is_none());
        assert!(file_for(root, "/%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<body>x</body>".to_vec())).unwrap();
        assert_eq!(out, format!("<body>x{INJECT}</body>"));
    }
}
