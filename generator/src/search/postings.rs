//! Sections → postings: for every token, the sections that hold it and where (title,
//! heading or body). Tokenising runs in parallel, one page per task; the merge walks the
//! pages in order, so section ids and postings come out sorted and the output is the
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

/// A token while indexing, packed in a u64 with its field in the low 2 bits: a Han bigram
/// is its two code points (21 bits each), a word is its number in the page's word list
/// with the top bit set.
type Entry = u64;
const WORD: u64 = 1 << 63;

struct PageTokens {
    words: Vec<String>,
    /// Per section: entries, one per token (the highest field).
    sections: Vec<Vec<Entry>>,
}

/// Pages tokenised at once: bounds the memory of a large site.
const CHUNK: usize = 256;

/// Builds the postings of `docs` (section ids count from 0 in document order).
pub fn build(docs: &[Doc]) -> Postings {
    let mut words: FxHashMap<String, u64> = FxHashMap::default();
    let mut word_names: Vec<String> = Vec::new();
    let mut map: FxHashMap<u64, Vec<Posting>> = FxHashMap::default();
    let mut sid = 0u32;
    for chunk in docs.chunks(CHUNK) {
        let pages: Vec<PageTokens> = chunk.par_iter().map(page_tokens).collect();
        for page in pages {
            let global: Vec<u64> = page
                .words
                .into_iter()
                .map(|w| {
                    *words.entry(w).or_insert_with_key(|w| {
                        word_names.push(w.clone());
                        (word_names.len() - 1) as u64
                    })
                })
                .collect();
            for section in page.sections {
                for entry in section {
                    let mut key = entry >> 2;
                    if entry & WORD != 0 {
                        key = (WORD >> 2) | global[(key & !(WORD >> 2)) as usize];
                    }
                    map.entry(key)
                        .or_default()
                        .push(sid << 2 | (entry & 3) as u32);
                }
                sid += 1;
            }
        }
    }
    let mut tokens: Vec<(String, Vec<Posting>)> = map
        .into_iter()
        .map(|(k, v)| {
            let text = if k & (WORD >> 2) != 0 {
                word_names[(k & !(WORD >> 2)) as usize].clone()
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

fn page_tokens(doc: &Doc) -> PageTokens {
    let mut words: FxHashMap<String, u64> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut sections = Vec::with_capacity(doc.sections.len());
    for (i, s) in doc.sections.iter().enumerate() {
        let mut keys: Vec<Entry> = Vec::with_capacity(s.text.len() / 3 + 16);
        let mut add = |text: &str, field: Field| {
            each_token(text, |t| {
                let key = match t {
                    Token::Bigram(a, b) => ((a as u64) << 21) | b as u64,
                    Token::Word(w) => {
                        let n = match words.get(w) {
                            Some(&n) => n,
                            None => {
                                names.push(w.to_string());
                                let n = (names.len() - 1) as u64;
                                words.insert(w.to_string(), n);
                                n
                            }
                        };
                        (WORD >> 2) | n
                    }
                };
                keys.push(key << 2 | field as u64);
            });
        };
        if i == 0 {
            add(&doc.title, Field::Title);
        }
        add(&s.heading, Field::Heading);
        add(&s.text, Field::Body);
        // Descending: for each key its highest field comes first and is the one kept.
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.dedup_by_key(|k| *k >> 2);
        sections.push(keys);
    }
    PageTokens {
        words: names,
        sections,
    }
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
