//! Build orchestration: `cargo xtask <command>`. Every multi-step job of the project lives here,
//! so the README's two commands (`cargo xtask serve`, `cargo xtask test`) work on a fresh clone.

mod bench_build;
mod fuzz;
mod serve;
mod setup;
mod sh;
mod site;
mod size;
mod size_search;
mod test;
mod wasm;

use anyhow::{bail, Result};

const HELP: &str = "\
cargo xtask <command>

  serve [--port P]  build everything (calculator bundle included) and serve the site
  test              install what is missing, then run every test (native, golden, browser, fuzz)
  setup             install the tools the build and tests need (wasm target, chromium, …)
  wasm [STEM...]    build the calculator's wasm bundle into target/calc-bundle/ (or only
                    the named modules: shebao_calc, shebao_calc_xlsx)
  size [--site DIR]  compressed size of the calculator page's assets, a guide page and the
                    search page to its first result (budgets)
  bench-build N     time a full build of N generated pages
  fuzz [SECONDS]    fuzz the statement reader
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
        "wasm" => wasm::run_cmd(rest),
        "size" => size::run(rest),
        "test" => test::run(rest),
        "serve" => serve::run(rest),
        "bench-build" => bench_build::run(rest),
        "fuzz" => fuzz::run(rest),
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            bail!("unknown command {other:?}\n\n{HELP}")
        }
    }
}
