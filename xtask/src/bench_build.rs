//! `cargo xtask bench-build N`: generates N synthetic Chinese pages (~1,500 characters each:
//! headings, an ordered list, a table, internal and external links), times release builds
//! of them (median of 5 each: into a new folder, rebuilt in place with every page changed,
//! rebuilt with nothing changed), and measures the I/O floor in the same run (read each .md
//! and write it as */index.html with 2 threads, no rendering) and the machine load.
//! Prints figures; it is a benchmark, not a test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

const RUNS: usize = 5;

/// Entry point: `rest` is `[N] [--keep]` (default 10000; `--keep` leaves the generated
/// pages and the last output in the temp folder for inspection).
pub fn run(rest: &[String]) -> Result<()> {
    let keep = rest.iter().any(|a| a == "--keep");
    let n: usize = match rest.iter().find(|a| !a.starts_with("--")) {
        Some(s) => s
            .parse()
            .with_context(|| format!("N must be a number, got {s:?}"))?,
        None => 10_000,
    };
    let root = std::env::current_dir()?;
    // A new folder per run: deleting an earlier run's 70,000 files here would slow every
    // file this run makes for the next minute (see the note on fresh folders below).
    let dir = std::env::temp_dir().join(format!("shebao-bench-{n}-{}", std::process::id()));
    let content = dir.join("content");
    let bytes = generate(&content, n)?;
    println!(
        "generated {n} pages, {:.1} MB of Markdown in {}",
        bytes as f64 / 1e6,
        content.display()
    );

    let status = Command::new("cargo")
        .args(["build", "--release", "-q", "-p", "shebao"])
        .status()?;
    if !status.success() {
        bail!("cargo build --release -p shebao failed");
    }
    let bin = root.join("target/release/shebao");
    // The same templates without the search page: the generator then builds no index, which
    // shows what search costs.
    let no_search = dir.join("templates-without-search");
    copy_tree(&root.join("site-templates"), &no_search)?;
    std::fs::remove_file(no_search.join("templates/search.html"))?;
    let build_with = |templates: &Path, out: &Path, base_url: &str| -> Result<(Duration, u64)> {
        let started = Instant::now();
        let output = Command::new(&bin)
            .args(["build", "--base-url", base_url])
            .arg("--content")
            .arg(&content)
            .arg("--templates")
            .arg(templates)
            .arg("--out")
            .arg(out)
            .arg("--calc-bundle")
            .arg(dir.join("no-bundle"))
            .env("SHEBAO_TODAY", "2026-11-25")
            .output()?;
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            bail!("build failed:\n{stderr}");
        }
        Ok((elapsed, peak_from(&stderr)))
    };
    let templates = root.join("site-templates");
    let build = |out: &Path, base_url: &str| build_with(&templates, out, base_url);
    println!("machine load before: {}", load());
    // Each fresh run gets its own folder and nothing is deleted until the end: for 60 s after
    // a large delete, ext4 without a journal skips the freed inodes one by one for every new
    // file (see generator/src/output.rs), which would time the kernel's allocator instead of
    // the build. Deletions by other processes on the same disk still can.
    // The floor is measured between the fresh builds, each run into its own new folder, so
    // both see the same machine: a single floor run moved between 0.3 and 0.8 s on this
    // machine as other work came and went.
    let mut fresh = Vec::new();
    let mut floors = Vec::new();
    let mut without_search = Vec::new();
    let mut peak_kb = 0u64;
    for i in 0..RUNS {
        floors.push(io_floor(&content, &dir.join(format!("floor-{i}")))?);
        let (t, kb) = build(&dir.join(format!("public-{i}")), "https://example.org/")?;
        fresh.push(t);
        peak_kb = peak_kb.max(kb);
        let out = dir.join(format!("without-search-{i}"));
        without_search.push(build_with(&no_search, &out, "https://example.org/")?.0);
    }
    // Rebuilds into the existing folder; the base URL alternates, so every page changes and
    // is rewritten in place.
    let out = dir.join("public-0");
    let mut rewrite = Vec::new();
    for i in 0..RUNS {
        let url = format!("https://example.org/{}/", i % 2);
        rewrite.push(build(&out, &url)?.0);
    }
    // Rebuilds with nothing changed: every file is compared, none written.
    let last = format!("https://example.org/{}/", (RUNS - 1) % 2);
    let mut unchanged = Vec::new();
    for _ in 0..RUNS {
        unchanged.push(build(&out, &last)?.0);
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[RUNS / 2]
    };
    let floor = median(&mut floors);
    let report = |label: &str, times: &mut Vec<Duration>| {
        let m = median(times);
        println!(
            "{label}, median of {RUNS}: {:.3} s ({:.0} pages/s, {:.1}× the floor); runs: {}",
            m.as_secs_f64(),
            n as f64 / m.as_secs_f64(),
            m.as_secs_f64() / floor.as_secs_f64(),
            fmt_runs(times)
        );
    };
    report("full release build into a new folder", &mut fresh);
    report(
        "the same without the search index (no search page)",
        &mut without_search,
    );
    report("full rebuild, every page changed (in place)", &mut rewrite);
    report("rebuild, nothing changed", &mut unchanged);
    println!(
        "peak memory (VmHWM of the build): {:.1} MiB",
        peak_kb as f64 / 1024.0
    );
    println!(
        "I/O floor (read .md, write */index.html into a new folder, 2 threads, no rendering), median of {RUNS}: {:.3} s; runs: {}",
        floor.as_secs_f64(),
        fmt_runs(&floors)
    );
    println!("machine load after: {}", load());
    // The search index of the same build: what a query on a 10,000-page site loads.
    if let Some(over) = crate::size_search::report(&out)? {
        println!("over budget: {over}");
    }
    println!("target: 10,000 pages < 1 s on 2 cores");
    if keep {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        println!(
            "deleted {}: on ext4 without a journal, files made in the next minutes cost more, \
             so wait about 6 minutes before the next run (or use TMPDIR=/dev/shm)",
            dir.display()
        );
    }
    Ok(())
}

/// Copies the files under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The 1-, 5- and 15-minute load averages: other builds on the machine skew the figures.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn fmt_runs(times: &[Duration]) -> String {
    times
        .iter()
        .map(|t| format!("{:.3}", t.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The build prints "峰值内存 N KB" on Linux.
fn peak_from(stderr: &str) -> u64 {
    stderr
        .split("峰值内存 ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn generate(content: &Path, n: usize) -> Result<u64> {
    let posts = content.join("posts");
    std::fs::create_dir_all(&posts)?;
    std::fs::write(
        content.join("_index.md"),
        "+++\ntitle = \"基准测试\"\ndescription = \"合成页面\"\n+++\n",
    )?;
    std::fs::write(
        posts.join("_index.md"),
        "+++\ntitle = \"文章\"\ndescription = \"合成页面列表\"\n+++\n",
    )?;
    let mut total = 0u64;
    for i in 0..n {
        let text = page(i, n);
        total += text.len() as u64;
        std::fs::write(posts.join(format!("page-{i:05}.md")), text)?;
    }
    Ok(total)
}

const PARAGRAPH: &str = "参保人可以通过官方渠道查询社会保险缴费记录，包括养老保险、医疗保险和失业保险。查询前请准备好身份证和本人实名登记的手机号，按照页面提示完成人脸识别。如果发现某个月份没有缴费记录，可以先向单位核实是否已经申报，再联系当地社保经办机构。";

fn page(i: usize, n: usize) -> String {
    let next = (i + 1) % n;
    let mut s = format!(
        "+++\ntitle = \"合成页面 {i}：社保缴费记录查询\"\ndescription = \"第 {i} 个合成页面，用于测量生成速度。\"\nweight = {i}\n+++\n"
    );
    for section in 0..3 {
        s.push_str(&format!(
            "\n## 第{section}节 查询步骤\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n"
        ));
        s.push_str(
            "1. 打开官方应用并登录。\n2. 进入社保查询专区。\n3. 选择缴费明细，核对每个月份。\n\n",
        );
        s.push_str("| 险种 | 个人比例 | 单位比例 |\n|---|---|---|\n| 养老保险 | 8% | 16% |\n| 医疗保险 | 2% | 7.5% |\n\n");
        s.push_str(&format!(
            "下一页见[合成页面 {next}](@/posts/page-{next:05}.md#第{section}节-查询步骤)，官方说明见[国家社保平台](https://si.12333.gov.cn/)。\n"
        ));
    }
    s
}

fn io_floor(content: &Path, out: &Path) -> Result<Duration> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(content.join("posts"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.sort();
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let half = files.len().div_ceil(2);
    std::thread::scope(|scope| -> Result<()> {
        let handles: Vec<_> = files
            .chunks(half.max(1))
            .map(|chunk| {
                scope.spawn(move || -> std::io::Result<()> {
                    for f in chunk {
                        let text = std::fs::read(f)?;
                        let stem = f
                            .file_stem()
                            .map(|s| s.to_string_lossy().to_string())
                            .unwrap_or_default();
                        let dir = out.join("posts").join(stem);
                        std::fs::create_dir_all(&dir)?;
                        std::fs::write(dir.join("index.html"), text)?;
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join()
                .map_err(|_| anyhow::anyhow!("I/O floor thread panicked"))??;
        }
        Ok(())
    })?;
    // Not deleted here: see the note on fresh folders in `run`.
    Ok(started.elapsed())
}
