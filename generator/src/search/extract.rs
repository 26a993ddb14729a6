//! A rendered page → its searchable sections: the text of `<main>`, cut at the page title
//! (`h1`), every `h2`/`h3` and every FAQ question (`<details id><summary>`), each section
//! with the anchor a result links to (the heading's own id, else the nearest enclosing
//! element's id: a channel card's `<article id>`, a FAQ's `<details id>`).
//!
//! Reads HTML with html5gum's tokenizer (entities decoded, any markup accepted). Left out:
//! navigation (`nav`: contents lists and breadcrumbs repeat the headings), scripts, styles,
//! inline SVG icons, `<noscript>` and anything marked `data-search="skip"`.

use html5gum::{DefaultEmitter, Token, Tokenizer};

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

struct Open {
    name: Vec<u8>,
    id: Option<String>,
    skip: bool,
}

/// Where text currently goes.
enum Target {
    /// Outside `<main>`.
    Outside,
    /// Into the heading of the last section, until this element closes.
    Heading(Vec<u8>),
    /// Into the body of the last section.
    Body,
}

/// The sections of one rendered page, in document order. Pages without `<main>` have none.
pub fn sections(html: &str) -> Vec<Section> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out: Vec<Section> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut target = Target::Outside;
    let mut in_main = false;
    // Only <main> is read: start the tokenizer there (the header and footer are the same on
    // every page; skipping them saves time on large sites).
    let html = html.find("<main").map_or(html, |i| &html[i..]);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.0.clone();
                let attr = |a: &str| {
                    tag.attributes
                        .get(a.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                let id = attr("id");
                let skip = SKIPPED.contains(&name.as_slice())
                    || attr("data-search").is_some_and(|v| v == "skip");
                let skipping = skip || stack.iter().any(|o| o.skip);
                if name == b"main" {
                    in_main = true;
                    target = Target::Body;
                }
                if in_main && !skipping {
                    if let Some(level) = heading_level(&name, &stack) {
                        let anchor = id
                            .clone()
                            .or_else(|| stack.iter().rev().find_map(|o| o.id.clone()))
                            .unwrap_or_default();
                        out.push(Section {
                            anchor: if level == 1 { String::new() } else { anchor },
                            level,
                            ..Section::default()
                        });
                        target = Target::Heading(name.clone());
                    } else if BLOCKS.contains(&name.as_slice()) {
                        space(&mut out, &target);
                    }
                }
                if !VOID.contains(&name.as_slice()) && !tag.self_closing {
                    stack.push(Open { name, id, skip });
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.0;
                if let Some(pos) = stack.iter().rposition(|o| o.name == name) {
                    stack.truncate(pos);
                }
                if name == b"main" {
                    in_main = false;
                    target = Target::Outside;
                } else if matches!(&target, Target::Heading(h) if *h == name) {
                    target = Target::Body;
                } else if in_main && BLOCKS.contains(&name.as_slice()) {
                    space(&mut out, &target);
                }
            }
            Token::String(s) => {
                if stack.iter().any(|o| o.skip) {
                    continue;
                }
                let text = String::from_utf8_lossy(&s.value);
                if let Some(sec) = out.last_mut() {
                    match &target {
                        Target::Outside => {}
                        Target::Heading(_) => push_text(&mut sec.heading, &text),
                        Target::Body => push_text(&mut sec.text, &text),
                    }
                }
            }
            _ => {}
        }
    }
    for s in &mut out {
        s.heading = s.heading.trim().to_string();
        s.text = s.text.trim().to_string();
    }
    out
}

/// The section level a start tag opens, if it opens one.
fn heading_level(name: &[u8], stack: &[Open]) -> Option<u8> {
    match name {
        b"h1" => Some(1),
        b"h2" => Some(2),
        b"h3" => Some(3),
        b"summary" if stack.last().is_some_and(|o| o.name == b"details") => Some(3),
        _ => None,
    }
}

fn space(out: &mut [Section], target: &Target) {
    if let Some(sec) = out.last_mut() {
        match target {
            Target::Heading(_) => push_text(&mut sec.heading, " "),
            Target::Body => push_text(&mut sec.text, " "),
            Target::Outside => {}
        }
    }
}

/// Appends `text` with runs of whitespace collapsed to one space.
fn push_text(into: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !into.is_empty() && !into.ends_with(' ') {
                into.push(' ');
            }
        } else {
            into.push(c);
        }
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
        let s = sections(html);
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
        assert!(sections("<p>hello</p>").is_empty());
        assert!(sections("").is_empty());
    }

    #[test]
    fn skip_marker_hides_a_block() {
        let s =
            sections(r#"<main><h1>T</h1><p>a</p><div data-search="skip"><p>隐藏</p></div></main>"#);
        assert_eq!(s[0].text, "a");
    }
}
