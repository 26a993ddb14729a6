//! The site's search index, built from the rendered pages in the same build: what a reader
//! can find is what the pages show (FAQ answers, channel cards, policy tables).
//!
//! rendered HTML → [`extract`] (sections under headings) → [`postings`] (tokens from
//! [`tokens`]: Han bigrams and ASCII words) → [`format`] (meta, shards, fragments as
//! scripts, plus [`fold`]'s Traditional → Simplified pairs). The browser side is
//! `site-templates/static/search/search.js`; the page is `search.html`.

pub mod extract;
pub mod fold;
pub mod format;
pub mod postings;
pub mod synonyms;
pub mod tokens;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;
use serde::Serialize;

pub use format::City;
use format::{CityMeta, Meta};
pub use postings::Doc;

use crate::render::OutFile;

/// The index files and what the search page lists without JavaScript.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// `search/s/*.js`, `search/f/*.js`.
    pub files: Vec<OutFile>,
    /// The meta JSON for the search page (escaped for a `<script type="application/json">`).
    pub meta: String,
    /// Every indexed page with its level-2 headings, in URL order.
    pub pages: Vec<ListedPage>,
    /// Changes whenever an index file changes; the page appends it to the URLs it loads.
    pub version: String,
}

/// A page in the search page's list.
#[derive(Clone, Debug, Serialize)]
pub struct ListedPage {
    /// URL path from the site root.
    pub url: String,
    /// Page title.
    pub title: String,
    /// Level-2 headings: (anchor, text).
    pub headings: Vec<(String, String)>,
}

/// A rendered page to index.
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// URL path from the site root.
    pub url: String,
    /// The rendered HTML (UTF-8).
    pub html: &'a [u8],
    /// Index only the title and the text before the first heading (a tool page: its
    /// buttons and labels would otherwise outrank the guides that explain the same words).
    pub top_only: bool,
}

/// Indexes `pages` (in URL order).
pub fn build(pages: &[Page<'_>], cities: &[City]) -> SearchIndex {
    // OpenCC's table is computed once per process; overlap it with reading the pages.
    let (docs, _) = rayon::join(|| read_docs(pages), fold::all_pairs);
    let (postings, (mut fragment_files, starts)) =
        rayon::join(|| postings::build(&docs), || format::fragments(&docs));
    let (mut files, shards) = format::shards(&postings);
    files.append(&mut fragment_files);
    let used: HashSet<char> = postings
        .tokens
        .iter()
        .flat_map(|(t, _)| t.chars())
        .filter(|&c| tokens::is_han(c))
        .collect();
    let fold: String = fold::pairs_for(&used)
        .into_iter()
        .flat_map(|(t, s)| [t, s])
        .collect();
    let version = version(&files);
    let meta = Meta {
        v: version.clone(),
        sections: postings.sections,
        shards,
        pages: format::deltas(&page_starts(&docs)),
        frags: format::deltas(&starts),
        cities: cities
            .iter()
            .map(|c| CityMeta {
                names: &c.names,
                url: &c.url,
                ranges: format::city_ranges(&docs, &c.url),
            })
            .collect(),
        fold,
        synonyms: synonyms::GROUPS,
    };
    let meta = format::meta(&meta);
    let listed = docs
        .into_iter()
        .map(|d| ListedPage {
            headings: d
                .sections
                .into_iter()
                .filter(|s| s.level == 2 && !s.anchor.is_empty())
                .map(|s| (s.anchor, s.heading))
                .collect(),
            url: d.url,
            title: d.title,
        })
        .collect();
    SearchIndex {
        files,
        meta,
        pages: listed,
        version,
    }
}

/// Each page's sections (pages without any are left out).
fn read_docs(pages: &[Page<'_>]) -> Vec<Doc> {
    pages
        .par_iter()
        .map(|page| {
            let mut sections = extract::sections(page.html);
            if page.top_only {
                sections.truncate(1);
            }
            let url = page.url.clone();
            let title = sections
                .first()
                .filter(|s| s.level == 1)
                .map(|s| s.heading.clone())
                .unwrap_or_default();
            Doc {
                url,
                title,
                sections,
            }
        })
        .filter(|d| !d.sections.is_empty())
        .collect()
}

/// The first section id of each page.
fn page_starts(docs: &[Doc]) -> Vec<u32> {
    let mut sid = 0u32;
    docs.iter()
        .map(|d| {
            let start = sid;
            sid += d.sections.len() as u32;
            start
        })
        .collect()
}

/// A short hash of every index file: the page appends it to the URLs it loads, so a
/// browser never mixes files of two builds. Deterministic (no random seed).
fn version(files: &[OutFile]) -> String {
    // FxHasher: std's SipHash over every index file cost 15 ms of a 10,000-page build.
    let parts: Vec<u64> = files
        .par_iter()
        .map(|(p, b)| {
            let mut h = FxHasher::default();
            (p, b).hash(&mut h);
            h.finish()
        })
        .collect();
    let mut h = FxHasher::default();
    parts.hash(&mut h);
    format!("{:x}", h.finish() & 0xFFFF_FFFF)
}
