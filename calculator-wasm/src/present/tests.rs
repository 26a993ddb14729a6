//! The presentation, natively: the site's sample statement through the real engine and the
//! real policy data, then the HTML checked for the figures, the escaping and the pictures.

use super::{CheckInput, Engine, OptionText};
use crate::test_policy::policy_json;
use shebao_calc::decode::Utf8Only;
use std::path::Path;

fn sample() -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../site-templates/static/calc/sample.csv");
    std::fs::read(p).expect("sample.csv")
}

/// A fixture statement of `tests/fixtures/statements/`.
fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/statements")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Page options from `key=value` pairs, as the page would send them.
fn options(pairs: &[(&str, &str)]) -> OptionText {
    let mut o = OptionText::default();
    for (k, v) in pairs {
        let slot = match *k {
            "city" => &mut o.city,
            "birth" => &mut o.birth,
            "track" => &mut o.track,
            "today" => &mut o.today,
            _ => panic!("unknown option {k}"),
        };
        *slot = Some(v.to_string());
    }
    o
}

/// The timeline's table view (after its summary) in a report's HTML.
fn timeline_table(html: &str) -> &str {
    html.split("用表格查看时间线")
        .nth(1)
        .expect("the timeline table")
}

fn check(bytes: &[u8], name: &str, options: OptionText) -> super::CheckOutput {
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    engine
        .check(
            &CheckInput {
                bytes,
                file_name: name,
                options,
            },
            &Utf8Only,
        )
        .unwrap_or_else(|e| panic!("{}: {}", e.kind, e.message))
}

#[test]
fn sample_report_shows_figures_gap_arrears_and_mismatch() {
    let out = check(
        &sample(),
        "sample.csv",
        options(&[("city", "yingkou"), ("today", "2026-11")]),
    );
    let report: serde_json::Value = serde_json::from_str(&out.json()).expect("json");
    assert_eq!(report["schema_version"], 1);
    let h = &out.html;
    // Pension: 18 months in 2024-01..2025-06 minus the July 2024 gap = 17 with a record,
    // one of them (2025-03) unpaid → 16 paid.
    assert!(
        h.contains("data-insurance=\"pension\" data-months-paid=\"16\""),
        "{h}"
    );
    assert!(h.contains("data-gap data-from=\"2024-07\" data-to=\"2024-07\" data-insurances=\"pension medical unemployment\""), "{h}");
    assert!(h.contains("data-arrears data-from=\"2025-03\" data-to=\"2025-03\" data-insurances=\"pension medical unemployment\""));
    assert!(h.contains("data-finding=\"personal_amount_mismatch\""));
    // The timeline: three insurances, each with its two years of cells; July 2024 is a gap in
    // each (a crossed cell), March 2025 arrears.
    assert!(h.contains("<div class=\"timeline\" role=\"img\""));
    assert_eq!(h.matches("<p class=\"tl-name\">").count(), 3, "{h}");
    assert_eq!(h.matches("<span class=\"tl-y\">2024</span>").count(), 3);
    assert_eq!(h.matches("<span class=\"tl-y\">2025</span>").count(), 3);
    assert_eq!(
        h.matches("class=\"tl-x\"").count(),
        3,
        "one crossed gap per insurance"
    );
    assert_eq!(h.matches("class=\"tl-arrears\"").count(), 3);
    assert!(h.contains("<svg class=\"base-chart\""));
    assert!(h.contains("用表格查看时间线"));
    assert!(h.contains("营口"), "the place used is named");
}

#[test]
fn text_from_the_file_is_escaped() {
    let csv = "姓名,费款所属期,险种类型,缴费基数,个人缴费,单位缴费\n\
               <script>alert(1)</script>,202401,企业职工基本养老保险,4500,360,720\n\
               \"<img src=x onerror=alert(2)>\",202401,企业职工基本养老保险,4500,360,720\n";
    let out = check(csv.as_bytes(), "<b>evil</b>.csv", OptionText::default());
    assert!(!out.html.contains("<script>"), "{}", out.html);
    assert!(!out.html.contains("<img"), "{}", out.html);
    assert!(!out.html.contains("<b>evil"), "{}", out.html);
    assert!(out.html.contains("&lt;script&gt;"));
}

#[test]
fn several_people_get_a_list_to_pick_from() {
    let csv = "姓名,证件号码,费款所属期,险种类型,缴费基数,个人缴费,单位缴费\n\
               张三,110101199001011234,202401,企业职工基本养老保险,4500,360,720\n\
               李四,110101199202021234,202401,企业职工基本养老保险,4500,360,720\n";
    let out = check(csv.as_bytes(), "batch.csv", OptionText::default());
    assert!(out.html.contains("data-person-link=\"1\""));
    assert!(out
        .html
        .contains("id=\"person-1\" data-person=\"1\" hidden"));
    assert!(out.html.contains("110101********1234"));
    assert!(!out.html.contains("110101199001011234"), "IDs are masked");
}

#[test]
fn unreadable_file_gives_a_kind_and_a_chinese_message() {
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    let input = CheckInput {
        bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        file_name: "x.csv",
        options: OptionText::default(),
    };
    let err = engine
        .check(&input, &Utf8Only)
        .err()
        .expect("a PNG is refused");
    assert_eq!(err.kind, "not_a_table");
    assert!(
        err.message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{}",
        err.message
    );
}

#[test]
fn bad_options_are_refused_in_chinese() {
    // The one options parser: a bad month, and a birth month without a track.
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    let input = CheckInput {
        bytes: &sample(),
        file_name: "s.csv",
        options: options(&[("birth", "1970-13"), ("track", "men")]),
    };
    let err = engine
        .check(&input, &Utf8Only)
        .err()
        .expect("bad month refused");
    assert_eq!(err.kind, "bad_options");
    assert!(err.message.contains("1970-13"), "{}", err.message);
    let input = CheckInput {
        options: options(&[("birth", "1970-05")]),
        ..input
    };
    let err = engine.check(&input, &Utf8Only).err().expect("refused");
    assert!(err.message.contains("退休类别"), "{}", err.message);
}

#[test]
fn retirement_part_appears_with_birth_and_track() {
    let out = check(
        &sample(),
        "sample.csv",
        options(&[
            ("city", "yingkou"),
            ("birth", "1970-05"),
            ("track", "men"),
            ("today", "2026-11"),
        ]),
    );
    assert!(
        out.html.contains("data-retirement-month=\""),
        "{}",
        out.html
    );
    assert!(out.html.contains("退休估算"));
}

#[test]
fn a_row_with_two_unreadable_cells_is_one_row_said_once() {
    // One year's row of a 年×月 grid with two amounts that are not numbers.
    let csv = "年度,1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月\n\
               2023,420,420,420,420,420,420,42O,42O.0,420,420,420,420\n";
    let out = check(csv.as_bytes(), "grid.csv", OptionText::default());
    let h = &out.html;
    assert!(h.contains("data-unreadable-rows=\"1\""), "{h}");
    assert!(h.contains("有 1 行的内容读不出来"), "{h}");
    assert_eq!(h.matches("<li>第 2 行：").count(), 1, "{h}");
    assert!(
        !h.contains("第 2 行：第 2 行"),
        "the row is named once: {h}"
    );
    assert!(h.contains("“7月”列") && h.contains("“8月”列"), "{h}");
}

#[test]
fn an_unreadable_month_of_two_insurances_names_both_rows() {
    // February's pension amount is on row 4, its medical amount on row 5: both unreadable.
    let csv = "费款所属期,险种,缴费基数,个人缴费\n\
               202301,养老,5000,400.00\n202301,医疗,5000,100.00\n\
               202302,养老,5000,4O0.00\n202302,医疗,5000,1O0.00\n\
               202303,养老,5000,400.00\n202303,医疗,5000,100.00\n";
    let out = check(csv.as_bytes(), "two.csv", OptionText::default());
    let h = &out.html;
    let line = h
        .split("<li data-unreadable ")
        .nth(1)
        .expect("an unreadable line");
    assert!(line.contains("第 4、5 行"), "{line}");
    // The timeline's table says what its picture draws, unreadable months included.
    let table = timeline_table(h);
    assert!(
        table.contains("<td>读不出来（不算断缴）：2月</td>"),
        "{table}"
    );
}

#[test]
fn refunded_months_are_in_the_timeline_table() {
    let out = check(
        &fixture("refunds.csv"),
        "refunds.csv",
        OptionText::default(),
    );
    let table = timeline_table(&out.html);
    assert!(table.contains("已退费："), "{table}");
}

#[test]
fn records_the_file_says_it_has_but_does_not_are_said() {
    // One page of a web table copied: the line under it counts 12 records.
    let tsv = "费款所属期\t险种\t缴费基数\t个人缴费\n202401\t养老\t5000\t400.00\n\
               202402\t养老\t5000\t400.00\n共 12 条记录，每页 2 条\n";
    let out = check(tsv.as_bytes(), "copied.txt", OptionText::default());
    assert!(
        out.html.contains(
            "<div class=\"alert\" data-rows-left-out><p>文件里写着共 12 条记录，比表格里的多"
        ),
        "{}",
        out.html
    );
}

#[test]
fn months_that_paid_nothing_are_said() {
    // 已到账 with 0.00 on both sides: not paid, not owed, and not "outside the file".
    let csv = "费款所属期,险种,缴费基数,个人缴费,单位缴费,缴费状态\n\
               202301,养老,5000,400.00,800.00,已到账\n202302,养老,5000,0.00,0.00,已到账\n\
               202303,养老,5000,400.00,800.00,已到账\n";
    let out = check(csv.as_bytes(), "zero.csv", OptionText::default());
    let h = &out.html;
    assert!(h.contains("（其中 1 个月金额为 0，不算已缴）"), "{h}");
    assert!(
        h.contains("有记录，金额为 0（不算已缴）</li>"),
        "the legend: {h}"
    );
    assert!(h.contains("class=\"tl-zero\""), "{h}");
    assert!(timeline_table(h).contains("金额为 0：2月"), "{h}");
}

#[test]
fn interrupted_months_need_attention_and_owe_nothing() {
    let csv = "费款所属期,险种,缴费基数,个人缴费,缴费状态\n\
               202301,养老,5000,400.00,已到账\n202302,养老,5000,0.00,中断\n\
               202303,养老,5000,0.00,中断\n202304,养老,5000,400.00,已到账\n";
    let out = check(csv.as_bytes(), "interrupted.csv", OptionText::default());
    let h = &out.html;
    assert!(h.contains("data-verdict=\"attention\""), "{h}");
    assert!(h.contains("<strong>参保中断</strong>：2 个月"), "{h}");
    assert!(h.contains("中断 2 个月"), "the table names them: {h}");
    // An interrupted month's 0.00 is not a short payment.
    assert!(
        !h.contains("data-finding=\"personal_amount_mismatch\""),
        "{h}"
    );
}

#[test]
fn identical_rows_are_not_called_a_rule_breach() {
    let csv = "费款所属期,险种,缴费基数,个人缴费\n\
               202301,养老,5000,400.00\n202302,养老,5000,400.00\n202302,养老,5000,400.00\n";
    let out = check(csv.as_bytes(), "twice.csv", OptionText::default());
    let h = &out.html;
    assert!(!h.contains("和规定对不上"), "{h}");
    assert!(h.contains("<strong>重复的记录</strong>：1 处"), "{h}");
}

#[test]
fn a_span_with_months_missing_but_not_named_needs_attention() {
    // An employer's certificate: 王五 paid 20 of the 24 months, it does not say which.
    let out = check(
        &fixture("employer-certificate.txt"),
        "employer-certificate.txt",
        OptionText::default(),
    );
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    let wang = engine.person_html(&out, 2).expect("王五's section");
    let wang = &wang;
    assert!(wang.contains("data-verdict=\"attention\""), "{wang}");
    assert!(wang.contains("养老保险 4 个月没缴"), "{wang}");
    assert!(wang.contains("缺 4 个月（证明没写是哪几个月）"), "{wang}");
    assert!(wang.contains("class=\"tl-partly\""), "{wang}");
    assert!(
        !wang.contains("class=\"tl-none\""),
        "the span is in the file: {wang}"
    );
}

#[test]
fn refunds_are_named_beside_the_personal_total() {
    let out = check(
        &fixture("refunds.csv"),
        "refunds.csv",
        OptionText::default(),
    );
    assert!(
        out.html.contains("（已减去退费 800.00 元）"),
        "{}",
        out.html
    );
}

#[test]
fn totals_that_hold_a_month_twice_say_so() {
    // Two different paid records for 2023-02: both are in the totals.
    let csv = "费款所属期,险种,缴费基数,个人缴费,单位缴费\n\
               202301,养老,5000,400.00,800.00\n202302,养老,5000,400.00,800.00\n\
               202302,养老,5200,416.00,832.00\n202303,养老,5000,400.00,800.00\n";
    let out = check(csv.as_bytes(), "dup.csv", OptionText::default());
    assert!(
        out.html
            .contains("1,616.00 元（合计含 2023-02 同一个月的几条记录，可能重复计算"),
        "{}",
        out.html
    );
}

#[test]
fn months_before_the_first_record_in_a_declared_period_are_said() {
    // A certificate for 2023-02…2023-06 whose records start in 2023-04.
    let csv = "出具证明前5个月缴费情况（2023年02月-2023年06月）\n\
               年,月,险种,缴费基数,个人缴费,缴费状况\n\
               2023,04,养老,5000,400.00,已到账\n2023,05,养老,5000,400.00,已到账\n\
               2023,06,养老,5000,400.00,已到账\n";
    let out = check(csv.as_bytes(), "cert.csv", OptionText::default());
    let note = out
        .html
        .split("<p class=\"note\">")
        .find(|p| p.contains("证明所列期间开头"))
        .unwrap_or_else(|| panic!("{}", out.html));
    assert!(
        note.starts_with("2023年2月至2023年3月，共2个月：养老保险在证明所列期间开头没有记录"),
        "{note}"
    );
}

#[test]
fn advice_for_missing_months_is_given_once() {
    // The sample has a gap and arrears: the verdict points to the box that advises.
    let out = check(
        &sample(),
        "sample.csv",
        options(&[("city", "yingkou"), ("today", "2026-11")]),
    );
    assert_eq!(out.html.matches("补报").count(), 1, "{}", out.html);
    assert!(out.html.contains("怎么办：见下面的“断缴和欠费”。"));
}

#[test]
fn other_sheets_with_records_are_named_above_the_figures() {
    // A workbook as the XLSX decoder module hands it over: a sheet per year.
    let mut grids = String::from("shebao-grid 1 xlsx 0\n");
    for year in [2023, 2024] {
        grids.push_str(&format!(
            "G0\t{year}年\nR1\tt费款所属期\tt险种\tt个人缴费\n"
        ));
        for m in 1..=3 {
            grids.push_str(&format!("R{}\tt{year}{m:02}\tt养老\tn400\n", m + 1));
        }
    }
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    let out = engine
        .check_grid(&grids, "per-year.xlsx", &OptionText::default())
        .unwrap_or_else(|e| panic!("{}: {}", e.kind, e.message));
    let h = &out.html;
    let note = h
        .split("data-sheets-not-read")
        .nth(1)
        .expect("a note on the sheets not read");
    assert!(note.contains("工作表“2024年”也有缴费记录"), "{note}");
    assert!(note.contains("只算工作表“2023年”"), "{note}");
    // Before any figure of the person.
    assert!(h.find("data-sheets-not-read") < h.find("已缴"), "{h}");
}

#[test]
fn an_unreadable_last_row_names_its_month() {
    // The file's last row (April) has an amount that cannot be read: April is named as
    // unreadable, or the reader would take March for the last month.
    let csv = "费款所属期,险种,个人缴费,单位缴费\n\
               202401,养老,400.00,800.00\n202402,养老,400.00,800.00\n\
               202403,养老,400.00,800.00\n202404,养老,400.00,8e2\n";
    let out = check(csv.as_bytes(), "last.csv", OptionText::default());
    let line = out
        .html
        .split("<li data-unreadable ")
        .nth(1)
        .expect("an unreadable line");
    assert!(line.contains("2024年4月"), "{line}");
    assert!(line.contains("第 5 行"), "{line}");
}

/// The first person's first insurance in the report JSON of `csv`, and the report's HTML.
fn first_insurance(csv: &str, name: &str) -> (serde_json::Value, String) {
    let out = check(csv.as_bytes(), name, OptionText::default());
    let report: serde_json::Value = serde_json::from_str(&out.json()).expect("json");
    (report["people"][0]["insurances"][0].clone(), out.html)
}

#[test]
fn months_between_the_last_record_and_a_later_unreadable_row_are_gaps() {
    // December and January have no row at all; February's row cannot be read. The gap is
    // named, February is unreadable (not a gap), and the timeline reaches into 2025.
    let csv = "费款所属期,险种,个人缴费\n\
               202410,养老,400.00\n202411,养老,400.00\n202502,养老,4O0.00\n";
    let (pension, html) = first_insurance(csv, "later.csv");
    assert_eq!(
        pension["gaps"],
        serde_json::json!([{"from": "2024-12", "to": "2025-01", "months": 2}])
    );
    assert_eq!(pension["unreadable"][0]["from"], "2025-02");
    assert!(timeline_table(&html).contains(">2025<"), "{html}");
}

#[test]
fn months_between_an_earlier_unreadable_row_and_the_first_record_are_gaps() {
    // The mirror of the case above: March's row cannot be read, April and May have no row at
    // all, the records start in June. April and May are a gap, March is unreadable.
    let csv = "费款所属期,险种,个人缴费\n\
               202403,养老,4O0.00\n202406,养老,400.00\n202407,养老,400.00\n";
    let (pension, _) = first_insurance(csv, "earlier.csv");
    assert_eq!(
        pension["gaps"],
        serde_json::json!([{"from": "2024-04", "to": "2024-05", "months": 2}])
    );
    assert_eq!(pension["unreadable"][0]["from"], "2024-03");
    assert_eq!(pension["unreadable"][0]["to"], "2024-03");

    // With a declared period opening in January, only January and February are said to have
    // no record before the first one: March is unreadable, April and May a gap.
    let titled = format!("缴费情况（2024年01月-2024年07月）\n{csv}");
    let (pension, _) = first_insurance(&titled, "earlier.csv");
    assert_eq!(pension["unrecorded_start"]["to"], "2024-02", "{pension}");
    assert_eq!(pension["gaps"][0]["from"], "2024-04", "{pension}");
}

#[test]
fn rows_of_a_pdf_are_named_with_their_pages() {
    // A PDF's grid as the decoder hands it over: page 2 begins at row 5, where March is
    // printed twice with different figures and April's amount cannot be read.
    let handover = "shebao-grid 1 pdf 2\nP1 1\nP5 2\nG0\n\
        R1\tt费款所属期\tt险种\tt个人缴费\n\
        R2\tt202401\tt养老\tn400.00\nR3\tt202402\tt养老\tn400.00\n\
        R5\tt202403\tt养老\tn400.00\nR6\tt202403\tt养老\tn380.00\n\
        R7\tt202404\tt养老\tt4O0.00\n";
    let engine = Engine::new(serde_json::from_str(&policy_json()).expect("policy parses"));
    let out = engine
        .check_grid(handover, "明细.pdf", &OptionText::default())
        .unwrap_or_else(|e| panic!("{}: {}", e.kind, e.message));
    for said in [
        "正常记录，在文件第 5、6 行（第 2 页）：",
        "记录可能在文件第 7 行（第 2 页），但读不出来",
        "文件第 7 行（第 2 页）有读不出来的内容",
    ] {
        assert!(out.html.contains(said), "{said} not in {}", out.html);
    }
}

#[test]
fn deemed_years_are_shown_apart_from_months_paid() {
    // A range row of 视同缴费 (no amounts) before the months paid.
    let csv = "险种类型,费款所属期,缴费基数,个人缴费,单位缴费,缴费类型\n\
               养老,1993-01至1994-12,,,,视同缴费\n\
               养老,199501,300,9.00,60.00,正常应缴\n养老,199502,300,9.00,60.00,正常应缴\n";
    let out = check(csv.as_bytes(), "deemed.csv", OptionText::default());
    let h = &out.html;
    assert!(h.contains("data-months-paid=\"2\""), "{h}");
    assert!(h.contains("（其中视同缴费 24 个月"), "{h}");
    assert!(h.contains("class=\"key k-deemed\""), "{h}");
    assert!(h.contains("视同缴费：全年"), "{h}");
    // Not a gap anywhere.
    assert!(!h.contains("data-gap-months=\"24\""), "{h}");
}

/// A month paid short: the totals' cell says what it leaves out.
#[test]
fn totals_name_a_month_paid_short() {
    let csv = "费款所属期,险种,缴费基数,个人应缴金额,个人实缴金额\n\
               202401,养老,5000,400.00,400.00\n202402,养老,5000,400.00,200.00\n";
    let out = check(csv.as_bytes(), "short.csv", options(&[]));
    let table = out
        .html
        .split("各险种缴费情况")
        .nth(1)
        .expect("the insurances table");
    assert!(
        table.contains("400.00 元（合计不含 2024-02 未缴足的月份已缴的部分）"),
        "{table}"
    );
}
