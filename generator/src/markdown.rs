//! Markdown → HTML with what the guide needs: tables (wrapped so they scroll on phones),
//! footnotes, heading anchors with CJK-safe ids, and internal links written as content paths
//! (`@/cities/yingkou.md#缺月怎么办`) resolved to relative URLs. Pure: no I/O, no global state.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A heading of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Anchor id (unique within the fragment).
    pub id: String,
    /// Plain text.
    pub text: String,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// A link to another content page (`@/path.md#anchor`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternalLink {
    /// Content path ("cities/yingkou.md"); empty for a same-page `@#anchor`... not supported:
    /// same-page anchors are plain `#anchor` links and are not checked.
    pub path: String,
    /// The anchor after `#`, if any.
    pub anchor: Option<String>,
    /// Byte offset of the link in the Markdown.
    pub offset: usize,
}

/// The result of rendering one fragment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Internal links in order (resolved or not; checking is the caller's job).
    pub links: Vec<InternalLink>,
}

/// Prefix of internal links.
pub const INTERNAL: &str = "@/";

/// Renders `md`. `resolve` maps a content path to the URL to use (relative to the page), or
/// `None` when the page does not exist (the link then points nowhere: `href="#"`).
pub fn render(md: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(md.len() / 16);
    let mut heading: Option<(usize, HeadingLevel, Option<CowStr<'_>>, usize)> = None;
    for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((events.len(), level, id, range.start));
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, _, explicit, offset)) = heading.take() {
                    let text = plain_text(&events[at + 1..]);
                    let id = unique_id(
                        explicit.map_or_else(|| slugify(&text), |s| s.to_string()),
                        &out.headings,
                    );
                    events[at] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    });
                    out.headings.push(Heading {
                        level: level as u8,
                        id,
                        text,
                        offset,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match dest_url.strip_prefix(INTERNAL) {
                    Some(target) => {
                        let (path, anchor) = match target.split_once('#') {
                            Some((p, a)) => (p, Some(a.to_string())),
                            None => (target, None),
                        };
                        out.links.push(InternalLink {
                            path: path.to_string(),
                            anchor: anchor.clone(),
                            offset: range.start,
                        });
                        let mut url = resolve(path).unwrap_or_else(|| "#".to_string());
                        if let Some(a) = anchor.filter(|_| url != "#") {
                            url.push('#');
                            url.push_str(&a);
                        }
                        CowStr::from(url)
                    }
                    None => dest_url,
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(align)) => {
                events.push(Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")));
                events.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            other => events.push(other),
        }
    }
    out.html.reserve(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// Renders a short fragment (a step, a table cell) without the wrapping `<p>` of a single
/// paragraph.
pub fn render_inline(md: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Rendered {
    let mut r = render(md, resolve);
    let trimmed = r.html.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        if !inner.contains("<p>") {
            r.html = inner.to_string();
        }
    }
    r
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

/// A CJK-safe anchor id: letters and digits of any script are kept (ASCII lowercased),
/// spaces, `-` and `_` become `-`, other punctuation is dropped. `## 缺月怎么办？` → `缺月怎么办`.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

fn unique_id(id: String, taken: &[Heading]) -> String {
    if !taken.iter().any(|h| h.id == id) {
        return id;
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.iter().any(|h| &h.id == candidate))
        .unwrap_or(id)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
