//! Building the whole site (guide pages + calculator bundle) into a folder, through the
//! `shebao` binary: the one path the size report, the tests and serve share.

use crate::sh::{cmd, run};
use anyhow::Result;
use std::path::Path;

/// `shebao build` of `content/` + `site-templates/` into `out`, with the calculator bundle;
/// `extra` arguments pass through (`--base-url …`). `release` picks the cargo profile (build,
/// size: release; tests: the dev build they share).
pub fn build(out: &Path, bundle: &Path, release: bool, extra: &[String]) -> Result<()> {
    let mut args = vec!["run", "-p", "shebao"];
    if release {
        args.push("--release");
    }
    args.extend([
        "--",
        "build",
        "--content",
        "content",
        "--templates",
        "site-templates",
    ]);
    let mut c = cmd("cargo", &args);
    c.arg("--out")
        .arg(out)
        .arg("--calc-bundle")
        .arg(bundle)
        .args(extra);
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    run(c)?;
    Ok(())
}
