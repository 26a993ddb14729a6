//! Installing what a fresh machine lacks: rustfmt and clippy, the wasm target, wasm-opt from
//! npm's binaryen (never Debian's: it breaks the module) and terser, the readers' checkers from
//! npm (vnu-jar, axe-core, lighthouse), Chromium, chromedriver, a JRE (for vnu) and a CJK font
//! from Debian's packages.

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

/// npm's binaryen (wasm-opt), terser (minifies the calculator's scripts), vnu-jar, axe-core
/// and lighthouse, pinned by package-lock.json, installed into ./node_modules. Install scripts
/// stay off: vnu-jar's would download a Java runtime, and Debian's JRE serves instead.
pub fn npm_tools() -> Result<()> {
    let nm = root().join("node_modules");
    let needed = [
        ".bin/wasm-opt",
        ".bin/terser",
        ".bin/lighthouse",
        "vnu-jar/build/dist/vnu.jar",
        "axe-core/axe.min.js",
    ];
    if needed.iter().all(|p| nm.join(p).exists()) {
        return Ok(());
    }
    if !has("npm") {
        bail!("npm is needed to install binaryen (wasm-opt) and terser; install Node.js and npm");
    }
    run(cmd(
        "npm",
        &["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
    ))
}

/// Debian's chromium and chromium-driver (same package version, always matched), a JRE for
/// the HTML checker and a CJK font, so that pages are measured with real Chinese glyphs.
pub fn browser() -> Result<()> {
    let font = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists();
    if has("chromium") && has("chromedriver") && has("java") && font {
        return Ok(());
    }
    if !is_root() {
        bail!("chromium, chromedriver, a JRE or the CJK font is missing; install them: sudo apt-get install -y chromium chromium-driver default-jre-headless fonts-wqy-microhei");
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
            "default-jre-headless",
            "fonts-wqy-microhei",
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
