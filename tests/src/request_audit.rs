//! Judging the proxy log: did the page send anything after it loaded?
//!
//! Page-level requests may only be GETs of this site's own files named in `allowed` (for
//! example the XLSX module, loaded on demand). Chromium's own background calls (Google hosts,
//! which the flags mostly silence) are not the page's, but they too must not carry any part of
//! the file. Any request whose URL or body holds a fragment of the file is a leak.

use crate::site_server::Logged;

/// Hosts Chromium itself calls (updates, time, accounts, and a connection opened ahead to
/// its default search engine when a session starts): not requests made by the page.
const BROWSER_HOSTS: [&str; 5] = [
    "google.com",
    "googleapis.com",
    "gvt1.com",
    "gstatic.com",
    "duckduckgo.com",
];

/// Every problem found in `requests` (empty = clean).
pub fn audit(
    requests: &[Logged],
    origin: &str,
    allowed: &[&str],
    file_fragments: &[String],
) -> Vec<String> {
    let mut problems = Vec::new();
    for r in requests {
        for f in file_fragments {
            if contains(r.target.as_bytes(), f.as_bytes())
                || contains(r.target.as_bytes(), percent_encode(f).as_bytes())
                || contains(&r.body, f.as_bytes())
            {
                problems.push(format!(
                    "{} {} carries part of the file ({f:?})",
                    r.method, r.target
                ));
            }
        }
        if is_browser_host(&r.target) {
            continue;
        }
        match r.local_path(origin) {
            Some(path) if r.method == "GET" && allowed.contains(&path) => {}
            _ => problems.push(format!(
                "request after the page loaded: {} {} ({} bytes of body)",
                r.method,
                r.target,
                r.body.len()
            )),
        }
    }
    problems
}

/// Whether `target` (a proxy request target) is one of the hosts Chromium itself calls.
pub fn is_browser_host(target: &str) -> bool {
    let host = target.split("://").nth(1).unwrap_or(target);
    let host = host.split(['/', ':']).next().unwrap_or("");
    BROWSER_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// `s` as a URL's query or path carries it: every byte but ASCII letters and digits as `%XX`
/// (what a browser sends for the file's text, and what the search tests put after `?q=`).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Distinctive pieces of a statement file to look for in requests: its cells of 4+ bytes that
/// are not plain numbers or months (names, employer names, ID numbers, headers).
pub fn fragments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split([',', '\t', '\n', '\r', '"'])
        .map(str::trim)
        .filter(|c| {
            c.len() >= 6
                && c.chars()
                    .any(|ch| !ch.is_ascii_digit() && ch != '.' && ch != '-')
        })
        .map(String::from)
        .collect();
    out.sort();
    out.dedup();
    out.truncate(50);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, target: &str, body: &str) -> Logged {
        Logged {
            method: method.into(),
            target: target.into(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn flags_posts_unlisted_gets_and_content() {
        let o = "http://127.0.0.1:9";
        let frag = fragments("姓名,单位名称\n张三丰,营口示例商贸有限公司\n");
        assert!(frag.contains(&"营口示例商贸有限公司".to_string()));
        let ok = [
            req("GET", "http://127.0.0.1:9/calc/x.js", ""),
            req("CONNECT", "update.googleapis.com:443", ""),
        ];
        assert!(audit(&ok, o, &["/calc/x.js"], &frag).is_empty());
        let bad = [
            req("POST", "http://127.0.0.1:9/collect", "营口示例商贸有限公司"),
            req("GET", "http://127.0.0.1:9/other.js", ""),
            req("GET", "http://evil.example/?q=%E8%90%A5%E5%8F%A3%E7%A4%BA%E4%BE%8B%E5%95%86%E8%B4%B8%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8", ""),
        ];
        let p = audit(&bad, o, &["/calc/x.js"], &frag);
        assert_eq!(p.len(), 5, "{p:#?}");
    }
}
