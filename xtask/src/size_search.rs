//! The search page's part of `cargo xtask size`: what a reader downloads to see the first
//! result of a query, page included, must stay ≤ 100 KB gzip.
//!
//! A query loads the page (with the index's meta inside), its stylesheets and search.js,
//! one shard per distinct token and the fragments of the (at most 10) results it shows.
//! Which shards and fragments depends on the query, so the table counts a bad case: the
//! [`SHARDS`] largest shards and the 10 largest fragments.

use crate::size::{gzip_len, kb, page_assets, print_table};
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Budget: everything loaded to show the first result.
pub const SEARCH_BUDGET: usize = 100 * 1024;
/// Distinct tokens of a bad-case query: two terms of four bigrams, plus synonym variants.
const SHARDS: usize = 8;
/// Results a query shows.
const FRAGMENTS: usize = 10;

/// Prints the tables; returns a complaint if the bad case is over budget.
pub fn report(site: &Path) -> Result<Option<String>> {
    if !site.join("search/index.html").exists() {
        println!("\nsearch: the site has no search/index.html");
        return Ok(None);
    }
    let mut files = page_assets(site, "search/index.html")?;
    let shards = largest(&site.join("search/s"), SHARDS)?;
    let fragments = largest(&site.join("search/f"), FRAGMENTS)?;
    let (all_shards, all_fragments) = (
        count(&site.join("search/s"))?,
        count(&site.join("search/f"))?,
    );
    files.extend(shards);
    files.extend(fragments);
    let total = print_table(
        &format!(
            "search page to first result (bad case: the {SHARDS} largest of {all_shards} shards, the {FRAGMENTS} largest of {all_fragments} fragments)"
        ),
        site,
        &files,
    )?;
    let whole: usize = [site.join("search/s"), site.join("search/f")]
        .iter()
        .map(|d| total_gz(d))
        .sum::<Result<usize>>()?;
    println!(
        "whole index (what the service worker keeps for offline use): {} gzip",
        kb(whole)
    );
    Ok((total > SEARCH_BUDGET).then(|| {
        format!(
            "search page to first result {} > {}",
            kb(total),
            kb(SEARCH_BUDGET)
        )
    }))
}

fn index_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .collect();
    out.sort();
    Ok(out)
}

fn count(dir: &Path) -> Result<usize> {
    Ok(index_files(dir)?.len())
}

/// The `n` files of `dir` largest after gzip.
fn largest(dir: &Path, n: usize) -> Result<Vec<PathBuf>> {
    let mut sized: Vec<(usize, PathBuf)> = index_files(dir)?
        .into_iter()
        .map(|p| Ok((gzip_len(&fs::read(&p)?)?, p)))
        .collect::<Result<_>>()?;
    sized.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(sized.into_iter().take(n).map(|(_, p)| p).collect())
}

fn total_gz(dir: &Path) -> Result<usize> {
    index_files(dir)?
        .iter()
        .map(|p| gzip_len(&fs::read(p)?))
        .sum()
}
