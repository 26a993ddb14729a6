//! The index as files the browser loads with `<script>` (so it works from a folder on disk,
//! offline and under a CSP without `connect-src`): each file calls `shebaoSearch.load(kind,
//! number, data)`. The meta part is JSON inside the search page itself (one round trip
//! fewer before the first result).
//!
//! - meta (in the page): shard count, section count, where each page and fragment starts,
//!   the cities (names, guide URL, section ranges), the Traditional → Simplified pairs and
//!   the synonym groups.
//! - `search/s/N.js`: the postings of the tokens whose hash falls in shard N:
//!   `{"token": [v, …]}` with `v = (section id − previous section id) × 4 + field`.
//! - `search/f/N.js`: consecutive sections `[url#anchor, page title, heading, text]`, for
//!   result titles and snippets; a query loads only the fragments of the results it shows.
//!
//! A query loads one shard per distinct token, then the fragments of its top results.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::postings::{Doc, Postings};
use crate::render::OutFile;

/// Raw bytes of postings a shard should hold: small enough that a query of a few tokens
/// loads a few KB, large enough that a site of 10,000 pages needs at most [`MAX_FILES`].
const SHARD_TARGET: usize = 6 * 1024;
/// Raw bytes of section text a fragment should hold.
const FRAGMENT_TARGET: usize = 6 * 1024;
/// Most shard files and most fragment files (larger sites get larger files).
const MAX_FILES: usize = 1024;
/// A section's text is cut after this many characters (snippets come from the start of
/// long sections then; their tokens are all indexed).
const TEXT_CAP: usize = 3000;

/// A city: the names a query may use, and the prefix of its pages' URLs.
#[derive(Clone, Debug, Serialize)]
pub struct City {
    /// Names ("杭州", "萧山").
    pub names: Vec<String>,
    /// URL path of its guide ("cities/hangzhou/"); its pages are those below it.
    pub url: String,
}

/// FNV-1a over UTF-16 code units, as `search.js` computes it.
pub fn shard_of(token: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for u in token.encode_utf16() {
        h = (h ^ u32::from(u)).wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// How many parts of about `target` bytes `total` bytes make, within 1..=MAX_FILES.
fn parts(total: usize, target: usize) -> usize {
    total.div_ceil(target).clamp(1, MAX_FILES)
}

fn script(kind: &str, n: usize, data: &str) -> Vec<u8> {
    format!("shebaoSearch.load(\"{kind}\",{n},{data});\n").into_bytes()
}

/// Shard files. Returns the files and the shard count.
pub fn shards(postings: &Postings) -> (Vec<OutFile>, u32) {
    let total: usize = postings
        .tokens
        .iter()
        .map(|(t, v)| t.len() + 4 + v.len() * 3)
        .sum();
    let count = parts(total, SHARD_TARGET) as u32;
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); count as usize];
    for (i, (t, _)) in postings.tokens.iter().enumerate() {
        buckets[shard_of(t, count) as usize].push(i);
    }
    let files = buckets
        .par_iter()
        .enumerate()
        .map(|(n, idx)| {
            let mut body = String::from("{");
            for (k, &i) in idx.iter().enumerate() {
                let (token, list) = &postings.tokens[i];
                if k > 0 {
                    body.push(',');
                }
                body.push_str(&serde_json::to_string(token).unwrap_or_default());
                body.push_str(":[");
                // Both parts are packed the same way, so a difference of packed postings
                // is the id difference × 4 plus this posting's field, when the previous
                // field is taken out first.
                let mut prev = 0u32;
                for (j, &p) in list.iter().enumerate() {
                    if j > 0 {
                        body.push(',');
                    }
                    let v = (p & !3) - prev + (p & 3);
                    // Written in place: a String per number was a third of the shards' time.
                    let _ = write!(body, "{v}");
                    prev = p & !3;
                }
                body.push(']');
            }
            body.push('}');
            (format!("search/s/{n}.js"), script("s", n, &body))
        })
        .collect();
    (files, count)
}

/// Fragment files. Returns the files and the first section id of each.
pub fn fragments(docs: &[Doc]) -> (Vec<OutFile>, Vec<u32>) {
    let rows: Vec<[&str; 3]> = docs
        .iter()
        .flat_map(|d| {
            d.sections
                .iter()
                .map(move |s| [d.url.as_str(), s.anchor.as_str(), d.title.as_str()])
        })
        .collect();
    let sections: Vec<(&str, &str)> = docs
        .iter()
        .flat_map(|d| {
            d.sections
                .iter()
                .map(|s| (s.heading.as_str(), capped(&s.text)))
        })
        .collect();
    let total: usize = sections.iter().map(|(h, t)| h.len() + t.len() + 40).sum();
    let target = total.div_ceil(parts(total, FRAGMENT_TARGET)).max(1);
    let mut starts = Vec::new();
    let mut size = target;
    for (i, (h, t)) in sections.iter().enumerate() {
        if size >= target {
            starts.push(i as u32);
            size = 0;
        }
        size += h.len() + t.len() + 40;
    }
    let files = starts
        .par_iter()
        .enumerate()
        .map(|(n, &from)| {
            let to = starts.get(n + 1).map_or(sections.len(), |&s| s as usize);
            let mut body = String::from("[");
            for i in from as usize..to {
                let [url, anchor, title] = rows[i];
                let href = if anchor.is_empty() {
                    url.to_string()
                } else {
                    format!("{url}#{anchor}")
                };
                if i > from as usize {
                    body.push(',');
                }
                let row = (href, title, sections[i].0, sections[i].1);
                body.push_str(&serde_json::to_string(&row).unwrap_or_default());
            }
            body.push(']');
            (format!("search/f/{n}.js"), script("f", n, &body))
        })
        .collect();
    (files, starts)
}

fn capped(text: &str) -> &str {
    // Shorter in bytes is shorter in characters: most sections need no count.
    if text.len() <= TEXT_CAP {
        return text;
    }
    match text.char_indices().nth(TEXT_CAP) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// What the meta file holds.
#[derive(Serialize)]
pub struct Meta<'a> {
    /// Index version (changes when any index file changes); the page appends it to URLs.
    pub v: String,
    /// Number of sections.
    pub sections: u32,
    /// Number of shards.
    pub shards: u32,
    /// First section id of each page, as differences from the previous one.
    pub pages: Vec<u32>,
    /// First section id of each fragment, as differences from the previous one.
    pub frags: Vec<u32>,
    /// Cities with the section ids of their pages (`[from, to)`).
    pub cities: Vec<CityMeta<'a>>,
    /// Traditional → Simplified pairs, two characters each, concatenated.
    pub fold: String,
    /// Groups of interchangeable query words.
    pub synonyms: &'static [&'static [&'static str]],
}

/// A city in the meta file.
#[derive(Serialize)]
pub struct CityMeta<'a> {
    /// Names a query may use.
    pub names: &'a [String],
    /// Guide URL path.
    pub url: &'a str,
    /// Section id ranges `[from, to)` of its pages.
    pub ranges: Vec<[u32; 2]>,
}

/// `[3, 7, 12]` → `[3, 4, 5]` (smaller numbers, smaller file).
pub fn deltas(sorted: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    sorted
        .iter()
        .map(|&x| {
            let d = x - prev;
            prev = x;
            d
        })
        .collect()
}

/// The meta JSON, ready to sit in the page's `<script type="application/json">` (`</` is
/// escaped so no text in it can close the element).
pub fn meta(meta: &Meta<'_>) -> String {
    serde_json::to_string(meta)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

/// Section id ranges of the pages below `url`.
pub fn city_ranges(docs: &[Doc], url: &str) -> Vec<[u32; 2]> {
    let mut ranges: Vec<[u32; 2]> = Vec::new();
    let mut sid = 0u32;
    for d in docs {
        let n = d.sections.len() as u32;
        if n > 0 && d.url.starts_with(url) {
            match ranges.last_mut() {
                Some(last) if last[1] == sid => last[1] = sid + n,
                _ => ranges.push([sid, sid + n]),
            }
        }
        sid += n;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_hash_matches_the_browser() {
        // Values computed with search.js's hash in Chromium (FNV-1a over UTF-16 units).
        assert_eq!(shard_of("", u32::MAX), 0x811c_9dc5);
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
        assert!(shard_of("缴费", 64) < 64);
    }

    #[test]
    fn parts_stay_within_limits() {
        assert_eq!(parts(0, 10), 1);
        assert_eq!(parts(25, 10), 3);
        assert_eq!(parts(1 << 40, 10), MAX_FILES);
    }
}
