//! `cargo xtask read-dump [FILE...]`: print what the statement reader makes of each file,
//! record by record (every fixture statement when no file is named). A tool for working on
//! the reader; what must hold is asserted in `calculator-wasm/core/tests/`.

use crate::sh::{self, root};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// `cargo xtask read-dump`
pub fn run(args: &[String]) -> Result<()> {
    let files: Vec<PathBuf> = if args.is_empty() {
        fixture_statements()?
    } else {
        let here = std::env::current_dir()?;
        args.iter().map(|a| here.join(a)).collect()
    };
    let mut c = sh::cmd(
        "cargo",
        &[
            "run",
            "--quiet",
            "-p",
            "shebao-calc",
            "--example",
            "read_dump",
            "--",
        ],
    );
    c.args(&files);
    sh::run(c)
}

/// Every statement in `tests/fixtures/statements/` and its `invalid/` folder, without the
/// goldens and the scripts that write them.
fn fixture_statements() -> Result<Vec<PathBuf>> {
    let dir = root().join("tests/fixtures/statements");
    let mut files = Vec::new();
    for d in [dir.clone(), dir.join("invalid")] {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            let name = path.to_string_lossy();
            let golden_or_script = [".report.json", ".error.txt", ".md", ".py"]
                .iter()
                .any(|s| name.ends_with(s));
            if path.is_file() && !golden_or_script {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}
