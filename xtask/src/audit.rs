//! `cargo xtask audit`: Lighthouse (npm) mobile scores for a city guide and a
//! calculator page, with their page weight, printed as a table. A benchmark, not a test:
//! nothing fails on a score. Targets (issue 16): performance ≥ 95, accessibility 100, best
//! practices ≥ 95, SEO ≥ 95; a city page ≤ 30 KB gzip in total.
//!
//! The site is served from a small local server that gzips like a real host does (Lighthouse
//! weighs what travels), and is built with that server as its base URL so that canonical
//! links point at the pages measured.

use crate::sh::{cmd, root};
use crate::{setup, site, wasm};
use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

const PAGES: [(&str, &str); 3] = [
    ("city guide", "cities/yingkou/"),
    ("calculator", "calculator/"),
    ("city calculator", "cities/yingkou/calculator/"),
];
const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "perf"),
    ("accessibility", "a11y"),
    ("best-practices", "best pr."),
    ("seo", "SEO"),
];

/// `cargo xtask audit [--runs N]`: each page N times (default 1; scores are noisy on a shared
/// machine, so the table prints every run with the figures behind the performance score).
pub fn run(args: &[String]) -> Result<()> {
    let runs = match args {
        [] => 1,
        [flag, n] if flag == "--runs" => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .context("--runs takes a number above 0")?,
        _ => bail!("usage: cargo xtask audit [--runs N]"),
    };
    setup::npm_tools()?;
    setup::browser()?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let origin = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    let bundle = wasm::build()?;
    let site_dir = root().join("target/audit-site");
    site::build(
        &site_dir,
        &bundle,
        false,
        &["--base-url".to_string(), origin.clone()],
    )?;
    let served = site_dir.clone();
    std::thread::spawn(move || serve(&listener, &served));

    let out_dir = root().join("target/audit");
    std::fs::create_dir_all(&out_dir)?;
    let mut rows = Vec::new();
    for run in 1..=runs {
        for (label, path) in PAGES {
            let stem = path.trim_end_matches('/').replace('/', "-");
            let report = out_dir.join(if runs == 1 {
                format!("{stem}.json")
            } else {
                format!("{stem}-{run}.json")
            });
            lighthouse(&format!("{origin}{path}"), &report)?;
            let json: Value = serde_json::from_slice(&std::fs::read(&report)?)
                .with_context(|| format!("reading {}", report.display()))?;
            rows.push((label, path, json));
        }
    }
    print_table(&rows);
    let mut noted = Vec::new();
    for (_, path, json) in &rows {
        let robots = &json["audits"]["robots-txt"];
        if robots["score"].as_f64() == Some(0.0) && !noted.contains(path) {
            noted.push(*path);
            // Lighthouse fetches robots.txt from inside the page (Network.loadNetworkResource in
            // the page's frame, which applies the page's CSP), so the calculator's own CSP
            // (connect-src 'none') refuses it; crawlers fetch it directly and are not affected.
            println!(
                "note: {path}: SEO lost robots-txt: {}",
                robots["explanation"].as_str().unwrap_or("?")
            );
        }
    }
    println!("\nfull reports: {}", out_dir.display());
    Ok(())
}

fn lighthouse(url: &str, report: &Path) -> Result<()> {
    let bin = root().join("node_modules/.bin/lighthouse");
    let mut c = cmd(bin.to_str().context("non-UTF-8 path")?, &[url]);
    c.args([
        "--quiet",
        "--output=json",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ])
    .arg(format!("--output-path={}", report.display()))
    .env("CHROME_PATH", "/usr/bin/chromium");
    eprintln!("$ lighthouse {url}");
    let status = c.status().context("starting lighthouse")?;
    if !status.success() {
        bail!("lighthouse {url} failed ({status})");
    }
    Ok(())
}

fn print_table(rows: &[(&str, &str, Value)]) {
    print!("\n{:<16} {:<28}", "page", "path");
    for (_, short) in CATEGORIES {
        print!(" {short:>8}");
    }
    println!(
        " {:>10} {:>8} {:>8} {:>8} {:>6}  long tasks (ms, simulated slow phone)",
        "weight gz", "FCP", "LCP", "TBT", "CLS"
    );
    for (label, path, json) in rows {
        print!("{label:<16} {path:<28}");
        for (id, _) in CATEGORIES {
            match json["categories"][id]["score"].as_f64() {
                Some(s) => print!(" {:>8.0}", s * 100.0),
                None => print!(" {:>8}", "—"),
            }
        }
        let audit = |id: &str| {
            json["audits"][id]["numericValue"]
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        println!(
            " {:>7.1} KB {:>6.0}ms {:>6.0}ms {:>6.0}ms {:>6.3}  {}",
            audit("total-byte-weight") / 1024.0,
            audit("first-contentful-paint"),
            audit("largest-contentful-paint"),
            audit("total-blocking-time"),
            audit("cumulative-layout-shift"),
            long_tasks(json),
        );
    }
}

/// Lighthouse's long tasks as `file duration`, longest first (what TBT is made of).
fn long_tasks(json: &Value) -> String {
    let items = json["audits"]["long-tasks"]["details"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .map(|t| {
            let url = t["url"].as_str().unwrap_or("?");
            let name = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
            format!("{name} {:.0}", t["duration"].as_f64().unwrap_or(0.0))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A static file server for the audit: GET only, gzip when the browser accepts it.
fn serve(listener: &TcpListener, dir: &Path) {
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            let _ = answer(stream, &dir);
        });
    }
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut gzip = false;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        let h = h.to_ascii_lowercase();
        gzip |= h.starts_with("accept-encoding:") && h.contains("gzip");
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = resolve(dir, path);
    let Some((file, body)) = file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) else {
        return stream.write_all(
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
    };
    let kind = mime(&file);
    let (body, encoding) = if gzip && kind != "image/png" {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(&body)?;
        (e.finish()?, "content-encoding: gzip\r\n")
    } else {
        (body, "")
    };
    write!(
        stream,
        "HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\n{encoding}content-length: {}\r\ncache-control: max-age=86400\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn resolve(dir: &Path, path: &str) -> Option<PathBuf> {
    let rel = percent_decode(path.trim_start_matches('/'));
    if rel.split('/').any(|s| s == "..") {
        return None;
    }
    let p = dir.join(&rel);
    let p = if p.is_dir() { p.join("index.html") } else { p };
    p.is_file().then_some(p)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}
