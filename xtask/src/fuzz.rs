//! `cargo xtask fuzz [SECONDS]`: fuzz the statement reader (default 60 s). Installs
//! cargo-fuzz if missing; runs on the stable toolchain without sanitizers
//! (see ../shared/research/toolchain.md, "Fuzzing on the stable toolchain").

use crate::sh;
use anyhow::{bail, Result};

/// Run the `read` fuzz target for the given number of seconds.
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
    let limit = format!("-max_total_time={seconds}");
    // The corpus libFuzzer grows (ignored by git), then the seeds kept in the repository: a
    // CSV and two small statement PDFs (one RC4-encrypted), so that mutations reach the PDF
    // parser, the decryption and the positions-to-grid step, not only the text sniffing.
    let corpus = sh::root().join("fuzz/corpus/read");
    std::fs::create_dir_all(&corpus)?;
    let seeds = sh::root().join("fuzz/seeds");
    let mut c = sh::cmd("cargo", &["fuzz", "run", "read", "--sanitizer", "none"]);
    c.arg(&corpus).arg(&seeds).args(["--", &limit]);
    // A nested cargo would pass on xtask's own build settings; the fuzz crate builds alone.
    c.env_remove("CARGO_TARGET_DIR");
    sh::run(c)
}
