//! The Nginx block in README.md sends exactly the headers of `site-templates/static/_headers`
//! (the file hosts like Netlify read), so the two cannot drift apart.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn read(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(name, value)` of every header line in `_headers` (indented `Name: value` lines).
fn headers_file() -> BTreeSet<(String, String)> {
    read("site-templates/static/_headers")
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// `(name, value)` of every `add_header Name "value" always;` in README.md's nginx block.
fn readme_nginx() -> BTreeSet<(String, String)> {
    let readme = read("README.md");
    let block = readme
        .split("```nginx\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("README.md has an ```nginx block");
    block
        .lines()
        .filter_map(|l| l.trim().strip_prefix("add_header "))
        .filter_map(|l| l.strip_suffix(" always;"))
        .filter_map(|l| l.split_once(' '))
        .map(|(n, v)| (n.to_string(), v.trim_matches('"').to_string()))
        .collect()
}

#[test]
fn readme_nginx_block_sends_the_headers_of_the_headers_file() {
    let file = headers_file();
    assert!(
        file.iter()
            .any(|(n, v)| n == "Content-Security-Policy" && v.contains("connect-src 'none'")),
        "_headers lost the calculator's policy: {file:?}"
    );
    assert_eq!(readme_nginx(), file);
}
