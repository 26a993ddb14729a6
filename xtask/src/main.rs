//! Build orchestration: `cargo xtask <command>`. Every multi-step job of the project lives here,
//! so the README's two commands (`cargo xtask serve`, `cargo xtask test`) work on a fresh clone.

mod audit;
mod bench_browser;
mod bench_build;
mod build;
mod fuzz;
mod read_dump;
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

  build [--out DIR] [--base-url URL]
                    the deployable site (calculator bundle included, release) into public/
  serve [--port P]  build everything (calculator bundle included) and serve the site
  test              install what is missing, then run every test (native, golden, browser, fuzz)
  setup             install the tools the build and tests need (wasm target, chromium, …)
  wasm [STEM...]    build the browser bundle into target/calc-bundle/ (the calculator's wasm,
                    calc/calculator.js and search/search.js minified; or only
                    the named modules: shebao_calc, shebao_xlsx, shebao_pdf, shebao_calc_json)
  size [--site DIR]  what a reader downloads (calculator, lazy modules, city guides, the search
                    page to its first result) vs. budgets
  audit [--runs N]  Lighthouse mobile scores and page weight of a city guide and the calculator
  bench-build N     time a full build of N generated pages
  bench-browser     time the calculator page on a 60,000-row statement in Chromium
  fuzz [SECONDS]    fuzz the statement reader
  read-dump [FILE...]  print what the reader makes of each file (default: every fixture)
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
        "audit" => audit::run(rest),
        "test" => test::run(rest),
        "build" => build::run(rest),
        "serve" => serve::run(rest),
        "bench-build" => bench_build::run(rest),
        "bench-browser" => bench_browser::run(rest),
        "fuzz" => fuzz::run(rest),
        "read-dump" => read_dump::run(rest),
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            bail!("unknown command {other:?}\n\n{HELP}")
        }
    }
}
