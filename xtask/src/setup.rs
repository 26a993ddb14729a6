//! Installing what a fresh machine lacks: rustfmt and clippy, the wasm target, wasm-opt from npm's binaryen (never
//! Debian's: it breaks the module) and terser, Chromium and chromedriver from Debian's packages.

use crate::sh::{cmd, has, root, run};
use anyhow::{bail, Result};

/// Everything: lint tools, wasm toolchain and browser.
pub fn all() -> Result<()> {
    lint_tools()?;
    wasm_target()?;
    npm_tools()?;
    browser()
}

/// rustfmt and clippy, for the gates of `cargo xtask test` (a minimal rustup profile lacks them).
pub fn lint_tools() -> Result<()> {
    let installed = |sub: &str| {
        cmd("cargo", &[sub, "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if installed("fmt") && installed("clippy") {
        return Ok(());
    }
    run(cmd("rustup", &["component", "add", "rustfmt", "clippy"]))
}

/// `rustup target add wasm32-unknown-unknown` (idempotent).
pub fn wasm_target() -> Result<()> {
    let out = cmd("rustup", &["target", "list", "--installed"]).output()?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

/// npm's binaryen (wasm-opt) and terser (minifies the calculator's scripts), pinned by
/// package-lock.json, installed into ./node_modules.
pub fn npm_tools() -> Result<()> {
    let bin = root().join("node_modules/.bin");
    if bin.join("wasm-opt").exists() && bin.join("terser").exists() {
        return Ok(());
    }
    if !has("npm") {
        bail!("npm is needed to install binaryen (wasm-opt) and terser; install Node.js and npm");
    }
    run(cmd("npm", &["ci", "--no-audit", "--no-fund"]))
}

/// Debian's chromium and chromium-driver (same package version, always matched).
pub fn browser() -> Result<()> {
    if has("chromium") && has("chromedriver") {
        return Ok(());
    }
    if !is_root() {
        bail!("chromium and chromedriver are missing; install them: sudo apt-get install -y chromium chromium-driver");
    }
    run(cmd("apt-get", &["update", "-qq"]))?;
    let mut c = cmd(
        "apt-get",
        &[
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
    );
    c.env("DEBIAN_FRONTEND", "noninteractive");
    run(c)
}

fn is_root() -> bool {
    cmd("id", &["-u"])
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}
