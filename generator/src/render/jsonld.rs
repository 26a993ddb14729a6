//! Structured data for search engines (schema.org JSON-LD): BreadcrumbList on every page,
//! GovernmentService + HowTo + FAQPage on guides. Built with serde_json, serialized safely
//! for a `<script>` element.

use serde_json::{json, Value};

use super::views::{GuideView, LinkView};
use crate::model::Page;

/// The JSON-LD graph of a page, as text safe to put inside `<script type="application/ld+json">`.
pub fn page_graph(
    page: &Page,
    canonical: &str,
    crumbs: &[LinkView<'_>],
    crumb_urls: &[String],
    guide: Option<&GuideView<'_>>,
) -> String {
    let mut graph = vec![breadcrumbs(page, canonical, crumbs, crumb_urls)];
    if let Some(g) = guide {
        if let Some(city) = &page.guide.city {
            graph.push(json!({
                "@type": "GovernmentService",
                "name": format!("{}社保查询", city.name),
                "serviceType": "社会保险缴费记录查询",
                "areaServed": { "@type": "City", "name": city.name },
                "description": page.description,
                "url": canonical,
                "availableChannel": g.channels.iter().map(|c| {
                    let mut ch = json!({ "@type": "ServiceChannel", "name": c.name });
                    if let Some(u) = c.url { ch["serviceUrl"] = json!(u); }
                    if let Some(p) = c.phone { ch["servicePhone"] = json!({ "@type": "ContactPoint", "telephone": p }); }
                    ch
                }).collect::<Vec<_>>(),
            }));
        }
        for p in &g.procedures {
            graph.push(json!({
                "@type": "HowTo",
                "name": p.title,
                "url": format!("{canonical}#{}", p.id),
                "step": p.steps.iter().enumerate().map(|(i, s)| json!({
                    "@type": "HowToStep", "position": i + 1, "text": strip_tags(s),
                })).collect::<Vec<_>>(),
            }));
        }
        if !g.faqs.is_empty() {
            graph.push(faq_page(g.faqs.iter().map(|f| (f.question, f.answer))));
        }
    }
    script_safe(&json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// A FAQPage from (question, answer HTML) pairs.
pub fn faq_page<'a>(faqs: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    json!({
        "@type": "FAQPage",
        "mainEntity": faqs.map(|(q, a)| json!({
            "@type": "Question", "name": q,
            "acceptedAnswer": { "@type": "Answer", "text": strip_tags(a) },
        })).collect::<Vec<_>>(),
    })
}

/// A standalone graph (e.g. the FAQ index's FAQPage).
pub fn standalone(value: Value) -> String {
    let mut v = value;
    v["@context"] = json!("https://schema.org");
    script_safe(&v)
}

fn breadcrumbs(page: &Page, canonical: &str, crumbs: &[LinkView<'_>], urls: &[String]) -> Value {
    let mut items: Vec<Value> = crumbs
        .iter()
        .zip(urls)
        .enumerate()
        .map(|(i, (c, u))| json!({ "@type": "ListItem", "position": i + 1, "name": c.title, "item": u }))
        .collect();
    items.push(json!({ "@type": "ListItem", "position": items.len() + 1, "name": page.title, "item": canonical }));
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// Plain text of an HTML fragment (tags dropped, basic entities decoded).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// JSON text that cannot close its `<script>` element early.
pub fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}
