//! Static files over HTTP: the one listening socket, URL-to-file lookup and content-type
//! table, shared by `shebao serve` and the browser tests' server
//! (`tests/src/site_server.rs`), both on tiny_http. URLs are decoded with percent-encoding,
//! types come from mime_guess.

use std::io::Cursor;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};

use socket2::{Domain, Protocol, Socket, Type};
use tiny_http::{Header, Response, Server};

/// A tiny_http server on 127.0.0.1:`port` (0: any free port) whose connections send every
/// write at once (`TCP_NODELAY`, inherited from the listening socket). tiny_http writes a
/// response's head and body separately; with Nagle's algorithm the body of every response
/// after the first on a kept-alive connection waited for the browser's delayed ACK, 40 ms
/// per file.
pub fn listen(port: u16) -> std::io::Result<Server> {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&SocketAddr::from((Ipv4Addr::LOCALHOST, port)).into())?;
    socket.listen(128)?;
    let listener: std::net::TcpListener = socket.into();
    Server::from_listener(listener, None).map_err(std::io::Error::other)
}

/// A file found for a URL path.
pub struct Found {
    /// The file on disk.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Found {
    /// The `Content-Type` of the file (text types in UTF-8, as the site is written).
    pub fn content_type(&self) -> String {
        content_type(&self.path)
    }

    /// A 200 response with the file and its content type.
    pub fn into_response(self) -> Response<Cursor<Vec<u8>>> {
        let ctype = self.content_type();
        Response::from_data(self.bytes).with_header(header("Content-Type", &ctype))
    }
}

/// The file under `root` for a URL path (`/a/b/?q#f`): query and fragment dropped,
/// percent-decoded, a folder means its `index.html`. `None` for a missing file or a path that
/// would leave `root` (`..`, also when written `%2e%2e`).
pub fn lookup(root: &Path, url_path: &str) -> Option<Found> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file.push("index.html");
    }
    let bytes = std::fs::read(&file).ok()?;
    Some(Found { path: file, bytes })
}

/// `Content-Type` for a file name, from mime_guess; text types get `charset=utf-8`.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// A plain-text response with a status code.
pub fn text_response(status: u16, text: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(text.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// A response header. Every name and value given here is ASCII (ours, or a MIME type from
/// mime_guess), which tiny_http always accepts.
pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(lookup(root, "/Cargo.toml").is_some());
        assert!(lookup(root, "/../Cargo.toml").is_none());
        assert!(lookup(root, "/%2e%2e/Cargo.toml").is_none());
        assert!(lookup(root, "/src/../Cargo.toml").is_none());
    }

    #[test]
    fn decodes_urls_and_finds_index_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = lookup(root, "/%43argo.toml?x=1#top").expect("decoded");
        assert!(found.path.ends_with("Cargo.toml"));
        assert!(lookup(root, "/no-such-file").is_none());
    }

    #[test]
    fn content_types_of_the_sites_files() {
        let t = |name: &str| content_type(Path::new(name));
        assert_eq!(t("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(t("calc/x.js"), "text/javascript; charset=utf-8");
        assert_eq!(t("site.css"), "text/css; charset=utf-8");
        assert_eq!(t("data/policy.json"), "application/json; charset=utf-8");
        assert_eq!(t("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(t("m.wasm"), "application/wasm");
        assert_eq!(t("icon.svg"), "image/svg+xml");
        assert_eq!(t("_headers"), "application/octet-stream");
    }
}
