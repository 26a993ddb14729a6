//! sitemap.xml and the Atom feed of content reviews, written through quick-xml's writer (it
//! escapes every text and attribute). Both are deterministic: ordered by URL (sitemap) or by
//! review date then URL (feed), and the feed's `updated` is the newest review date, never the
//! build time. robots.txt, which names the sitemap, is written here too.

use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use std::io;

use crate::model::Page;

/// sitemap.xml for `pages` (url paths are relative to `base_url`, which ends in `/`).
pub fn sitemap(base_url: &str, pages: &[&Page], extra: &[String]) -> Vec<u8> {
    let mut entries: Vec<(String, Option<String>)> = pages
        .iter()
        .map(|p| {
            (
                format!("{base_url}{}", p.url_path),
                p.reviewed.map(|d| d.to_string()),
            )
        })
        .chain(extra.iter().map(|u| (format!("{base_url}{u}"), None)))
        .collect();
    entries.sort();
    xml_document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for (loc, lastmod) in &entries {
                    w.create_element("url").write_inner_content(|w| {
                        text_element(w, "loc", loc)?;
                        if let Some(d) = lastmod {
                            text_element(w, "lastmod", d)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// robots.txt: every page may be indexed; the sitemap is named by its absolute URL (the
/// `Sitemap:` line must be absolute), so it is left out when `base_url` is not an absolute
/// http(s) URL.
pub fn robots(base_url: &str) -> Vec<u8> {
    let mut out =
        String::from("# Every page of this guide may be indexed.\nUser-agent: *\nAllow: /\n");
    if base_url.starts_with("https://") || base_url.starts_with("http://") {
        out.push_str(&format!("\nSitemap: {base_url}sitemap.xml\n"));
    }
    out.into_bytes()
}

/// Atom feed: one entry per reviewed page, newest review first.
pub fn atom(base_url: &str, site_title: &str, pages: &[&Page]) -> Vec<u8> {
    let mut reviewed: Vec<&Page> = pages
        .iter()
        .copied()
        .filter(|p| p.reviewed.is_some())
        .collect();
    reviewed.sort_by(|a, b| {
        b.reviewed
            .cmp(&a.reviewed)
            .then_with(|| a.url_path.cmp(&b.url_path))
    });
    let updated = reviewed
        .first()
        .and_then(|p| p.reviewed)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    xml_document(|w| {
        w.create_element("feed")
            .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
            .with_attribute(("xml:lang", "zh-CN"))
            .write_inner_content(|w| {
                text_element(w, "title", site_title)?;
                text_element(w, "subtitle", "内容审核更新")?;
                w.create_element("link")
                    .with_attribute(("href", format!("{base_url}atom.xml").as_str()))
                    .with_attribute(("rel", "self"))
                    .write_empty()?;
                w.create_element("link")
                    .with_attribute(("href", base_url))
                    .write_empty()?;
                text_element(w, "id", base_url)?;
                text_element(w, "updated", &format!("{updated}T00:00:00Z"))?;
                for p in &reviewed {
                    entry(w, base_url, p)?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn entry(w: &mut Writer<Vec<u8>>, base_url: &str, page: &Page) -> io::Result<()> {
    let url = format!("{base_url}{}", page.url_path);
    let date = page.reviewed.map(|d| d.to_string()).unwrap_or_default();
    w.create_element("entry").write_inner_content(|w| {
        text_element(w, "title", &page.title)?;
        w.create_element("link")
            .with_attribute(("href", url.as_str()))
            .write_empty()?;
        text_element(w, "id", &url)?;
        text_element(w, "updated", &format!("{date}T00:00:00Z"))?;
        text_element(
            w,
            "summary",
            &format!("{}（审核于 {date}）", page.description),
        )?;
        w.create_element("author")
            .write_inner_content(|w| text_element(w, "name", "社保查询指南编辑"))?;
        Ok(())
    })?;
    Ok(())
}

/// `<name>text</name>`, the text escaped by the writer.
fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(quick_xml::events::BytesText::new(text))?;
    Ok(())
}

/// An indented UTF-8 XML document: the declaration, then what `body` writes.
fn xml_document(body: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut w));
    // The writer only fails when its sink does, and a Vec in memory does not.
    written.expect("writing XML to memory cannot fail");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::robots;

    #[test]
    fn robots_names_the_sitemap_only_by_an_absolute_url() {
        let deployed = String::from_utf8(robots("https://example.org/shebao/")).expect("utf-8");
        assert!(deployed.ends_with("\nSitemap: https://example.org/shebao/sitemap.xml\n"));
        let relative = String::from_utf8(robots("/")).expect("utf-8");
        assert!(relative.contains("Allow: /") && !relative.contains("Sitemap"));
    }
}
