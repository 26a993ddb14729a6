//! A small static file server for the output folder, with the live-reload script and its
//! long-poll endpoint (`/__reload?v=N` answers when the site version passes N).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Request, Response};

use super::{files, ServeError};

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
    let server = files::listen(port).map_err(|e| ServeError::Bind {
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
            .with_header(files::header("Content-Type", "text/javascript")),
        "/__reload" => {
            let now = match query.strip_prefix("v=").and_then(|v| v.parse().ok()) {
                Some(seen) => reload.wait_past(seen, Duration::from_secs(25)),
                None => current(reload),
            };
            files::text_response(200, &now.to_string())
        }
        _ => match files::lookup(root, path) {
            Some(mut found) => {
                if found.content_type().starts_with("text/html") {
                    found.bytes = inject(found.bytes);
                }
                found.into_response()
            }
            None => files::text_response(404, "404 页面不存在"),
        },
    };
    let _ = request.respond(response);
}

fn current(reload: &Reload) -> u64 {
    reload.version.lock().map(|v| *v).unwrap_or(0)
}

fn inject(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{INJECT}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{INJECT}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<body>x</body>".to_vec())).unwrap();
        assert_eq!(out, format!("<body>x{INJECT}</body>"));
    }
}
