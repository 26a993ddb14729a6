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

/// The inverted index: token text → postings `(section id, field)`, section ids ascending.
#[derive(Debug, Default)]
pub struct Postings {
    /// Tokens with their postings, sorted by token.
    pub tokens: Vec<(String, Vec<(u32, Field)>)>,
    /// Number of sections.
    pub sections: u32,
}

/// Key of a token while indexing: Han bigrams are packed, words are interned per page.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Bigram(u64),
    Word(u32),
}

struct PageTokens {
    words: Vec<String>,
    /// Per section: (key, field), unique keys.
    sections: Vec<Vec<(Key, Field)>>,
}

/// Builds the postings of `docs` (section ids count from 0 in document order).
pub fn build(docs: &[Doc]) -> Postings {
    let pages: Vec<PageTokens> = docs.par_iter().map(page_tokens).collect();
    let mut words: FxHashMap<String, u32> = FxHashMap::default();
    let mut word_names: Vec<String> = Vec::new();
    let mut map: FxHashMap<Key, Vec<(u32, Field)>> = FxHashMap::default();
    let mut sid = 0u32;
    for page in pages {
        let global: Vec<u32> = page
            .words
            .into_iter()
            .map(|w| {
                *words.entry(w).or_insert_with_key(|w| {
                    word_names.push(w.clone());
                    (word_names.len() - 1) as u32
                })
            })
            .collect();
        for section in page.sections {
            for (key, field) in section {
                let key = match key {
                    Key::Word(i) => Key::Word(global[i as usize]),
                    k => k,
                };
                map.entry(key).or_default().push((sid, field));
            }
            sid += 1;
        }
    }
    let mut tokens: Vec<(String, Vec<(u32, Field)>)> = map
        .into_iter()
        .map(|(k, v)| {
            let text = match k {
                Key::Bigram(b) => Token::Bigram(unpack(b >> 21), unpack(b)).text(),
                Key::Word(i) => word_names[i as usize].clone(),
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
    let mut words: FxHashMap<String, u32> = FxHashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut sections = Vec::with_capacity(doc.sections.len());
    for (i, s) in doc.sections.iter().enumerate() {
        let mut keys: Vec<(Key, Field)> = Vec::new();
        let mut add = |text: &str, field: Field| {
            each_token(text, |t| {
                let key = match t {
                    Token::Bigram(a, b) => Key::Bigram(((a as u64) << 21) | b as u64),
                    Token::Word(w) => Key::Word(match words.get(w) {
                        Some(&i) => i,
                        None => {
                            names.push(w.to_string());
                            let i = (names.len() - 1) as u32;
                            words.insert(w.to_string(), i);
                            i
                        }
                    }),
                };
                keys.push((key, field));
            });
        };
        if i == 0 {
            add(&doc.title, Field::Title);
        }
        add(&s.heading, Field::Heading);
        add(&s.text, Field::Body);
        // Highest field first for each key, then keep one entry per key.
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        keys.dedup_by_key(|k| k.0);
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

    fn postings<'a>(p: &'a Postings, token: &str) -> &'a [(u32, Field)] {
        p.tokens
            .iter()
            .find(|(t, _)| t == token)
            .map_or(&[], |(_, v)| v.as_slice())
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
