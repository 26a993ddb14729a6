//! The basic fixture site builds to the committed expected files (a diff per changed file;
//! `SNAPSHOTS=overwrite` rewrites them), two builds are byte-identical, and every JSON-LD block
//! is JSON with the right @type.

use std::path::{Path, PathBuf};

use shebao::build::{build, render, BuildOptions, Rendered};
use shebao::date::Date;
use shebao_tests::golden;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

fn options(out: PathBuf) -> BuildOptions {
    let fixture = root().join("tests/fixtures/sites/basic");
    BuildOptions {
        content: fixture.join("content"),
        templates: root().join("site-templates"),
        out,
        base_url: "https://example.org/shebao".into(),
        drafts: false,
        calc_bundle: None,
        today: Date::new(2026, 11, 25).expect("date"),
    }
}

/// The fixture site, rendered in memory.
fn fixture_site() -> Rendered {
    render(&options(PathBuf::from("unused"))).expect("fixture builds")
}

/// The text of one rendered file.
fn file_text(site: &Rendered, path: &str) -> String {
    let (_, bytes) = site
        .files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} missing"));
    String::from_utf8(bytes.clone()).expect("utf-8")
}

/// Generated files the golden test compares: pages, feeds, robots.txt, data. Copied static
/// assets and the calculator pages (another template owner) are left out.
fn compared(path: &str) -> bool {
    (path.ends_with(".html")
        || path.ends_with(".xml")
        || path == "robots.txt"
        || path.starts_with("data/"))
        && !path.contains("calculator/")
}

#[test]
fn basic_site_matches_expected_files() {
    let rendered = fixture_site();
    golden::assert_dir(
        &root().join("tests/fixtures/sites/basic/expected"),
        rendered
            .files
            .iter()
            .filter(|(p, _)| compared(p))
            .map(|(p, b)| (p.as_str(), b.as_slice())),
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("site-determinism");
    let _ = std::fs::remove_dir_all(&tmp);
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    build(&options(a.clone())).expect("first build");
    build(&options(b.clone())).expect("second build");
    let files = shebao_tests::files_under(&a);
    assert!(files.len() > 10, "suspiciously few files: {}", files.len());
    assert_eq!(files, shebao_tests::files_under(&b));
    for rel in &files {
        assert!(
            std::fs::read(a.join(rel)).expect("a") == std::fs::read(b.join(rel)).expect("b"),
            "{rel} differs between two builds"
        );
    }
}

#[test]
fn json_ld_blocks_parse_with_the_right_types() {
    let rendered = fixture_site();
    let page = |path: &str| file_text(&rendered, path);
    let types = |html: &str| -> Vec<String> {
        let mut types = Vec::new();
        for block in html.split("<script type=\"application/ld+json\">").skip(1) {
            let json = block.split("</script>").next().expect("closed script");
            let v: serde_json::Value =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("bad JSON-LD: {e}\n{json}"));
            assert_eq!(v["@context"], "https://schema.org");
            let nodes = v
                .get("@graph")
                .and_then(|g| g.as_array().cloned())
                .unwrap_or_else(|| vec![v.clone()]);
            types.extend(
                nodes
                    .iter()
                    .map(|n| n["@type"].as_str().expect("@type").to_string()),
            );
        }
        types
    };
    assert_eq!(
        types(&page("cities/yingkou/index.html")),
        ["BreadcrumbList", "GovernmentService", "HowTo", "FAQPage"]
    );
    assert_eq!(
        types(&page("faq/index.html")),
        ["BreadcrumbList", "FAQPage"]
    );
    assert_eq!(
        types(&page("topics/account/index.html")),
        ["BreadcrumbList"]
    );
    let city = page("cities/yingkou/index.html");
    assert!(
        city.contains("href=\"tel:041712333\""),
        "phone numbers are tel: links"
    );
    assert!(city
        .contains("<link rel=\"canonical\" href=\"https://example.org/shebao/cities/yingkou/\">"));
    assert_eq!(city.matches("<h1").count(), 1, "exactly one h1");
}

/// Confidence is shown in words, and the L figure (the 2025 crediting rate, third-party only)
/// reads as 未证实 — never as a plain number.
#[test]
fn unconfirmed_figures_read_as_unconfirmed() {
    let rendered = fixture_site();
    let topic = file_text(&rendered, "topics/account/index.html");
    let row = |year: &str| {
        let start = topic
            .find(&format!("<th scope=\"row\">{year}</th>"))
            .unwrap_or_else(|| panic!("row {year}"));
        let end = start + topic[start..].find("</tr>").expect("row end");
        topic[start..end].to_string()
    };
    // In the table: the figure, and a marker only on the unconfirmed one.
    let r2025 = row("2025");
    assert!(
        r2025.contains("1.5%") && r2025.contains("class=\"mark\""),
        "{r2025}"
    );
    assert!(!row("2024").contains("class=\"mark\""), "{}", row("2024"));
    // Under it, one tap away: each year's document with its confidence in words.
    let sources = &topic[topic.find("class=\"figure-sources\"").expect("sources")..];
    assert!(sources.contains("2025 年：") && sources.contains("（未证实）"));
    assert!(sources.contains("2024 年：") && sources.contains("（可靠）"));
    assert!(sources.contains("2021 年：") && sources.contains("（较可靠）"));
    assert!(
        topic.contains("class=\"conf-legend\"") && topic.contains("class=\"legend\""),
        "legends explain the marker and the words"
    );
}

/// The glossary marker lists exactly the reader's header names, in the reader's order.
#[test]
fn field_name_markers_list_the_readers_names() {
    use shebao_calc::read::{header_synonyms, Field};
    let rendered = fixture_site();
    let page = file_text(&rendered, "topics/fields/index.html");
    let (_, rate) = header_synonyms()
        .iter()
        .find(|(f, _)| *f == Field::Rate)
        .expect("rate field");
    assert!(
        page.contains(&format!("<p>列名：{}。</p>", rate.join("、"))),
        "{page}"
    );
    assert!(
        !page.contains("reader:field-names"),
        "every marker expanded"
    );
}

/// The FAQ index lists the national guide first (its weight is higher than the city's in the
/// fixture, and its path sorts after it), then the cities.
#[test]
fn faq_index_puts_the_national_guide_first() {
    let rendered = fixture_site();
    let page = file_text(&rendered, "faq/index.html");
    let national = page.find("<h2 id=\"faq-1\">全国社保查询指南</h2>");
    let city = page.find("<h2 id=\"faq-2\">营口社保查询指南</h2>");
    assert!(national.is_some() && city.is_some(), "{page}");
}

#[test]
fn contents_lists_are_not_search_results() {
    // The guides' 本页内容 list repeats their headings: indexed, it took one of a page's
    // three result places for any heading word.
    let rendered = fixture_site();
    let pages_with_toc = rendered
        .files
        .iter()
        .filter(|(p, b)| {
            p.ends_with("index.html")
                && String::from_utf8_lossy(b).contains("<summary>本页内容</summary>")
        })
        .count();
    assert!(
        pages_with_toc > 0,
        "the fixture has guides with a contents list"
    );
    for (path, bytes) in rendered
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("search/f/"))
    {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("\"本页内容\""),
            "{path} has a 本页内容 section: {text}"
        );
    }
}
