//! `cargo xtask size [--site DIR]`: the compressed weight of what a reader downloads.
//!
//! Budget 1: everything the calculator page needs before a CSV can be checked (the page, its
//! stylesheets and scripts, the main wasm module) ≤ 150 KB gzip -9. Budget 2: a city guide page
//! with its stylesheets ≤ 30 KB. The XLSX module is listed but loaded only for XLSX files.
//! Assets are found by reading the built page's `<script src>` and `<link rel=stylesheet>`.

use crate::sh::root;
use crate::{site, wasm};
use anyhow::{bail, Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const CALC_BUDGET: usize = 150 * 1024;
const GUIDE_BUDGET: usize = 30 * 1024;

/// `cargo xtask size`
pub fn run(args: &[String]) -> Result<()> {
    let site_dir = match args {
        [flag, dir] if flag == "--site" => PathBuf::from(dir),
        [] => {
            let bundle = wasm::build()?;
            let dir = root().join("target/size-site");
            site::build(&dir, &bundle, true)?;
            dir
        }
        _ => bail!("usage: cargo xtask size [--site DIR]"),
    };
    let mut over = Vec::new();
    let calc = page_assets(&site_dir, "calculator/index.html")?;
    let total = print_table(
        "calculator page (before a CSV can be checked)",
        &site_dir,
        &calc,
    )?;
    if total > CALC_BUDGET {
        over.push(format!(
            "calculator page {} > {}",
            kb(total),
            kb(CALC_BUDGET)
        ));
    }
    let lazy = site_dir.join("calc/shebao_calc_xlsx.wasm.js");
    if lazy.exists() {
        let glue = site_dir.join("calc/shebao_calc_xlsx.js");
        print_table(
            "XLSX support (loaded only when an XLSX file is picked)",
            &site_dir,
            &[glue, lazy],
        )?;
    }
    let guide = guide_page(&site_dir)?;
    let guide_assets = page_assets(&site_dir, &guide)?;
    let total = print_table(
        &format!("city guide page {guide}"),
        &site_dir,
        &guide_assets,
    )?;
    if total > GUIDE_BUDGET {
        over.push(format!("guide page {} > {}", kb(total), kb(GUIDE_BUDGET)));
    }
    over.extend(crate::size_search::report(&site_dir)?);
    if !over.is_empty() {
        bail!("over budget: {}", over.join("; "));
    }
    println!(
        "within budget (calculator ≤ {}, guide page ≤ {})",
        kb(CALC_BUDGET),
        kb(GUIDE_BUDGET)
    );
    Ok(())
}

/// A typical city guide: the first `cities/<slug>/index.html` in name order.
fn guide_page(site: &Path) -> Result<String> {
    let mut slugs: Vec<String> = fs::read_dir(site.join("cities"))
        .context("the built site has no cities/ folder")?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    match slugs.first() {
        Some(s) => Ok(format!("cities/{s}/index.html")),
        None => bail!("no city guide page in {}", site.display()),
    }
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
        let site = fs::canonicalize(site).unwrap_or_else(|_| site.to_path_buf());
        let name = f.strip_prefix(&site).unwrap_or(f).display().to_string();
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
