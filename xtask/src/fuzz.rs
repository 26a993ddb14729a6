//! `cargo xtask fuzz [SECONDS]`: fuzz the statement reader (`read`) and then the whole
//! pipeline (`check`: read → analyse → summary and page presentation), splitting the time
//! (default 60 s). Installs cargo-fuzz if missing; runs on the stable toolchain without
//! sanitizers (see ../shared/research/toolchain.md, "Fuzzing on the stable toolchain").

use crate::sh;
use anyhow::{bail, Result};

/// Run the fuzz targets for the given number of seconds in all.
pub fn run(args: &[String]) -> Result<()> {
    let seconds: u64 = match args.first() {
        None => 60,
        Some(s) => match s.parse() {
            Ok(n) if n > 0 => n,
            _ => bail!("usage: cargo xtask fuzz [SECONDS] (got {s:?})"),
        },
    };
    if !sh::has("cargo-fuzz") {
        sh::run(sh::cmd("cargo", &["install", "cargo-fuzz"]))?;
    }
    const TARGETS: [&str; 2] = ["read", "check"];
    let limit = format!(
        "-max_total_time={}",
        (seconds / TARGETS.len() as u64).max(1)
    );
    // The fixture statements and fuzz/seeds (small statement PDFs, one RC4-encrypted, one a
    // 权益记录单 form, so mutations reach the PDF parser, the decryption, the positions-to-grid
    // step and the form's rewriting) seed both
    // targets, read only: libFuzzer writes new inputs to the first folder, the ignored
    // fuzz/corpus/TARGET.
    let fixtures = sh::root().join("tests/fixtures/statements");
    let fixtures = fixtures.to_string_lossy();
    let seeds = sh::root().join("fuzz/seeds");
    let seeds = seeds.to_string_lossy();
    for target in TARGETS {
        let corpus = sh::root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        let corpus = corpus.to_string_lossy();
        let mut c = sh::cmd(
            "cargo",
            &[
                "fuzz",
                "run",
                target,
                "--sanitizer",
                "none",
                &corpus,
                &fixtures,
                &seeds,
                "--",
                &limit,
            ],
        );
        // A nested cargo would pass on xtask's own build settings; the fuzz crate builds alone.
        c.env_remove("CARGO_TARGET_DIR");
        sh::run(c)?;
    }
    Ok(())
}
