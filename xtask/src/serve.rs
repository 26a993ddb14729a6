//! `cargo xtask serve [--port P] [ARGS]`: build the calculator bundle, then `shebao serve`
//! (release build) with it; extra arguments pass through to `shebao serve`.

use crate::sh::{cmd, run as run_cmd};
use crate::wasm;
use anyhow::Result;

/// `cargo xtask serve`
pub fn run(args: &[String]) -> Result<()> {
    let bundle = wasm::build()?;
    let mut c = cmd(
        "cargo",
        &["run", "-p", "shebao", "--release", "--", "serve"],
    );
    c.arg("--calc-bundle").arg(&bundle).args(args);
    run_cmd(c)
}
