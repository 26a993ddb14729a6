//! `cargo xtask test`: the project's one test command (CI runs it through `.ci/run`).
//!
//! Installs what is missing, then runs the gates and the tests, all of them even when one
//! fails: `cargo fmt --check`, `cargo clippy --workspace --all-targets -- -D warnings`, every
//! test of the workspace with `SHEBAO_SITE_DIR` pointing at the built site (the browser tests
//! drive Chromium against it; with `CI=true` they fail rather than skip when Chromium is
//! missing), the size budgets on that site (`cargo xtask size`), then a short fuzz run. Ends
//! with `N passed, N failed` and the list of failed gates.

use crate::sh::{cmd, root};
use crate::{setup, site, size, wasm};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// `cargo xtask test`
pub fn run(args: &[String]) -> Result<()> {
    if let Some(a) = args.first() {
        bail!("cargo xtask test takes no arguments (got {a:?})");
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    setup::lint_tools()?;
    setup::wasm_target()?;
    setup::npm_tools()?;
    if let Err(e) = setup::browser() {
        if ci {
            return Err(e.context("CI needs Chromium for the browser tests"));
        }
        eprintln!("warning: {e:#}\nwarning: the browser tests will be skipped");
    }
    let mut failed_gates = Vec::new();
    let mut gate = |name: &str, result: Result<()>| {
        if let Err(e) = result {
            eprintln!("{name}: {e:#}");
            failed_gates.push(name.to_string());
        }
    };
    gate(
        "cargo fmt --check",
        crate::sh::run(cmd("cargo", &["fmt", "--all", "--check"])),
    );
    gate(
        "cargo clippy",
        crate::sh::run(cmd(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )),
    );
    let bundle = wasm::build()?;
    let site_dir = root().join("target/test-site");
    site::build(&site_dir, &bundle, false, &[])?;

    let mut c = cmd("cargo", &["test", "--workspace", "--no-fail-fast"]);
    c.env("SHEBAO_SITE_DIR", &site_dir).stdout(Stdio::piped());
    eprintln!(
        "$ SHEBAO_SITE_DIR={} cargo test --workspace --no-fail-fast",
        site_dir.display()
    );
    let mut child = c.spawn().context("starting cargo test")?;
    let stdout = child.stdout.take().context("cargo test stdout")?;
    let mut tally = Tally::default();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        println!("{line}");
        tally.add(&line);
    }
    let status = child.wait()?;
    gate("size budgets", size::check(&site_dir));
    if root().join("fuzz").exists() {
        gate(
            "fuzz",
            crate::sh::run(cmd("cargo", &["xtask", "fuzz", "30"])),
        );
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if !status.success() || tally.failed > 0 {
        failed_gates.insert(0, "tests".into());
    }
    if !failed_gates.is_empty() {
        bail!("failed: {}", failed_gates.join(", "));
    }
    Ok(())
}

/// Sums libtest's `test result: ok. 5 passed; 0 failed; …` lines.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(what), Some(n)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match what {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn tally_reads_libtest_summaries() {
        let mut t = Tally::default();
        t.add("test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        t.add("test result: FAILED. 2 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out");
        t.add("running 5 tests");
        assert_eq!((t.passed, t.failed), (7, 3));
    }
}
