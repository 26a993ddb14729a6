//! Shared helpers for the integration tests: golden files (snapbox), and the browser-test
//! harness (a static server that is also the browser's logging proxy, chromedriver
//! management, and the request audit).

pub mod browser_driver;
pub mod calc_page;
pub mod golden;
pub mod harness;
pub mod request_audit;
pub mod site_server;

use std::path::Path;

/// Every file below `dir`, relative, with `/` separators, sorted (empty if `dir` is missing).
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}
