//! Build orchestration: `cargo xtask <command>`. Every multi-step job of the project lives here,
//! so the README's two commands (`cargo xtask serve`, `cargo xtask test`) work on a fresh clone.

mod setup;
mod sh;

use anyhow::{bail, Result};

const HELP: &str = "\
cargo xtask <command>

  serve [ARGS]      build everything (calculator bundle included) and serve the site
  test              install what is missing, then run every test (native, golden, browser, fuzz)
  setup             install the tools the build and tests need (wasm target, chromium, …)
";

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => {
            print!("{HELP}");
            return Ok(());
        }
    };
    match cmd {
        "setup" => setup::all(),
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            let _ = rest;
            bail!("unknown command {other:?}\n\n{HELP}")
        }
    }
}
