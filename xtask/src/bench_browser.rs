//! `cargo xtask bench-browser`: build the calculator bundle and the site, then time the
//! calculator page on a 60,000-row, 25-person statement in headless Chromium (three runs,
//! figures printed; the browser tests only check that such a file is reported).

use crate::sh::{cmd, root, run as run_cmd};
use crate::{setup, site, wasm};
use anyhow::{bail, Result};

/// `cargo xtask bench-browser`
pub fn run(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        bail!("cargo xtask bench-browser takes no arguments (got {a:?})");
    }
    setup::wasm_target()?;
    setup::npm_tools()?;
    setup::browser()?;
    let bundle = wasm::build()?;
    let site_dir = root().join("target/bench-site");
    site::build(&site_dir, &bundle, true, &[])?;
    let mut c = cmd(
        "cargo",
        &["bench", "-p", "shebao-tests", "--bench", "browser_bench"],
    );
    c.env("SHEBAO_SITE_DIR", &site_dir);
    run_cmd(c)
}
