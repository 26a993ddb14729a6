//! `cargo xtask size [--site DIR]`: the compressed weight of what a reader downloads, against
//! the budgets (gzip -9; `cargo xtask test` runs this on the site it builds).
//!
//! - Everything the calculator page needs before a file can be checked (the page with its
//!   inline policy, its stylesheets and scripts, the main wasm module) ≤ 195 KB (190 until
//!   the fixes for statements other systems export, 2026-12-07: see ARCHITECTURE.md).
//! - Each lazily loaded module (a `calc/*.wasm.js` the page does not load up front, with its
//!   glue script `calc/<name>.js`) ≤ 350 KB: found in the built site, so a new module (PDF) is
//!   measured without a change here.
//! - Each city guide page with its stylesheets and scripts ≤ 30 KB.
//!
//! Assets are found by reading the built page's `<script src>` and `<link rel=stylesheet>`.

use crate::sh::root;
use crate::{site, wasm};
use anyhow::{bail, Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const CALC_BUDGET: usize = 195 * 1024;
const LAZY_MODULE_BUDGET: usize = 350 * 1024;
const GUIDE_BUDGET: usize = 30 * 1024;

/// `cargo xtask size`
pub fn run(args: &[String]) -> Result<()> {
    let site_dir = match args {
        [flag, dir] if flag == "--site" => PathBuf::from(dir),
        [] => {
            let bundle = wasm::build()?;
            let dir = root().join("target/size-site");
            site::build(&dir, &bundle, true, &[])?;
            dir
        }
        _ => bail!("usage: cargo xtask size [--site DIR]"),
    };
    check(&site_dir)
}

/// Print the tables for a built site; an error naming every budget exceeded.
pub fn check(site_dir: &Path) -> Result<()> {
    let site_dir = fs::canonicalize(site_dir)
        .with_context(|| format!("no built site at {}", site_dir.display()))?;
    let mut over = Vec::new();
    let mut within = |what: String, total: usize, budget: usize| {
        if total > budget {
            over.push(format!("{what} {} > {}", kb(total), kb(budget)));
        }
    };

    let mut calc = page_assets(&site_dir, "calculator/index.html")?;
    // The page's script loads the engine itself, after the form works (no <script> tag).
    for engine in ["calc/shebao_calc.js", "calc/shebao_calc.wasm.js"] {
        let f = site_dir.join(engine);
        if f.exists() && !calc.iter().any(|a| a.ends_with(engine)) {
            calc.push(fs::canonicalize(f)?);
        }
    }
    let total = print_table(
        "calculator page (before a file can be checked)",
        &site_dir,
        &calc,
    )?;
    within("calculator page".into(), total, CALC_BUDGET);

    for module in lazy_modules(&site_dir, &calc)? {
        let name = module
            .last()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let when = crate::wasm::MODULES
            .iter()
            .find(|m| format!("{}.wasm.js", m.stem) == name)
            .and_then(|m| m.loaded_for)
            .unwrap_or("the files it reads");
        let total = print_table(
            &format!("lazy module {name} (loaded only for {when})"),
            &site_dir,
            &module,
        )?;
        within(format!("lazy module {name}"), total, LAZY_MODULE_BUDGET);
    }

    let mut guides = Vec::new();
    for page in guide_pages(&site_dir)? {
        let assets = page_assets(&site_dir, &page)?;
        let total = assets
            .iter()
            .map(|f| {
                fs::read(f)
                    .map_err(anyhow::Error::from)
                    .and_then(|b| gzip_len(&b))
            })
            .sum::<Result<usize>>()?;
        within(format!("city guide {page}"), total, GUIDE_BUDGET);
        guides.push((total, page, assets));
    }
    guides.sort();
    if let Some((_, page, assets)) = guides.last() {
        print_table(
            &format!("the heaviest of {} city guide pages: {page}", guides.len()),
            &site_dir,
            assets,
        )?;
    }

    over.extend(crate::size_search::report(&site_dir)?);

    if !over.is_empty() {
        bail!("over budget: {}", over.join("; "));
    }
    println!(
        "\nwithin budget (calculator ≤ {}, each lazy module ≤ {}, each city guide ≤ {})",
        kb(CALC_BUDGET),
        kb(LAZY_MODULE_BUDGET),
        kb(GUIDE_BUDGET)
    );
    Ok(())
}

/// Every `calc/*.wasm.js` the calculator page does not load up front, each with its glue
/// script (`calc/<stem>.js`) when there is one; sorted by name.
fn lazy_modules(site: &Path, upfront: &[PathBuf]) -> Result<Vec<Vec<PathBuf>>> {
    let dir = site.join("calc");
    let mut modules = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = fs::canonicalize(entry?.path())?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(stem) = name.as_deref().and_then(|n| n.strip_suffix(".wasm.js")) else {
            continue;
        };
        if upfront.contains(&path) {
            continue;
        }
        let glue = dir.join(format!("{stem}.js"));
        let mut files = Vec::new();
        if glue.exists() {
            files.push(fs::canonicalize(glue)?);
        }
        files.push(path);
        modules.push(files);
    }
    modules.sort();
    Ok(modules)
}

/// Every city guide: `cities/<slug>/index.html`, in name order.
fn guide_pages(site: &Path) -> Result<Vec<String>> {
    let mut pages: Vec<String> = fs::read_dir(site.join("cities"))
        .context("the built site has no cities/ folder")?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").exists())
        .map(|e| format!("cities/{}/index.html", e.file_name().to_string_lossy()))
        .collect();
    pages.sort();
    if pages.is_empty() {
        bail!("no city guide page in {}", site.display());
    }
    Ok(pages)
}

/// The page itself plus every local script and stylesheet it references, in page order.
pub fn page_assets(site: &Path, page: &str) -> Result<Vec<PathBuf>> {
    let path = site.join(page);
    let html = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let dir = path.parent().context("page has no folder")?;
    let mut out = vec![fs::canonicalize(&path)?];
    for url in referenced_assets(&html) {
        let file = if let Some(abs) = url.strip_prefix('/') {
            site.join(abs)
        } else {
            dir.join(&url)
        };
        let file = fs::canonicalize(&file)
            .with_context(|| format!("{page} references {url}, which is not in the site"))?;
        out.push(file);
    }
    Ok(out)
}

/// `src` of `<script>` and `href` of `<link rel="stylesheet">`, local only.
fn referenced_assets(html: &str) -> Vec<String> {
    // What a <noscript> loads is for readers without JavaScript, who never get the engine.
    let mut scripted = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<noscript>") {
        scripted.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</noscript>")
            .map_or("", |end| &rest[start + end..]);
    }
    scripted.push_str(rest);
    let html = scripted.as_str();
    let mut urls = Vec::new();
    for (tag, attr) in [("<script", "src"), ("<link", "href")] {
        for piece in html.split(tag).skip(1) {
            let Some(end) = piece.find('>') else { continue };
            let t = &piece[..end];
            if tag == "<link" && !t.contains("stylesheet") {
                continue;
            }
            if let Some(v) = attribute(t, attr) {
                if !v.contains("://") && !v.starts_with("data:") {
                    urls.push(v.to_string());
                }
            }
        }
    }
    urls
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Print one table; returns the gzip total.
pub fn print_table(title: &str, site: &Path, files: &[PathBuf]) -> Result<usize> {
    println!("\n{title}");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "asset", "raw", "gzip -9", "brotli"
    );
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for f in files {
        let bytes = fs::read(f).with_context(|| format!("reading {}", f.display()))?;
        let (g, b) = (gzip_len(&bytes)?, brotli_len(&bytes)?);
        let name = f.strip_prefix(site).unwrap_or(f).display().to_string();
        println!(
            "{:<44} {:>10} {:>10} {:>10}",
            name,
            kb(bytes.len()),
            kb(g),
            kb(b)
        );
        raw += bytes.len();
        gz += g;
        br += b;
    }
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "total",
        kb(raw),
        kb(gz),
        kb(br)
    );
    Ok(gz)
}

/// gzip -9 size.
pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes)?;
    Ok(e.finish()?.len())
}

/// brotli quality 11 size.
pub fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(bytes)?;
    }
    Ok(out.len())
}

pub fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}
