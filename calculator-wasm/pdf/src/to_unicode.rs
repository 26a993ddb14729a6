//! A font's ToUnicode CMap (ISO 32000 §9.10.3): `bfchar` and `bfrange` entries mapping codes
//! to UTF-16BE text.
//!
//! lopdf parses these too, but only behind its font-encoding API, which also links
//! encoding_rs's full set of legacy tables (its UTF-16 decode goes through the generic
//! decoder) and the glyph-name tables: together about 200 KB gzip in the browser module, for
//! a grammar of four keywords. The stream itself (filters, decryption) still comes from lopdf.

use std::collections::HashMap;

/// Codes (with their byte length) → text.
#[derive(Debug, Default)]
pub struct ToUnicode {
    single: HashMap<(usize, u32), String>,
    /// (byte length, first code, last code, text of the first code, or one text per code).
    ranges: Vec<(usize, u32, u32, Target)>,
}

#[derive(Debug)]
enum Target {
    /// UTF-16 units of the first code; the last unit counts up through the range.
    Start(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(String),
}

fn tokens(text: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'<' => {
                let end = text[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(text.len(), |p| i + p);
                let digits: Vec<u8> = text[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'%' => {
                while i < text.len() && text[i] != b'\n' && text[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < text.len()
                    && !text[i].is_ascii_whitespace()
                    && !matches!(text[i], b'<' | b'[' | b']' | b'%')
                {
                    i += 1;
                }
                out.push(Token::Word(
                    String::from_utf8_lossy(&text[start..i]).into_owned(),
                ));
            }
        }
    }
    out
}

fn code(bytes: &[u8]) -> Option<(usize, u32)> {
    (1..=4).contains(&bytes.len()).then(|| {
        (
            bytes.len(),
            bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)),
        )
    })
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect()
}

fn text(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Largest range expanded or kept (a damaged map must not make us loop for long).
const MAX_RANGE: u32 = 65_536;

impl ToUnicode {
    /// Parse a CMap's text. Unknown or malformed entries are skipped.
    pub fn parse(cmap: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        let t = tokens(cmap);
        let mut i = 0;
        let mut section = "";
        while i < t.len() {
            match &t[i] {
                Token::Word(w) if w == "beginbfchar" || w == "beginbfrange" => {
                    section = if w == "beginbfchar" { "char" } else { "range" };
                    i += 1;
                }
                Token::Word(w) if w == "endbfchar" || w == "endbfrange" => {
                    section = "";
                    i += 1;
                }
                Token::Hex(src) if section == "char" => {
                    if let (Some(k), Some(Token::Hex(dst))) = (code(src), t.get(i + 1)) {
                        map.single.insert(k, text(&utf16(dst)));
                    }
                    i += 2;
                }
                Token::Hex(lo) if section == "range" => {
                    let (Some((len, lo)), Some(Token::Hex(hi))) = (code(lo), t.get(i + 1)) else {
                        i += 1;
                        continue;
                    };
                    let hi = code(hi).map_or(lo, |c| c.1);
                    match t.get(i + 2) {
                        Some(Token::Hex(dst)) => {
                            if hi >= lo && hi - lo < MAX_RANGE {
                                map.ranges.push((len, lo, hi, Target::Start(utf16(dst))));
                            }
                            i += 3;
                        }
                        Some(Token::Open) => {
                            let mut list = Vec::new();
                            let mut k = i + 3;
                            while let Some(Token::Hex(d)) = t.get(k) {
                                list.push(text(&utf16(d)));
                                k += 1;
                            }
                            if hi >= lo && hi - lo < MAX_RANGE {
                                map.ranges.push((len, lo, hi, Target::List(list)));
                            }
                            i = k + 1;
                        }
                        _ => i += 2,
                    }
                }
                _ => i += 1,
            }
        }
        map
    }

    /// The text of one code of `len` bytes.
    pub fn get(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.single.get(&(len, code)) {
            return Some(s.clone());
        }
        let (_, lo, _, target) = self
            .ranges
            .iter()
            .find(|(l, lo, hi, _)| *l == len && (*lo..=*hi).contains(&code))?;
        let offset = code - lo;
        match target {
            Target::Start(units) => {
                let mut units = units.clone();
                let last = units.last_mut()?;
                *last = last.checked_add(u16::try_from(offset).ok()?)?;
                Some(text(&units))
            }
            Target::List(list) => list.get(offset as usize).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <5F204E09> endbfchar
            2 beginbfrange <0020> <0022> <0030>
            <0040> <0041> [<5E74> <6708>] endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let m = ToUnicode::parse(cmap);
        assert_eq!(m.get(0x0003, 2).as_deref(), Some(" "));
        assert_eq!(m.get(0x0010, 2).as_deref(), Some("张三"));
        assert_eq!(m.get(0x0021, 2).as_deref(), Some("1"));
        assert_eq!(m.get(0x0041, 2).as_deref(), Some("月"));
        assert_eq!(m.get(0x0050, 2), None);
        assert_eq!(m.get(0x03, 1), None);
    }

    #[test]
    fn damaged_maps_do_not_panic() {
        for bad in [
            &b"beginbfrange <00> endbfrange"[..],
            b"beginbfchar <0",
            b"<FFFF> <0000> <41>",
            b"beginbfrange <0000> <FFFFFFFF> <41> endbfrange",
        ] {
            let m = ToUnicode::parse(bad);
            let _ = m.get(0, 2);
        }
    }
}
