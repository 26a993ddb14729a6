//! sitemap.xml and the Atom feed of content reviews. Both are deterministic: ordered by URL
//! (sitemap) or by review date then URL (feed), and the feed's `updated` is the newest review
//! date, never the build time.

use crate::model::Page;

/// sitemap.xml for `pages` (url paths are relative to `base_url`, which ends in `/`).
pub fn sitemap(base_url: &str, pages: &[&Page], extra: &[String]) -> String {
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
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in entries {
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&loc)));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Atom feed: one entry per reviewed page, newest review first.
pub fn atom(base_url: &str, site_title: &str, pages: &[&Page]) -> String {
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
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n  <title>{}</title>\n  <subtitle>内容审核更新</subtitle>\n  <link href=\"{base}atom.xml\" rel=\"self\"/>\n  <link href=\"{base}\"/>\n  <id>{base}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(site_title),
        base = escape(base_url),
    );
    for p in reviewed {
        let url = escape(&format!("{base_url}{}", p.url_path));
        let date = p.reviewed.map(|d| d.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{url}\"/>\n    <id>{url}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <summary>{}（审核于 {date}）</summary>\n    <author><name>社保查询指南编辑</name></author>\n  </entry>\n",
            escape(&p.title),
            escape(&p.description),
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
