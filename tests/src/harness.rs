//! What every Chromium test binary shares (`harness = false`): start the site server and
//! chromedriver, run named checks with a libtest-style tally, open and always close a session,
//! and skip (or fail under `CI=true`) when something is missing.

use crate::browser_driver::Driver;
use crate::calc_page::PageResult;
use crate::site_server::SiteServer;
use fantoccini::Client;
use std::future::Future;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Whether this is CI (`CI=true` or `CI=1`), where a skipped check is a failure.
pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Report that the checks cannot run: a libtest line, failure under CI, else a skip.
pub fn cannot_run(what: &str, why: &str) -> ExitCode {
    if ci() {
        eprintln!("{what} cannot run in CI: {why}");
        println!("test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out");
        return ExitCode::FAILURE;
    }
    eprintln!("{what} skipped: {why}");
    println!("test result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out");
    ExitCode::SUCCESS
}

/// The site server (serving `site`, and `extra` at `/__test/`), chromedriver and a runtime.
pub fn start(
    site: &Path,
    extra: &Path,
) -> Result<(SiteServer, Driver, tokio::runtime::Runtime), String> {
    let server =
        SiteServer::start(site, extra).map_err(|e| format!("cannot start the test server: {e}"))?;
    let driver = Driver::start()?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio: {e}"))?;
    Ok((server, driver, rt))
}

/// Run one named check and count it. `cargo test --test X -- NAME` runs only the checks whose
/// name contains NAME.
pub async fn run(tally: &mut (usize, usize), name: &str, f: impl Future<Output = PageResult<()>>) {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    let start = Instant::now();
    match f.await {
        Ok(()) => {
            println!(
                "test {name} ... ok ({:.1} s)",
                start.elapsed().as_secs_f64()
            );
            tally.0 += 1;
        }
        Err(e) => {
            println!("test {name} ... FAILED\n    {}", e.replace('\n', "\n    "));
            tally.1 += 1;
        }
    }
}

/// Print libtest's summary line for `tally` and turn it into the exit code.
pub fn finish(tally: (usize, usize)) -> ExitCode {
    let verdict = if tally.1 == 0 { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {} passed; {} failed; 0 ignored; 0 measured; 0 filtered out",
        tally.0, tally.1
    );
    if tally.1 == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Open a Chromium session through the server's proxy, run `body`, always close the session.
pub async fn with_session<F, Fut>(
    driver: &Driver,
    server: &SiteServer,
    (width, height): (u32, u32),
    body: F,
) -> PageResult<()>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = PageResult<Client>>,
{
    let c = driver.session(Some(server.port), width, height).await?;
    let keep = c.clone();
    let result = body(c).await;
    let _ = keep.close().await;
    result.map(|_| ())
}
