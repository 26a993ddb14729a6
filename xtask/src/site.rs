//! Building the whole site (guide pages + calculator bundle) into a folder, through the
//! `shebao` binary: the one path the size report, the tests and serve share.

use crate::sh::{cmd, run};
use anyhow::Result;
use std::path::Path;

/// `shebao build` of `content/` + `site-templates/` into `out`, with the calculator bundle.
/// `release` picks the cargo profile (serve and size: release; tests: the dev build they share).
pub fn build(out: &Path, bundle: &Path, release: bool) -> Result<()> {
    build_for(out, bundle, release, None)
}

/// [`build`] with the site's public address (`--base-url`), e.g. the local server an audit
/// loads it from, so that canonical links point at the pages being measured.
pub fn build_for(out: &Path, bundle: &Path, release: bool, base_url: Option<&str>) -> Result<()> {
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
    c.arg("--out").arg(out).arg("--calc-bundle").arg(bundle);
    if let Some(b) = base_url {
        c.arg("--base-url").arg(b);
    }
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    run(c)?;
    Ok(())
}
