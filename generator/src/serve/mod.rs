//! `shebao serve`: build once, serve the output on 127.0.0.1, rebuild when content/ or
//! site-templates/ change, and reload open pages. A failed rebuild is printed and serving goes
//! on with the last good site. Live reload exists only here: the HTTP layer injects a small
//! script into HTML responses; the build itself never contains it.

pub mod files;
mod http;
mod watch;

use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::build::{self, BuildError, BuildOptions};
use crate::diag::{format_all, Format};

pub use http::Reload;

/// Serving failed to start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port could not be opened.
    #[error("无法监听 127.0.0.1:{port}：{detail}")]
    Bind {
        /// Port.
        port: u16,
        /// Why.
        detail: String,
    },
    /// The file watcher failed.
    #[error("无法监视文件变化：{0}")]
    Watch(#[from] notify::Error),
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(opts: &BuildOptions, port: u16) -> Result<(), ServeError> {
    rebuild(opts);
    let reload = Arc::new(Reload::default());
    let server = http::start(port, opts.out.clone(), Arc::clone(&reload))?;
    eprintln!("网站已在 http://127.0.0.1:{port}/ 上运行；修改 content/ 或 site-templates/ 会自动重新生成（Ctrl+C 退出）");
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            if watch::triggers_rebuild(&event) {
                let _ = tx.send(());
            }
        }
    })?;
    watcher.watch(&opts.content, RecursiveMode::Recursive)?;
    watcher.watch(&opts.templates, RecursiveMode::Recursive)?;
    while rx.recv().is_ok() {
        // Editors save in bursts (temp file, rename, chmod): wait for quiet, then build once.
        while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
        if rebuild(opts) {
            reload.bump();
        }
    }
    drop(server);
    Ok(())
}

fn rebuild(opts: &BuildOptions) -> bool {
    let started = std::time::Instant::now();
    match build::build(opts) {
        Ok((rendered, _)) => {
            eprint!("{}", format_all(&rendered.warnings, Format::Text));
            eprintln!(
                "已重新生成 {} 个文件（{} ms）",
                rendered.files.len(),
                started.elapsed().as_millis()
            );
            true
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", format_all(&diags, Format::Text));
            eprintln!("生成失败，继续提供上一次的网站");
            false
        }
        Err(e) => {
            eprintln!("生成失败：{e}；继续提供上一次的网站");
            false
        }
    }
}
