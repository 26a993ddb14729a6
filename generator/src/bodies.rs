//! Renders every Markdown part of every page (body, channel and procedure steps, FAQ
//! answers) once, in parallel, with the reader's header names and the site's facts filled in
//! ([`crate::reader_fields`], [`crate::site_facts`]). The result feeds both the templates and the link checks.

use rayon::prelude::*;

use crate::markdown::{render, render_inline, Heading, InternalLink};
use crate::model::{Markdown, Page};
use crate::reader_fields;
use crate::site::Site;
use crate::site_facts::SiteFacts;

/// The HTML of one page's Markdown parts, in model order.
#[derive(Clone, Debug, Default)]
pub struct PageHtml {
    /// The body.
    pub body: String,
    /// Body headings (for the table of contents and anchor checks).
    pub headings: Vec<Heading>,
    /// The "start here" lines.
    pub start: Vec<String>,
    /// Steps of each channel.
    pub channel_steps: Vec<Vec<String>>,
    /// Steps of each procedure.
    pub procedure_steps: Vec<Vec<String>>,
    /// Answer of each FAQ.
    pub faq_answers: Vec<String>,
    /// Internal links with their byte offset in the page file.
    pub links: Vec<InternalLink>,
}

/// Renders all pages of `site`; `out[i]` belongs to `site.pages[i]`.
pub fn render_all(site: &Site) -> Vec<PageHtml> {
    let facts = SiteFacts::of(site);
    site.pages
        .par_iter()
        .map(|p| render_page(site, &facts, p))
        .collect()
}

fn render_page(site: &Site, facts: &SiteFacts, page: &Page) -> PageHtml {
    let resolve = |target: &str| site.link(&page.url_path, target);
    let mut out = PageHtml::default();
    let mut links = Vec::new();
    let inline = |md: &Markdown, links: &mut Vec<InternalLink>| {
        let r = render_inline(&md.text, &resolve);
        links.extend(r.links.into_iter().map(|l| InternalLink {
            offset: md.offset,
            ..l
        }));
        r.html
    };
    let g = &page.guide;
    out.start = g.start.iter().map(|s| inline(s, &mut links)).collect();
    out.channel_steps = g
        .channels
        .iter()
        .map(|c| c.steps.iter().map(|s| inline(s, &mut links)).collect())
        .collect();
    out.procedure_steps = g
        .procedures
        .iter()
        .map(|p| p.steps.iter().map(|s| inline(s, &mut links)).collect())
        .collect();
    out.faq_answers = g
        .faqs
        .iter()
        .map(|f| inline(&f.answer, &mut links))
        .collect();
    let body = render(&page.body.text, &resolve);
    links.extend(body.links.into_iter().map(|l| InternalLink {
        offset: page.body.offset + l.offset,
        ..l
    }));
    out.body = facts.expand(&reader_fields::expand(&body.html));
    out.headings = body
        .headings
        .into_iter()
        .map(|h| Heading {
            offset: page.body.offset + h.offset,
            ..h
        })
        .collect();
    out.links = links;
    out
}
