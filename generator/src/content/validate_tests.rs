use super::*;

fn lines(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(ToString::to_string).collect()
}

#[test]
fn valid_city_page() {
    let text = r#"+++
title = "营口社保查询"
description = "营口"
kind = "city"
reviewed = 2026-11-01
city = "yingkou"
city_name = "营口"
province = "liaoning"
start = ["**不用手机**：拨 12333。"]
[[sources]]
title = "辽宁人社"
url = "https://rst.ln.gov.cn/"
seen = 2026-10-30
[[channels]]
id = "hotline"
kind = "hotline"
name = "12333"
queries = ["缴费明细"]
needs = ["身份证"]
phone = "0417-12333"
verified = true
[[procedures]]
id = "p1"
title = "查询"
steps = ["打电话"]
channel = "hotline"
[[faqs]]
id = "q1"
question = "问？"
answer = "答。"
+++
正文
"#;
    let (page, diags) = parse_page("cities/yingkou.md", "content/cities/yingkou.md", text);
    assert_eq!(lines(&diags), Vec::<String>::new());
    let page = page.unwrap();
    assert_eq!(page.url_path, "cities/yingkou/");
    assert_eq!(page.parent.as_deref(), Some("cities/_index.md"));
    assert_eq!(page.guide.city.as_ref().unwrap().name, "营口");
    assert_eq!(page.guide.channels[0].phone.as_deref(), Some("0417-12333"));
    assert_eq!(page.body.text, "正文\n");
    assert_eq!(page.guide.start[0].text, "**不用手机**：拨 12333。");
}

#[test]
fn start_lines_belong_to_guides_only() {
    let text = "+++\ntitle = \"t\"\ndescription = \"d\"\nkind = \"topic\"\nreviewed = 2026-11-01\nstart = [\"拨 12333\"]\n[[sources]]\ntitle = \"t\"\nurl = \"https://x.cn/\"\nseen = 2026-10-30\n+++\n";
    let (_, diags) = parse_page("topics/a.md", "a.md", text);
    assert_eq!(
        lines(&diags),
        ["a.md:6:9: 字段 `start` 只用于城市或全国指南（kind = \"city\" 或 \"national\"）"]
    );
}

#[test]
fn reports_every_problem_with_positions() {
    let text = "+++\ntitel = \"x\"\ndescription = \"d\"\nkind = \"topic\"\nreviewed = \"2026-02-30\"\n[[sources]]\ntitle = \"t\"\nurl = \"ftp://x\"\nseen = 2026-01-01\n+++\n";
    let (page, diags) = parse_page("topics/a.md", "a.md", text);
    assert!(page.is_none());
    assert_eq!(
        lines(&diags),
        [
            "a.md:2:1: 未知字段 `titel`，是不是 `title`？",
            "a.md:2:1: 缺少必填字段 `title`",
            "a.md:5:12: 字段 `reviewed` 不是有效日期（格式 YYYY-MM-DD，如 2026-11-25）",
            "a.md:8:7: 字段 `sources.url` 不是有效网址：\"ftp://x\"（应以 https:// 开头）",
        ]
    );
}

#[test]
fn url_paths() {
    assert_eq!(url_path("_index.md", None), "");
    assert_eq!(url_path("cities/_index.md", None), "cities/");
    assert_eq!(url_path("cities/yingkou.md", Some("yk")), "cities/yk/");
    assert_eq!(parent_section("_index.md"), None);
    assert_eq!(parent_section("faq.md").as_deref(), Some("_index.md"));
    assert_eq!(
        parent_section("cities/_index.md").as_deref(),
        Some("_index.md")
    );
}
