//! Debian's chromedriver + Chromium, headless, through the logging proxy.
//!
//! chromedriver runs in its own process group; [`Driver`]'s `Drop` kills the whole group, so a
//! failing or panicking test leaves no Chromium behind.

use fantoccini::{Client, ClientBuilder};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Where Debian puts them.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian puts them.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long WebDriver's commands wait for a page being loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageLoad {
    /// Until its load event (which also waits for scripts the page adds while loading).
    Complete,
    /// Until its HTML is parsed (`DOMContentLoaded`): to act on a page whose scripts are held.
    Parsed,
}

/// A running chromedriver (and the browsers it starts), killed as a group on drop.
pub struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
    sessions: AtomicUsize,
}

impl Driver {
    /// Whether both binaries are installed.
    pub fn available() -> bool {
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()
    }

    /// Start chromedriver on a free port and wait until it listens.
    pub fn start() -> Result<Driver, String> {
        let port = free_port()?;
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER}: {e}"))?;
        let profile =
            std::env::temp_dir().join(format!("shebao-chromium-{}-{port}", std::process::id()));
        let driver = Driver {
            child,
            port,
            profile,
            sessions: AtomicUsize::new(0),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not start listening within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    /// A headless Chromium session whose every request goes through `proxy_port` (loopback
    /// included), with a fresh profile (no service worker or cache from an earlier session)
    /// and Chromium's own background traffic turned down.
    pub async fn session(
        &self,
        proxy_port: Option<u16>,
        width: u32,
        height: u32,
    ) -> Result<Client, String> {
        self.session_loading(proxy_port, width, height, PageLoad::Complete)
            .await
    }

    /// [`Driver::session`], with how long navigation commands wait for a page.
    pub async fn session_loading(
        &self,
        proxy_port: Option<u16>,
        width: u32,
        height: u32,
        load: PageLoad,
    ) -> Result<Client, String> {
        let n = self.sessions.fetch_add(1, Ordering::SeqCst);
        let profile = self.profile.join(n.to_string());
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-default-apps".into(),
            "--disable-extensions".into(),
            "--hide-scrollbars".into(),
            "--force-device-scale-factor=1".into(),
            "--lang=zh-CN".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.display()),
        ];
        if let Some(p) = proxy_port {
            args.push(format!("--proxy-server=http://127.0.0.1:{p}"));
            args.push("--proxy-bypass-list=<-loopback>".into());
        }
        let mut chrome = serde_json::json!({
            "binary": CHROMIUM,
            "args": args,
            "prefs": { "intl.accept_languages": "zh-CN" }
        });
        // Headless Chromium's window is at least 500 px wide: a phone's narrower viewport
        // (390 px) needs the device emulation, which sets the layout width itself.
        if width < 500 {
            chrome["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 }
            });
        }
        let caps = serde_json::json!({
            "browserName": "chrome",
            "pageLoadStrategy": match load {
                PageLoad::Complete => "normal",
                PageLoad::Parsed => "eager",
            },
            "goog:chromeOptions": chrome
        });
        let caps = caps.as_object().cloned().unwrap_or_default();
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .map_err(|e| format!("cannot open a Chromium session: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The negative pid names the process group: chromedriver and every Chromium it started.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// chromedriver's `goog/cdp/execute`: one Chrome DevTools Protocol command in the session's page.
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

/// Run a DevTools command (`Page.getInstallabilityErrors`, …) and return its result.
pub async fn cdp(
    c: &Client,
    command: &str,
    params: serde_json::Value,
) -> Result<serde_json::Value, String> {
    let body = serde_json::json!({ "cmd": command, "params": params }).to_string();
    c.issue_cmd(Cdp { body })
        .await
        .map_err(|e| format!("DevTools {command} failed: {e}"))
}
