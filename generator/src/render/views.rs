//! Borrowed, serializable views of the model for the templates. Templates never see the
//! model itself; everything they print is prepared here (relative URLs, `tel:` numbers,
//! rendered Markdown).

use serde::Serialize;

use crate::bodies::PageHtml;
use crate::model::{Channel, Page, PageKind, Source};
use crate::site::{relative_url, Site};

/// A link with a title.
#[derive(Clone, Debug, Serialize)]
pub struct LinkView<'a> {
    /// Text.
    pub title: &'a str,
    /// Relative URL.
    pub url: String,
    /// One sentence about the target.
    pub description: &'a str,
}

/// What every page template gets as `page`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Title (the one h1).
    pub title: &'a str,
    /// Description (meta).
    pub description: &'a str,
    /// Kind as editors write it.
    pub kind: &'static str,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Review date (YYYY-MM-DD).
    pub reviewed: Option<String>,
    /// Sources.
    pub sources: Vec<SourceView<'a>>,
    /// Rendered body.
    pub body: &'a str,
    /// Level-2 headings of the body (table of contents).
    pub toc: Vec<TocEntry<'a>>,
}

/// A table-of-contents entry.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// Anchor.
    pub id: &'a str,
    /// Text.
    pub text: &'a str,
}

/// A source.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: &'a str,
    /// Date seen.
    pub seen: String,
}

/// A channel card.
#[derive(Debug, Serialize)]
pub struct ChannelView<'a> {
    /// Anchor.
    pub id: &'a str,
    /// Kind slug (icon key).
    pub kind: &'static str,
    /// Kind label.
    pub kind_label: &'static str,
    /// Name.
    pub name: &'a str,
    /// What one can look up.
    pub queries: &'a [String],
    /// What one needs.
    pub needs: &'a [String],
    /// Rendered steps.
    pub steps: &'a [String],
    /// Official address.
    pub url: Option<&'a str>,
    /// Phone as written.
    pub phone: Option<&'a str>,
    /// Digits for `tel:`.
    pub tel: Option<String>,
    /// Opening hours.
    pub hours: Option<&'a str>,
    /// Confirmed.
    pub verified: bool,
    /// Caveat.
    pub note: Option<&'a str>,
}

/// A procedure.
#[derive(Debug, Serialize)]
pub struct ProcedureView<'a> {
    /// Anchor.
    pub id: &'a str,
    /// Heading.
    pub title: &'a str,
    /// Rendered steps.
    pub steps: &'a [String],
    /// Channel used (id, name).
    pub channel: Option<(&'a str, &'a str)>,
}

/// A question and answer.
#[derive(Debug, Serialize)]
pub struct FaqView<'a> {
    /// Anchor.
    pub id: &'a str,
    /// Question.
    pub question: &'a str,
    /// Rendered answer.
    pub answer: &'a str,
}

/// The structured parts of a guide.
#[derive(Debug, Serialize)]
pub struct GuideView<'a> {
    /// "Start here" lines (rendered Markdown).
    pub start: &'a [String],
    /// Channel cards.
    pub channels: Vec<ChannelView<'a>>,
    /// Procedures.
    pub procedures: Vec<ProcedureView<'a>>,
    /// FAQs.
    pub faqs: Vec<FaqView<'a>>,
}

/// The page view.
pub fn page<'a>(page: &'a Page, html: &'a PageHtml, base_url: &str) -> PageView<'a> {
    PageView {
        title: &page.title,
        description: &page.description,
        kind: kind_name(page.kind),
        canonical: format!("{base_url}{}", page.url_path),
        reviewed: page.reviewed.map(|d| d.to_string()),
        sources: page.sources.iter().map(source).collect(),
        body: &html.body,
        toc: html
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| TocEntry {
                id: &h.id,
                text: &h.text,
            })
            .collect(),
    }
}

fn source(s: &Source) -> SourceView<'_> {
    SourceView {
        title: &s.title,
        url: &s.url,
        seen: s.seen.to_string(),
    }
}

/// The kind as editors write it.
pub fn kind_name(kind: PageKind) -> &'static str {
    PageKind::NAMES
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("page", |(n, _)| n)
}

/// The guide view.
pub fn guide<'a>(page: &'a Page, html: &'a PageHtml) -> GuideView<'a> {
    let g = &page.guide;
    let channel_name = |id: &str| {
        g.channels
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
    };
    GuideView {
        start: &html.start,
        channels: g
            .channels
            .iter()
            .zip(&html.channel_steps)
            .map(|(c, s)| channel(c, s))
            .collect(),
        procedures: g
            .procedures
            .iter()
            .zip(&html.procedure_steps)
            .map(|(p, steps)| ProcedureView {
                id: &p.id,
                title: &p.title,
                steps,
                channel: p
                    .channel
                    .as_deref()
                    .and_then(|id| channel_name(id).map(|n| (id, n))),
            })
            .collect(),
        faqs: g
            .faqs
            .iter()
            .zip(&html.faq_answers)
            .map(|(f, a)| FaqView {
                id: &f.id,
                question: &f.question,
                answer: a,
            })
            .collect(),
    }
}

fn channel<'a>(c: &'a Channel, steps: &'a [String]) -> ChannelView<'a> {
    ChannelView {
        id: &c.id,
        kind: c.kind.slug(),
        kind_label: c.kind.label_zh(),
        name: &c.name,
        queries: &c.queries,
        needs: &c.needs,
        steps,
        url: c.url.as_deref(),
        phone: c.phone.as_deref(),
        tel: c
            .phone
            .as_ref()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
        hours: c.hours.as_deref(),
        verified: c.verified,
        note: c.note.as_deref(),
    }
}

/// Breadcrumbs from the home page down to (not including) `page`.
pub fn breadcrumbs<'a>(site: &'a Site, page: &'a Page) -> Vec<LinkView<'a>> {
    let mut chain = Vec::new();
    let mut parent = page.parent.as_deref();
    while let Some(p) = parent.and_then(|s| site.get(s)) {
        chain.push(LinkView {
            title: &p.title,
            url: relative_url(&page.url_path, &p.url_path),
            description: &p.description,
        });
        parent = p.parent.as_deref();
    }
    chain.reverse();
    chain
}

/// Links to the child pages of a section.
pub fn children<'a>(site: &'a Site, page: &'a Page) -> Vec<LinkView<'a>> {
    site.children(&page.source)
        .into_iter()
        .map(|c| LinkView {
            title: &c.title,
            url: relative_url(&page.url_path, &c.url_path),
            description: &c.description,
        })
        .collect()
}
