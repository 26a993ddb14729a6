//! `cargo xtask build [--out DIR] [ARGS]`: the site as it is deployed. Builds the calculator
//! bundle (wasm, release), then `shebao build` (release) with it into `public/` (or DIR);
//! other arguments pass through to `shebao build` (`--base-url https://example.org/`).

use crate::sh::root;
use crate::{site, wasm};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// `cargo xtask build`
pub fn run(args: &[String]) -> Result<()> {
    let mut out = root().join("public");
    let mut extra = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--out" => match rest.next() {
                Some(dir) => out = std::env::current_dir()?.join(dir),
                None => bail!("--out needs a folder"),
            },
            "--calc-bundle" => bail!("cargo xtask build always builds and uses its own bundle"),
            _ => extra.push(arg.clone()),
        }
    }
    let bundle = wasm::build()?;
    site::build(&out, &bundle, true, &extra)?;
    eprintln!("the site is in {}: deploy that folder", display(&out));
    Ok(())
}

fn display(path: &std::path::Path) -> String {
    path.strip_prefix(root())
        .map(PathBuf::from)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
