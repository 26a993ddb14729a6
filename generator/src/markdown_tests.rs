use super::*;

fn resolve(path: &str) -> Option<String> {
    (path == "cities/yingkou.md").then(|| "../cities/yingkou/".to_string())
}

#[test]
fn cjk_heading_ids_and_duplicates() {
    let r = render(
        "## 缺月怎么办？\n\n## 缺月怎么办？\n\n### Step 2: 打开 App\n\n## 自定义 {#custom}\n",
        &resolve,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["缺月怎么办", "缺月怎么办-1", "step-2-打开-app", "custom"]
    );
    assert!(
        r.html.contains("<h2 id=\"缺月怎么办\">缺月怎么办？</h2>"),
        "{}",
        r.html
    );
    assert_eq!(r.headings[2].level, 3);
}

#[test]
fn internal_links_resolve_and_are_recorded() {
    let md = "见[营口](@/cities/yingkou.md#缺月怎么办)和[无](@/nope.md)。";
    let r = render(md, &resolve);
    assert!(
        r.html
            .contains("href=\"../cities/yingkou/#%E7%BC%BA%E6%9C%88%E6%80%8E%E4%B9%88%E5%8A%9E\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"#\""));
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[0].anchor.as_deref(), Some("缺月怎么办"));
    assert!(md[r.links[1].offset..].starts_with("[无](@/nope.md)"));
}

#[test]
fn tables_are_wrapped_and_footnotes_work() {
    let r = render("|a|b|\n|-|-|\n|1|2|\n\n脚注[^1]\n\n[^1]: 来源\n", &resolve);
    assert!(
        r.html.starts_with("<div class=\"table-wrap\"><table>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn inline_strips_single_paragraph() {
    assert_eq!(
        render_inline("打开**辽事通**", &resolve).html,
        "打开<strong>辽事通</strong>"
    );
}
