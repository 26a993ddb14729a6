//! A page's content stream → text runs with their positions (PDF's text model, ISO 32000
//! §9.4: the text and line matrices, character and word spacing, horizontal scaling, TJ
//! adjustments, the current transformation matrix; form XObjects are followed).

use crate::fonts::{Font, Gbk};
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// Largest decompressed content stream read per page (a decompression bomb stops here).
const MAX_CONTENT: usize = 64 * 1024 * 1024;
/// How deep form XObjects may nest.
const MAX_DEPTH: usize = 8;

/// One shown string: where it starts and ends on the page (points, y up) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Left edge.
    pub x: f64,
    /// Right edge (from the glyphs' advance widths).
    pub end: f64,
    /// Baseline.
    pub y: f64,
    /// Font size on the page.
    pub size: f64,
    /// The text.
    pub text: String,
}

/// What a page holds.
#[derive(Default)]
pub struct PageText {
    /// Text runs in content-stream order.
    pub runs: Vec<Run>,
    /// Whether the page paints an image (a scan when there is no text).
    pub images: bool,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

/// The graphics state parts that matter for text.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Vec<u8>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct Interpreter<'a, 'g> {
    doc: &'a Document,
    gbk: Gbk<'g>,
    out: PageText,
}

/// The fonts of a resource dictionary, by resource name.
fn resource_fonts<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
) -> BTreeMap<Vec<u8>, &'a Dictionary> {
    let mut out = BTreeMap::new();
    let fonts = resources
        .get(b"Font")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(fonts) = fonts {
        for (name, o) in fonts.iter() {
            if let Ok(d) = doc.dereference(o).and_then(|(_, o)| o.as_dict()) {
                out.insert(name.clone(), d);
            }
        }
    }
    out
}

/// Read the text runs of one page.
pub fn page_text(doc: &Document, page: ObjectId, gbk: Gbk<'_>) -> Result<PageText, lopdf::Error> {
    let content = doc.get_page_content_with_limit(page, MAX_CONTENT)?;
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let (resources, _) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    // Inherited resources: the page's own dictionary, else the first inherited one.
    let resources = resources.or_else(|| {
        doc.get_page_resources(page)
            .ok()
            .and_then(|(_, ids)| ids.first().copied())
            .and_then(|id| doc.get_dictionary(id).ok())
    });
    let mut it = Interpreter {
        doc,
        gbk,
        out: PageText::default(),
    };
    let state = State {
        ctm: IDENTITY,
        font: Vec::new(),
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    let ops = Content::decode(&content)?.operations;
    it.run(&ops, fonts, resources, state, 0);
    Ok(it.out)
}

impl<'a> Interpreter<'a, '_> {
    fn run(
        &mut self,
        ops: &[Operation],
        font_dicts: BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        state: State,
        depth: usize,
    ) {
        let doc = self.doc;
        let fonts: BTreeMap<&Vec<u8>, Font> = font_dicts
            .iter()
            .map(|(n, d)| (n, Font::load(doc, d)))
            .collect();
        let mut st = state;
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for op in ops {
            let o = &op.operands;
            let n = |i: usize| o.get(i).map(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(st.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                "cm" if o.len() == 6 => {
                    st.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &st.ctm)
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    st.font = o
                        .first()
                        .and_then(|f| f.as_name().ok())
                        .map(<[u8]>::to_vec)
                        .unwrap_or_default();
                    st.size = n(1);
                }
                "Tc" => st.char_spacing = n(0),
                "Tw" => st.word_spacing = n(0),
                "Tz" => st.scale = n(0) / 100.0,
                "TL" => st.leading = n(0),
                "Ts" => st.rise = n(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        st.leading = -n(1);
                    }
                    tlm = mul(&translate(n(0), n(1)), &tlm);
                    tm = tlm;
                }
                "Tm" if o.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&translate(0.0, -st.leading), &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            st.word_spacing = n(0);
                            st.char_spacing = n(1);
                        }
                        tlm = mul(&translate(0.0, -st.leading), &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(bytes, _)) = o.last() {
                        self.show(bytes, fonts.get(&st.font), &st, &mut tm);
                    }
                }
                "TJ" => {
                    for item in o
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, fonts.get(&st.font), &st, &mut tm)
                            }
                            other => {
                                let tx = -num(other) / 1000.0 * st.size * st.scale;
                                tm = mul(&translate(tx, 0.0), &tm);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_DEPTH => {
                    if let Some(name) = o.first().and_then(|f| f.as_name().ok()) {
                        self.xobject(name, resources, &st, depth);
                    }
                }
                "BI" | "ID" | "EI" => self.out.images = true,
                _ => {}
            }
        }
    }

    /// A form XObject is run with its own matrix and resources; an image only noted.
    fn xobject(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        st: &State,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(stream) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok())
        else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.out.images = true,
            Ok(b"Form") => {
                let Ok(content) = stream.decompressed_content_with_limit(MAX_CONTENT) else {
                    return;
                };
                let Ok(ops) = Content::decode(&content) else {
                    return;
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .filter(|m| m.len() == 6)
                    .map(|m| {
                        [
                            num(&m[0]),
                            num(&m[1]),
                            num(&m[2]),
                            num(&m[3]),
                            num(&m[4]),
                            num(&m[5]),
                        ]
                    })
                    .unwrap_or(IDENTITY);
                let own = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_dict().ok())
                    .or(resources);
                let fonts = own.map(|r| resource_fonts(doc, r)).unwrap_or_default();
                let mut inner = st.clone();
                inner.ctm = mul(&matrix, &st.ctm);
                self.run(&ops.operations, fonts, own, inner, depth + 1);
            }
            _ => {}
        }
    }

    /// Show a string: one run from the current text position; the text matrix advances.
    fn show(&mut self, bytes: &[u8], font: Option<&Font>, st: &State, tm: &mut Matrix) {
        let Some(font) = font else { return };
        let render = |tm: &Matrix| {
            mul(
                &[st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise],
                &mul(tm, &st.ctm),
            )
        };
        let start = render(tm);
        for (code, len) in font.codes(bytes) {
            let spacing = if len == 1 && code == 32 {
                st.word_spacing
            } else {
                0.0
            };
            let tx = (font.advance(code, len) * st.size + st.char_spacing + spacing) * st.scale;
            *tm = mul(&translate(tx, 0.0), tm);
        }
        let end = render(tm);
        let text = font.text(bytes, self.gbk);
        if text.trim().is_empty() {
            return;
        }
        let size = (start[2] * start[2] + start[3] * start[3]).sqrt();
        self.out.runs.push(Run {
            x: start[4].min(end[4]),
            end: start[4].max(end[4]),
            y: start[5],
            size: if size > 0.0 { size } else { 1.0 },
            text,
        });
    }
}
