//! Browser tests: the built site in real headless Chromium (Debian's, through chromedriver).
//!
//! `cargo xtask test` builds the site and sets `SHEBAO_SITE_DIR`. Every request Chromium makes
//! goes through the test server acting as a logging proxy; after the page has loaded (wasm
//! ready, offline cache filled) the page may send nothing. A control page that leaks the file
//! must be caught. Without the site or Chromium the tests are skipped, except under `CI=true`,
//! where that is a failure. Runs as one process (`harness = false`): one chromedriver, a fresh
//! Chromium profile per scenario.

mod browser_scenarios;

use shebao_tests::browser_driver::Driver;
use shebao_tests::harness;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let site = std::env::var_os("SHEBAO_SITE_DIR").map(PathBuf::from);
    let missing = match &site {
        None => Some("SHEBAO_SITE_DIR is not set (run `cargo xtask test`)".to_string()),
        Some(s) if !s.join("calculator/index.html").exists() => {
            Some(format!("{} has no calculator/index.html", s.display()))
        }
        Some(_) if !Driver::available() => Some("chromium or chromedriver is not installed".into()),
        Some(_) => None,
    };
    let (Some(site), None) = (site, &missing) else {
        return harness::cannot_run("browser tests", missing.as_deref().unwrap_or(""));
    };
    let (ctx, rt) = match browser_scenarios::start(site) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let tally = rt.block_on(browser_scenarios::run_all(&ctx));
    drop(ctx); // kills chromedriver and every Chromium it started
    harness::finish(tally)
}
