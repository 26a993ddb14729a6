//! Sections → postings: for every token, the sections that hold it and where (title,
//! heading or body). Chunks of pages are tokenised and indexed in parallel; the merge walks
//! the chunks in order, so section ids and postings come out sorted and the output is the
//! same on every run.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::extract::Section;
use super::tokens::{each_token, Token};

/// Where a token occurs in a section (the highest place wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    /// In the text.
    Body = 0,
    /// In the section's heading.
    Heading = 1,
    /// In the page title (first section of a page only).
    Title = 2,
}

/// One page to index.
#[derive(Clone, Debug)]
pub struct Doc {
    /// URL path relative to the site root ("cities/yingkou/").
    pub url: String,
    /// Page title.
    pub title: String,
    /// Sections; the first is the top of the page.
    pub sections: Vec<Section>,
}

/// One posting packed in a u32: `section id << 2 | field` (half the memory of a pair on a
/// 10,000-page site).
pub type Posting = u32;

/// The section id of a posting.
pub fn section(p: Posting) -> u32 {
    p >> 2
}

/// The field of a posting.
pub fn field(p: Posting) -> Field {
    match p & 3 {
        2 => Field::Title,
        1 => Field::Heading,
        _ => Field::Body,
    }
}

/// The inverted index: token text → postings, section ids ascending.
#[derive(Debug, Default)]
pub struct Postings {
    /// Tokens with their postings, sorted by token.
    pub tokens: Vec<(String, Vec<Posting>)>,
    /// Number of sections.
    pub sections: u32,
}

/// A token while indexing is a u64 key: a Han bigram is its two code points (21 bits each),
/// a word is its number in a word list with this bit set.
const WORD_KEY: u64 = 1 << 61;

/// ASCII words numbered in the order first seen.
#[derive(Default)]
struct Words {
    numbers: FxHashMap<String, u64>,
    names: Vec<String>,
}

impl Words {
    fn number(&mut self, word: &str) -> u64 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        self.names.push(word.to_string());
        let n = (self.names.len() - 1) as u64;
        self.numbers.insert(word.to_string(), n);
        n
    }
}

/// The postings of consecutive pages; word keys number into `words`.
struct Part {
    words: Words,
    map: FxHashMap<u64, Vec<Posting>>,
}

/// Pages per task: each task's map stays small, and [`IN_FLIGHT`] of them bound the memory
/// of a large site.
const CHUNK: usize = 256;
const IN_FLIGHT: usize = 8;

/// Builds the postings of `docs` (section ids count from 0 in document order). Chunks of
/// pages are indexed in parallel, then merged in page order, so every token's postings
/// come out sorted and the output is the same on every run.
pub fn build(docs: &[Doc]) -> Postings {
    let mut words = Words::default();
    let mut map: FxHashMap<u64, Vec<Posting>> = FxHashMap::default();
    let mut sid = 0u32;
    for group in docs.chunks(CHUNK * IN_FLIGHT) {
        let firsts: Vec<u32> = group
            .chunks(CHUNK)
            .map(|chunk| {
                let first = sid;
                sid += chunk.iter().map(|d| d.sections.len() as u32).sum::<u32>();
                first
            })
            .collect();
        let parts: Vec<Part> = group
            .par_chunks(CHUNK)
            .zip(firsts)
            .map(|(chunk, first)| part(chunk, first))
            .collect();
        for part in parts {
            let global: Vec<u64> = part.words.names.iter().map(|w| words.number(w)).collect();
            for (key, list) in part.map {
                let key = if key & WORD_KEY != 0 {
                    WORD_KEY | global[(key & !WORD_KEY) as usize]
                } else {
                    key
                };
                map.entry(key).or_default().extend(list);
            }
        }
    }
    let mut tokens: Vec<(String, Vec<Posting>)> = map
        .into_iter()
        .map(|(k, v)| {
            let text = if k & WORD_KEY != 0 {
                words.names[(k & !WORD_KEY) as usize].clone()
            } else {
                Token::Bigram(unpack(k >> 21), unpack(k)).text()
            };
            (text, v)
        })
        .collect();
    tokens.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Postings {
        tokens,
        sections: sid,
    }
}

fn unpack(bits: u64) -> char {
    char::from_u32((bits & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}')
}

/// The postings of `docs`, whose first section has id `first`.
fn part(docs: &[Doc], first: u32) -> Part {
    let mut part = Part {
        words: Words::default(),
        map: FxHashMap::default(),
    };
    let mut sid = first;
    for doc in docs {
        for (i, s) in doc.sections.iter().enumerate() {
            let title = (i == 0).then_some(doc.title.as_str());
            let Part { words, map } = &mut part;
            let mut add = |text: &str, field: Field| {
                each_token(text, |t| {
                    let key = match t {
                        Token::Bigram(a, b) => ((a as u64) << 21) | b as u64,
                        Token::Word(w) => WORD_KEY | words.number(w),
                    };
                    let posting = sid << 2 | field as u32;
                    let list = map.entry(key).or_default();
                    // One posting per section: a repeat keeps the highest field (sorting
                    // each section's tokens to drop repeats took longer).
                    match list.last_mut() {
                        Some(last) if *last >> 2 == sid => *last = (*last).max(posting),
                        _ => list.push(posting),
                    }
                });
            };
            if let Some(title) = title {
                add(title, Field::Title);
            }
            add(&s.heading, Field::Heading);
            add(&s.text, Field::Body);
            sid += 1;
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, sections: &[(&str, &str)]) -> Doc {
        Doc {
            url: url.into(),
            title: title.into(),
            sections: sections
                .iter()
                .map(|(h, t)| Section {
                    heading: h.to_string(),
                    text: t.to_string(),
                    ..Section::default()
                })
                .collect(),
        }
    }

    fn postings(p: &Postings, token: &str) -> Vec<(u32, Field)> {
        p.tokens
            .iter()
            .find(|(t, _)| t == token)
            .map_or(Vec::new(), |(_, v)| {
                v.iter().map(|&x| (section(x), field(x))).collect()
            })
    }

    #[test]
    fn records_the_highest_field_per_section_in_order() {
        let docs = [
            doc(
                "a/",
                "缴费指南",
                &[("缴费指南", "拨打12333"), ("补缴", "缴费 12333")],
            ),
            doc("b/", "其他", &[("其他", "补缴手续"), ("缴费", "")]),
        ];
        let p = build(&docs);
        assert_eq!(p.sections, 4);
        assert_eq!(
            postings(&p, "缴费"),
            [(0, Field::Title), (1, Field::Body), (3, Field::Heading)]
        );
        assert_eq!(postings(&p, "12333"), [(0, Field::Body), (1, Field::Body)]);
        assert_eq!(
            postings(&p, "补缴"),
            [(1, Field::Heading), (2, Field::Body)]
        );
        let names: Vec<&str> = p.tokens.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
