//! `cargo xtask bench-browser`: the calculator page's speed on a 60,000-row, 25-person
//! statement in headless Chromium, printed as figures (a gauge, not a test: the browser tests
//! only check that such a file is reported). Needs `SHEBAO_SITE_DIR` (xtask builds the site).

// The scenarios file is shared with the browser tests; only the timing runs here.
#[allow(dead_code)]
#[path = "browser_scenarios.rs"]
mod browser_scenarios;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(site) = std::env::var_os("SHEBAO_SITE_DIR").map(PathBuf::from) else {
        eprintln!("SHEBAO_SITE_DIR is not set (run `cargo xtask bench-browser`)");
        return ExitCode::FAILURE;
    };
    // Dropping the context at the end of the closure kills chromedriver and its Chromiums.
    let result = browser_scenarios::start(site)
        .and_then(|(ctx, rt)| rt.block_on(browser_scenarios::bench_large_statement(&ctx)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
