//! What a font's codes mean: their text and how far each one advances.
//!
//! Text comes from the font's ToUnicode map when it has one ([`ToUnicode`]); else from a
//! predefined CJK CMap, which Java iText/JasperReports output relies on (STSong-Light, not
//! embedded, no ToUnicode): `UniGB-UCS2-H` and `UniGB-UTF16-H` codes are UTF-16 code units,
//! `GBK-EUC-H` and `GBpc-EUC-H` codes are GBK bytes (decoded by the caller's GBK decoder:
//! encoding_rs natively, the browser's `TextDecoder` in wasm). Simple fonts without ToUnicode
//! are read as Latin-1 (WinAnsi agrees on digits, letters and punctuation, which is all a
//! statement writes in such fonts).

use crate::to_unicode::ToUnicode;
use lopdf::{Dictionary, Document, Object};

/// Largest ToUnicode stream read (decompressed).
const MAX_CMAP: usize = 4 * 1024 * 1024;

/// Decodes GBK bytes (`None` when they are not GBK).
pub type Gbk<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// How a shown string splits into codes.
#[derive(Clone, Copy, PartialEq)]
enum Codes {
    /// Simple fonts: one byte per code.
    One,
    /// CID fonts with a two-byte CMap (Identity-H, UniGB-UCS2-H).
    Two,
    /// UniGB-UTF16-H: two bytes, four for a surrogate pair.
    Utf16,
    /// GBK-EUC-H / GBpc-EUC-H: one byte below 0x81, else two.
    Gbk,
}

/// Where a code's text comes from.
enum Text {
    /// The font's ToUnicode map.
    Map(ToUnicode),
    /// A simple font without ToUnicode: bytes as Latin-1.
    Latin1,
    /// Predefined CMap whose codes are UTF-16 code units.
    Utf16,
    /// Predefined CMap whose codes are GBK bytes.
    Gbk,
    /// Nothing says what the glyphs are (Identity-H without ToUnicode).
    Unknown,
}

/// Advance widths.
enum Widths {
    /// Simple fonts: `/Widths` from `/FirstChar`, else `/MissingWidth`.
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    /// CID fonts: `/W` ranges by CID, else `/DW`. With a predefined CMap the CID of a code is
    /// not known without Adobe's tables: only ASCII codes are mapped ([`Cids`]), everything
    /// else takes `/DW` (full width for CJK).
    Cid {
        ranges: Vec<(u32, u32, f64)>,
        default: f64,
        cids: Cids,
    },
}

/// How a CID font's codes become CIDs, for their widths.
#[derive(Clone, Copy)]
enum Cids {
    /// Identity-H: the code is the CID.
    Identity,
    /// UniGB-UCS2-H, UniGB-UTF16-H, GBpc-EUC-H: ASCII → Adobe-GB1's proportional Latin CIDs 1–95.
    ProportionalAscii,
    /// GBK-EUC-H: ASCII → Adobe-GB1's half-width CIDs 814–907, the space 7716 (a /W array
    /// written for CIDs 1–95 does not cover them: the file's ASCII is as wide as its /DW).
    GbkEucAscii,
}

impl Cids {
    fn of(self, code: u32, len: usize) -> Option<u32> {
        let ascii = len == 1 || matches!(self, Cids::ProportionalAscii);
        match self {
            Cids::Identity => Some(code),
            _ if !ascii || !(0x20..0x7F).contains(&code) => None,
            Cids::ProportionalAscii => Some(code - 0x1F),
            Cids::GbkEucAscii if code == 0x20 => Some(7716),
            Cids::GbkEucAscii => Some(code - 0x21 + 814),
        }
    }
}

/// One font of a page, ready to decode shown strings.
pub struct Font {
    codes: Codes,
    text: Text,
    widths: Widths,
    /// Glyph space → text space (1/1000, or a Type 3 font's FontMatrix).
    scale: f64,
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'d>(doc: &'d Document, o: &'d Object) -> &'d Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn dict_number(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    d.get(key).ok().and_then(|o| number(deref(doc, o)))
}

fn array<'d>(doc: &'d Document, d: &'d Dictionary, key: &[u8]) -> Option<&'d Vec<Object>> {
    d.get(key).ok().and_then(|o| deref(doc, o).as_array().ok())
}

impl Font {
    /// Read a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        // The map's stream through lopdf (filters, decryption); unfiltered when it has none.
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o).as_stream().ok())
            .map(|s| {
                s.decompressed_content_with_limit(MAX_CMAP)
                    .unwrap_or_else(|_| s.content.clone())
            })
            .map(|bytes| ToUnicode::parse(&bytes));
        if subtype == b"Type0" {
            let cmap = dict
                .get(b"Encoding")
                .ok()
                .and_then(|o| deref(doc, o).as_name().ok())
                .unwrap_or(b"Identity-H");
            let (codes, predefined, cids) = match cmap {
                b"UniGB-UCS2-H" | b"UniGB-UCS2-V" => {
                    (Codes::Two, Text::Utf16, Cids::ProportionalAscii)
                }
                b"UniGB-UTF16-H" | b"UniGB-UTF16-V" => {
                    (Codes::Utf16, Text::Utf16, Cids::ProportionalAscii)
                }
                b"GBK-EUC-H" | b"GBK-EUC-V" => (Codes::Gbk, Text::Gbk, Cids::GbkEucAscii),
                b"GBpc-EUC-H" | b"GBpc-EUC-V" => (Codes::Gbk, Text::Gbk, Cids::ProportionalAscii),
                _ => (Codes::Two, Text::Unknown, Cids::Identity),
            };
            let text = to_unicode.map(Text::Map).unwrap_or(predefined);
            let descendant = array(doc, dict, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok());
            let (ranges, default) = match descendant {
                Some(d) => (
                    cid_widths(doc, array(doc, d, b"W")),
                    dict_number(doc, d, b"DW").unwrap_or(1000.0),
                ),
                None => (Vec::new(), 1000.0),
            };
            return Font {
                codes,
                text,
                widths: Widths::Cid {
                    ranges,
                    default,
                    cids,
                },
                scale: 0.001,
            };
        }
        let text = to_unicode.map(Text::Map).unwrap_or(Text::Latin1);
        let first = dict_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
        let widths = array(doc, dict, b"Widths")
            .map(|a| {
                a.iter()
                    .map(|o| number(deref(doc, o)).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let missing = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|fd| dict_number(doc, fd, b"MissingWidth"))
            // The standard 14 fonts have no /Widths: half an em is close enough to keep
            // words of a cell together.
            .unwrap_or(if subtype == b"Type3" { 0.0 } else { 500.0 });
        let scale = if subtype == b"Type3" {
            array(doc, dict, b"FontMatrix")
                .and_then(|m| m.first())
                .and_then(number)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        Font {
            codes: Codes::One,
            text,
            widths: Widths::Simple {
                first,
                widths,
                missing,
            },
            scale,
        }
    }

    /// The codes of a shown string, each as (code, byte length).
    pub fn codes(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let len = match self.codes {
                Codes::One => 1,
                Codes::Two => 2,
                Codes::Utf16 => {
                    if (0xD8..0xDC).contains(&bytes[i]) {
                        4
                    } else {
                        2
                    }
                }
                Codes::Gbk => {
                    if bytes[i] >= 0x81 {
                        2
                    } else {
                        1
                    }
                }
            };
            let end = (i + len).min(bytes.len());
            let code = bytes[i..end]
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            out.push((code, end - i));
            i = end;
        }
        out
    }

    /// How far a code advances, in text space units per unit of font size.
    pub fn advance(&self, code: u32, len: usize) -> f64 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid {
                ranges,
                default,
                cids,
            } => cids
                .of(code, len)
                .and_then(|c| {
                    ranges
                        .iter()
                        .find(|(lo, hi, _)| (*lo..=*hi).contains(&c))
                        .map(|r| r.2)
                })
                .unwrap_or(*default),
        };
        w * self.scale
    }

    /// The text of a shown string.
    pub fn text(&self, bytes: &[u8], gbk: Gbk<'_>) -> String {
        match &self.text {
            Text::Map(map) => {
                let mut out = String::new();
                let mut at = 0;
                for (code, len) in self.codes(bytes) {
                    match map.get(code, len) {
                        Some(t) => out.push_str(&t),
                        // A code the map leaves out: its predefined or Latin-1 meaning, if any.
                        None if len == 1 && (0x20..0x7F).contains(&code) => {
                            out.push(char::from(bytes[at]))
                        }
                        None => {}
                    }
                    at += len;
                }
                out
            }
            Text::Latin1 => bytes
                .iter()
                .filter(|&&b| (0x20..0x7F).contains(&b) || b >= 0xA0)
                .map(|&b| char::from(b))
                .collect(),
            Text::Utf16 => {
                let units = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]));
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect()
            }
            Text::Gbk => gbk(bytes).unwrap_or_default(),
            Text::Unknown => String::new(),
        }
    }
}

/// A CID font's `/W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, w: Option<&Vec<Object>>) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let Some(w) = w else { return out };
    let mut i = 0;
    while i < w.len() {
        let Some(first) = number(deref(doc, &w[i])).map(|n| n.max(0.0) as u32) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate() {
                    if let Some(width) = number(deref(doc, o)) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, width));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(o).map(|n| n.max(0.0) as u32);
                let width = w.get(i + 2).and_then(|o| number(deref(doc, o)));
                match (last, width) {
                    (Some(last), Some(width)) => out.push((first, last, width)),
                    _ => break,
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}
