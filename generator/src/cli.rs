//! Command-line arguments (clap derive) and the dispatch to library calls. anyhow is used
//! only here and in main.rs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use shebao::build::{self, BuildError, BuildOptions};
use shebao::date::Date;
use shebao::diag::{self, Diagnostic, Format};

/// 社保查询指南: site generator and statement checker.
#[derive(Debug, Parser)]
#[command(name = "shebao", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the static site.
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1 and rebuild on change (with live reload).
    Serve {
        #[command(flatten)]
        build: BuildArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Check a social-insurance statement file offline (CSV, XLSX, pasted PDF text, …).
    Statement {
        /// The statement file.
        file: PathBuf,
        /// City slug (yingkou, hengyang, hangzhou) for the base limits and rates.
        #[arg(long)]
        city: Option<String>,
        /// Print the JSON report instead of the Chinese summary.
        #[arg(long)]
        json: bool,
        /// Birth month (YYYY-MM), for the retirement estimate.
        #[arg(long)]
        birth: Option<String>,
        /// Retirement track: men, women-50 or women-55.
        #[arg(long)]
        track: Option<String>,
        /// Content folder (policy data under content/policy/; the built-in copy when it is missing).
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Check every content file and report all problems as path:line:column: message.
    Check {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Github,
}

#[derive(Debug, Clone, clap::Args)]
struct BuildArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Site templates folder (templates/, css/, static/).
    #[arg(long, default_value = "site-templates")]
    templates: PathBuf,
    /// Output folder (replaced on each build).
    #[arg(long, default_value = "public")]
    out: PathBuf,
    /// Absolute base URL for canonical links, sitemap and feed.
    #[arg(long, default_value = "http://127.0.0.1:1111/")]
    base_url: String,
    /// Include draft pages.
    #[arg(long)]
    drafts: bool,
    /// Browser bundle folder (the calculator's wasm and minified scripts, laid out as in the
    /// site: calc/…, search/search.js), copied over the templates' static files (default:
    /// target/calc-bundle when it exists).
    #[arg(long)]
    calc_bundle: Option<PathBuf>,
}

/// Printed when a build has no calculator bundle: its calculator pages cannot check anything.
const NO_BUNDLE_WARNING: &str = "\
警告：没有计算器程序（target/calc-bundle 不存在，也没有给出 --calc-bundle）。
警告：生成的计算器页面无法核对任何文件，这样的网站不能部署。
警告：部署请用 `cargo xtask build`（它先构建计算器程序再生成网站）；本地预览用 `cargo xtask serve`。";

impl BuildArgs {
    fn options(&self) -> Result<BuildOptions> {
        let default_bundle = PathBuf::from("target/calc-bundle");
        let calc_bundle = self
            .calc_bundle
            .clone()
            .or_else(|| default_bundle.is_dir().then_some(default_bundle));
        if calc_bundle.is_none() {
            eprintln!("{NO_BUNDLE_WARNING}");
        }
        // A bundle from before the site layout had the calculator's files at its top.
        if let Some(b) = calc_bundle.as_ref().filter(|b| b.is_dir()) {
            if !b.join("calc").is_dir() {
                anyhow::bail!(
                    "计算器程序目录 {} 是旧的格式（没有 calc/ 子目录），请运行 `cargo xtask wasm` 重新构建",
                    b.display()
                );
            }
        }
        Ok(BuildOptions {
            content: self.content.clone(),
            templates: self.templates.clone(),
            out: self.out.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            calc_bundle,
            today: today()?,
        })
    }
}

/// Runs the command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build_once(&args.options()?),
        Command::Serve { build, port } => {
            shebao::serve::serve(&build.options()?, port).context("serve 失败")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { content, format } => check(&content, format),
        Command::Statement {
            file,
            city,
            json,
            birth,
            track,
            content,
        } => shebao::statement::run(shebao::statement::StatementArgs {
            file,
            city,
            json,
            birth,
            track,
            content,
        }),
    }
}

fn build_once(opts: &BuildOptions) -> Result<ExitCode> {
    let started = Instant::now();
    match build::build(opts) {
        Ok((rendered, bytes)) => {
            eprint!("{}", diag::format_all(&rendered.warnings, Format::Text));
            eprintln!(
                "已生成 {} 个内容页、{} 个文件（{:.1} MB）到 {}，用时 {} ms{}",
                rendered.pages,
                rendered.files.len(),
                bytes as f64 / 1e6,
                opts.out.display(),
                started.elapsed().as_millis(),
                peak_memory().map_or(String::new(), |kb| format!("，峰值内存 {kb} KB"))
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", diag::format_all(&diags, Format::Text));
            eprintln!("{}", BuildError::Content(diags));
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

fn check(content: &std::path::Path, format: FormatArg) -> Result<ExitCode> {
    let input = build::read_input(content)?;
    let diags: Vec<Diagnostic> = shebao::check::check(&input, today()?);
    let format = match format {
        FormatArg::Text => Format::Text,
        FormatArg::Github => Format::Github,
    };
    print!("{}", diag::format_all(&diags, format));
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    eprintln!(
        "检查了 {} 个页面、{} 个政策文件：{errors} 个错误，{warnings} 个警告",
        input.pages.len(),
        input.policy.len()
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Peak resident memory of this process (Linux `VmHWM`), in KB.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Today's date: `SHEBAO_TODAY` (YYYY-MM-DD, for tests and reproducible CI) or the clock.
fn today() -> Result<Date> {
    if let Ok(s) = std::env::var("SHEBAO_TODAY") {
        return Date::parse(&s)
            .with_context(|| format!("SHEBAO_TODAY={s:?} 不是有效日期（YYYY-MM-DD）"));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("系统时钟早于 1970 年")?
        .as_secs();
    Date::from_unix_days(i64::try_from(secs / 86_400).context("系统时钟超出范围")?)
        .context("系统时钟超出范围")
}
