//! A rendered page → its searchable sections: the text of `<main>`, cut at the page title
//! (`h1`), every `h2`/`h3` and every FAQ question (`<details id><summary>`), each section
//! with the anchor a result links to (the heading's own id, else the nearest enclosing
//! element's id: a channel card's `<article id>`, a FAQ's `<details id>`).
//!
//! Reads HTML with html5gum's tokenizer through its callback emitter (strings borrowed, not
//! allocated per tag: half the time of its default emitter on 10,000 pages), straight from
//! the rendered bytes (no second UTF-8 check of the page); tag names are kept inline, so a
//! tag costs no allocation unless it has an id. Left out:
//! navigation (`nav`: breadcrumbs repeat the headings), scripts, styles, inline SVG icons,
//! `<noscript>` and anything marked `data-search="skip"` (the guides' 本页内容 lists, a
//! `<details>` that would otherwise read as a FAQ question).

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use smallvec::SmallVec;

/// One searchable section of a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// Element id the result links to ("" for the top of the page).
    pub anchor: String,
    /// Heading text (the page title for the first section).
    pub heading: String,
    /// 1 for the page top, 2 for `h2`, 3 for `h3` and FAQ questions.
    pub level: u8,
    /// Body text, whitespace collapsed.
    pub text: String,
}

/// Elements whose content is not searched.
const SKIPPED: [&[u8]; 7] = [
    b"nav",
    b"script",
    b"style",
    b"svg",
    b"noscript",
    b"template",
    b"head",
];
/// Elements that have no end tag.
const VOID: [&[u8]; 13] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr",
];
/// Elements whose edges separate words (so text of two cells or items never forms a bigram).
const BLOCKS: [&[u8]; 20] = [
    b"p", b"li", b"td", b"th", b"tr", b"div", b"br", b"dd", b"dt", b"h1", b"h2", b"h3", b"h4",
    b"h5", b"h6", b"section", b"article", b"summary", b"caption", b"span",
];

/// A tag name, inline up to 16 bytes (every HTML element's name fits).
type TagName = SmallVec<[u8; 16]>;

struct Open {
    name: TagName,
    id: Option<String>,
    skip: bool,
}

/// Where text currently goes.
enum Target {
    /// Outside `<main>`.
    Outside,
    /// Into the heading of the last section, until this element closes.
    Heading(TagName),
    /// Into the body of the last section.
    Body,
}

/// Which attribute the tokenizer is reading.
#[derive(PartialEq)]
enum Attr {
    Id,
    DataSearch,
    Other,
}

/// The start tag being read.
struct StartTag {
    name: TagName,
    id: Option<String>,
    skip: bool,
    attr: Attr,
}

/// An emitter without html5gum's error checks: the pages are the renderer's own, and
/// checking every byte for code points HTML forbids took a third of the reading time.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// The page as read so far.
struct Reader {
    out: Vec<Section>,
    stack: Vec<Open>,
    target: Target,
    in_main: bool,
    /// Open elements that hide their content (`SKIPPED` or `data-search="skip"`).
    skipping: usize,
    tag: Option<StartTag>,
}

/// The sections of one rendered page (UTF-8, as the renderer wrote it), in document order.
/// Pages without `<main>` have none.
pub fn sections(html: &[u8]) -> Vec<Section> {
    let mut r = Reader {
        out: Vec::new(),
        stack: Vec::new(),
        target: Target::Outside,
        in_main: false,
        skipping: 0,
        tag: None,
    };
    // Only <main> is read: start the tokenizer there (the header and footer are the same on
    // every page; skipping them saves time on large sites).
    let html = memchr::memmem::find(html, b"<main").map_or(html, |i| &html[i..]);
    {
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
            r.event(event);
            None::<()>
        });
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(html, Quiet(emitter)) {}
    }
    for s in &mut r.out {
        s.heading = s.heading.trim().to_string();
        s.text = s.text.trim().to_string();
    }
    r.out
}

impl Reader {
    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(StartTag {
                    name: TagName::from_slice(name),
                    id: None,
                    skip: SKIPPED.contains(&name),
                    attr: Attr::Other,
                });
            }
            CallbackEvent::AttributeName { name } => {
                if let Some(t) = &mut self.tag {
                    t.attr = match name {
                        b"id" => Attr::Id,
                        b"data-search" => Attr::DataSearch,
                        _ => Attr::Other,
                    };
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(t) = &mut self.tag {
                    match t.attr {
                        Attr::Id if t.id.is_none() => {
                            t.id = Some(String::from_utf8_lossy(value).into_owned());
                        }
                        Attr::DataSearch => t.skip |= value == b"skip",
                        _ => {}
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(tag) = self.tag.take() {
                    self.start_tag(tag, self_closing);
                }
            }
            CallbackEvent::EndTag { name } => self.end_tag(name),
            CallbackEvent::String { value } => self.text(value),
            _ => {}
        }
    }

    fn start_tag(&mut self, tag: StartTag, self_closing: bool) {
        let StartTag { name, id, skip, .. } = tag;
        if name.as_slice() == b"main" {
            self.in_main = true;
            self.target = Target::Body;
        }
        if self.in_main && self.skipping == 0 && !skip {
            if let Some(level) = heading_level(&name, &self.stack) {
                let anchor = id
                    .clone()
                    .or_else(|| self.stack.iter().rev().find_map(|o| o.id.clone()))
                    .unwrap_or_default();
                self.out.push(Section {
                    anchor: if level == 1 { String::new() } else { anchor },
                    level,
                    ..Section::default()
                });
                self.target = Target::Heading(name.clone());
            } else if BLOCKS.contains(&name.as_slice()) {
                self.space();
            }
        }
        if !VOID.contains(&name.as_slice()) && !self_closing {
            self.skipping += usize::from(skip);
            self.stack.push(Open { name, id, skip });
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        if let Some(pos) = self.stack.iter().rposition(|o| o.name.as_slice() == name) {
            self.skipping -= self.stack[pos..].iter().filter(|o| o.skip).count();
            self.stack.truncate(pos);
        }
        if name == b"main" {
            self.in_main = false;
            self.target = Target::Outside;
        } else if matches!(&self.target, Target::Heading(h) if h.as_slice() == name) {
            self.target = Target::Body;
        } else if self.in_main && BLOCKS.contains(&name) {
            self.space();
        }
    }

    fn text(&mut self, value: &[u8]) {
        if self.skipping > 0 {
            return;
        }
        let text = String::from_utf8_lossy(value);
        if let Some(sec) = self.out.last_mut() {
            match &self.target {
                Target::Outside => {}
                Target::Heading(_) => push_text(&mut sec.heading, &text),
                Target::Body => push_text(&mut sec.text, &text),
            }
        }
    }

    fn space(&mut self) {
        if let Some(sec) = self.out.last_mut() {
            match &self.target {
                Target::Heading(_) => push_text(&mut sec.heading, " "),
                Target::Body => push_text(&mut sec.text, " "),
                Target::Outside => {}
            }
        }
    }
}

/// The section level a start tag opens, if it opens one.
fn heading_level(name: &[u8], stack: &[Open]) -> Option<u8> {
    match name {
        b"h1" => Some(1),
        b"h2" => Some(2),
        b"h3" => Some(3),
        b"summary"
            if stack
                .last()
                .is_some_and(|o| o.name.as_slice() == b"details") =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// Appends `text` with runs of whitespace collapsed to one space.
fn push_text(into: &mut String, text: &str) {
    for (i, word) in text.split(char::is_whitespace).enumerate() {
        // Each split after the first follows whitespace.
        if i > 0 && !into.is_empty() && !into.ends_with(' ') {
            into.push(' ');
        }
        into.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_main_at_headings_cards_and_questions() {
        let html = r##"<html><head><title>x</title></head><body>
<header><a>社保查询指南</a></header>
<main id="main"><h1>营口社保查询指南</h1><p class="lead">营口参保人&amp;家人</p>
<nav class="toc"><h2>本页内容</h2><a href="#channels">在哪里查</a></nav>
<section id="channels"><h2 id="channels-h">在哪里查</h2>
<article class="card" id="liaoshitong"><h3><span class="kind-label">手机应用</span> 辽事通</h3>
<svg><path d="M1"/></svg><h4>能查什么</h4><ul><li>缴费明细</li><li>参保证明</li></ul>
<img src="x.png" alt=""><br></article></section>
<details id="faq-duan"><summary>断缴了怎么办？</summary><div class="answer"><p>先问单位。</p></div></details>
<script>var x = "<h2>不是标题</h2>";</script>
</main><footer>全国热线 12333</footer></body></html>"##;
        let s = sections(html.as_bytes());
        let got: Vec<(&str, &str, u8, &str)> = s
            .iter()
            .map(|s| {
                (
                    s.anchor.as_str(),
                    s.heading.as_str(),
                    s.level,
                    s.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("", "营口社保查询指南", 1, "营口参保人&家人"),
                ("channels-h", "在哪里查", 2, ""),
                (
                    "liaoshitong",
                    "手机应用 辽事通",
                    3,
                    "能查什么 缴费明细 参保证明"
                ),
                ("faq-duan", "断缴了怎么办？", 3, "先问单位。"),
            ]
        );
    }

    #[test]
    fn a_page_without_main_has_no_sections() {
        assert!(sections(b"<p>hello</p>").is_empty());
        assert!(sections(b"").is_empty());
    }

    #[test]
    fn skip_marker_hides_a_block() {
        let s = sections(
            r#"<main><h1>T</h1><p>a</p><div data-search="skip"><p>隐藏</p></div></main>"#
                .as_bytes(),
        );
        assert_eq!(s[0].text, "a");
    }
}
