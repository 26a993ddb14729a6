//! The fixtures of what real systems export (tests/fixtures/statements/generate_exports.py)
//! read to their hand-checked figures, and the ones no statement can hold are refused.
#[path = "read_support.rs"]
mod support;

use shebao_calc::error::ErrorKind;
use shebao_calc::record::{Insurance::*, PayStatus};
use shebao_calc::statement::{Format, Layout};
use support::*;

/// (months, personal total, employer total) of one insurance.
fn figures(
    p: &shebao_calc::record::Person,
    ins: shebao_calc::record::Insurance,
) -> (Vec<String>, String, String) {
    (
        months(p, ins),
        personal_total(p, ins).normalize().to_string(),
        employer_total(p, ins).normalize().to_string(),
    )
}

fn spans(s: &shebao_calc::statement::Statement, person: usize) -> Vec<(String, String, u32)> {
    s.people[person]
        .coverage
        .iter()
        .map(|c| (c.from.to_string(), c.to.to_string(), c.months))
        .collect()
}

/// The unreadable rows listed: (row, month, insurance).
fn unreadable(
    s: &shebao_calc::statement::Statement,
) -> Vec<(
    usize,
    Option<String>,
    Option<shebao_calc::record::Insurance>,
)> {
    s.source
        .rows_skipped
        .iter()
        .filter(|r| r.unreadable)
        .map(|r| (r.row, r.month.map(|m| m.to_string()), r.insurance))
        .collect()
}

#[test]
fn national_code_headers_in_any_case() {
    let s = read_fixture("national-codes.csv").unwrap();
    assert_eq!(s.source.layout, Layout::Long);
    let p = &s.people[0];
    assert_eq!(
        (p.name.as_deref(), p.id.as_deref()),
        (Some("张三"), Some("110101199001011234"))
    );
    // AAE003 (the month paid for) wins over AAE002 (booked 2024-04 for March).
    let all = ["2024-01", "2024-02", "2024-03"].map(String::from).to_vec();
    assert_eq!(
        figures(p, Pension),
        (all.clone(), "1200".into(), "2400".into())
    );
    assert_eq!(
        figures(p, Medical),
        (all.clone(), "300".into(), "1425".into())
    );
    let unemployment = of(p, Unemployment);
    assert_eq!(unemployment[2].status, PayStatus::Unpaid); // AAE078 = 0
    assert!(unemployment.iter().all(|r| r.base == Some(d("5000"))));
}

#[test]
fn more_period_headers_and_flags() {
    let s = read_fixture("long-booked-month.csv").unwrap();
    let p = &s.people[0];
    // 缴费月份, not 台账月份; 已实现 is paid, 未实现 not.
    assert_eq!(
        months(p, Pension),
        ["2024-01", "2024-02", "2024-03", "2024-04"]
    );
    let statuses: Vec<PayStatus> = of(p, Pension).iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            PayStatus::Paid,
            PayStatus::Paid,
            PayStatus::Paid,
            PayStatus::Unpaid
        ]
    );
    let s = read_fixture("tax-bureau-levy.csv").unwrap();
    let p = &s.people[0];
    assert_eq!(
        figures(p, Unemployment),
        (
            vec!["2025-05".into(), "2025-06".into()],
            "48.12".into(),
            "48.12".into()
        )
    );
}

#[test]
fn range_rows_with_total_columns_and_counts() {
    let s = read_fixture("ranges-totals.csv").unwrap();
    assert_eq!(s.source.layout, Layout::Ranges);
    let p = &s.people[0];
    assert_eq!(of(p, Pension).len(), 9);
    assert_eq!(personal_total(p, Pension), d("2976.00"));
    assert_eq!(employer_total(p, Pension), d("5952.00"));
    assert_eq!(figures(p, Medical).1, "504");
    let s = read_fixture("coverage-spans.csv").unwrap();
    assert_eq!(s.source.layout, Layout::Coverage);
    assert_eq!(
        spans(&s, 0),
        [
            ("2025-05".into(), "2026-05".into(), 13),
            ("2025-05".into(), "2026-05".into(), 11)
        ]
    );
}

#[test]
fn employer_certificate_lists_several_people() {
    let s = read_fixture("employer-certificate.txt").unwrap();
    assert_eq!(
        (s.source.format, s.source.layout),
        (Format::Text, Layout::Coverage)
    );
    let names: Vec<_> = s.people.iter().map(|p| p.name.clone().unwrap()).collect();
    assert_eq!(names, ["张三", "李四", "王五"]);
    assert_eq!(
        spans(&s, 0),
        [
            ("2019-01".into(), "2024-12".into(), 72),
            ("2019-01".into(), "2024-12".into(), 70)
        ]
    );
    assert_eq!(spans(&s, 2), [("2023-01".into(), "2024-12".into(), 20)]);
}

#[test]
fn ocr_certificate_with_three_pairs_a_line() {
    let s = read_fixture("ocr-certificate.txt").unwrap();
    let counts: Vec<(String, u32)> = s.people[0]
        .coverage
        .iter()
        .map(|c| (c.from.to_string(), c.months))
        .collect();
    assert_eq!(
        counts,
        [
            ("2019-01".into(), 12),
            ("2020-01".into(), 12),
            ("2021-01".into(), 11),
            ("2022-01".into(), 12),
            ("2023-01".into(), 6)
        ]
    );
    assert!(s.people[0].coverage.iter().all(|c| c.insurance == Medical));
}

/// Excel error values are unreadable cells (their rows named), never blank amounts.
#[test]
fn lost_cell_values_are_unreadable_not_blank() {
    let s = read_fixture("lost-values.xlsx").unwrap();
    assert_eq!(
        months(&s.people[0], Pension),
        ["2025-01", "2025-02", "2025-03"]
    );
    let bad: Vec<(usize, bool)> = s
        .source
        .rows_skipped
        .iter()
        .filter(|r| r.unreadable)
        .map(|r| {
            (
                r.row,
                r.reason.contains("#N/A") || r.reason.contains("#REF!"),
            )
        })
        .collect();
    assert_eq!(bad, [(5, true), (6, true)]);
}

/// Only the first sheet with records is read (row numbers of two sheets would collide, and a
/// summary sheet would count months twice); the others with records are named, so the
/// report can say what its figures leave out.
#[test]
fn other_sheets_with_records_are_named() {
    let s = read_fixture("sheet-per-year.xlsx").unwrap();
    assert_eq!(s.source.sheet.as_deref(), Some("2023年"));
    assert_eq!(s.source.sheets_not_read, ["2024年"]);
    assert_eq!(months(&s.people[0], Pension).len(), 12);
}

#[test]
fn a_hidden_sheet_is_not_the_statement() {
    // The hidden template's example row (示例, 2010-01) is not read, and said so.
    let s = read_fixture("hidden-template-first.xlsx").unwrap();
    assert_eq!(s.source.sheet.as_deref(), Some("缴费明细"));
    assert_eq!(s.source.sheets_not_read, ["模板（隐藏）"]);
    assert_eq!(s.people.len(), 1);
    assert_eq!(
        months(&s.people[0], Pension),
        ["2025-01", "2025-02", "2025-03"]
    );
}

#[test]
fn a_summary_sheet_before_the_detail_is_not_the_statement() {
    let s = read_fixture("summary-first.xlsx").unwrap();
    assert_eq!(s.source.sheet.as_deref(), Some("缴费明细"));
    assert_eq!(s.source.layout, Layout::Long);
    assert_eq!(s.source.sheets_not_read, ["年度汇总"]);
    let p = &s.people[0];
    assert!(p.coverage.is_empty());
    assert_eq!(
        figures(p, Pension),
        (
            vec![
                "2025-01".into(),
                "2025-02".into(),
                "2025-03".into(),
                "2025-04".into()
            ],
            "1600".into(),
            "3200".into()
        )
    );
}

#[test]
fn ids_a_spreadsheet_turned_into_numbers_do_not_merge_people() {
    // In XLSX (numbers of 15 significant digits) and in a CSV Excel saved (`1.10101E+17`):
    // the IDs are damaged, so the names tell the people apart, and no ID is shown.
    let xlsx = read_fixture("ids-as-numbers.xlsx").unwrap();
    let csv = read_str(
        "姓名,身份证号,费款所属期,险种类型,个人缴费\n\
         张三,1.10101E+17,202501,养老,400\n李四,1.10101E+17,202501,养老,480\n",
    )
    .unwrap();
    for s in [xlsx, csv] {
        let people: Vec<_> = s
            .people
            .iter()
            .map(|p| (p.name.as_deref(), p.id.as_deref(), p.id_damaged))
            .collect();
        assert_eq!(
            people,
            [(Some("张三"), None, true), (Some("李四"), None, true)]
        );
    }
    // Two people of one name: apart while their damaged IDs differ (a number keeps 15
    // digits), together when the damage made them the same.
    let s = read_str(
        "姓名,身份证号,费款所属期,险种类型,个人缴费\n\
         张三,1.10101199001011E+17,202501,养老,400\n张三,1.10101198502021E+17,202501,养老,480\n\
         张三,1.10101199001011E+17,202502,养老,400\n",
    )
    .unwrap();
    let months: Vec<_> = s.people.iter().map(|p| months(p, Pension)).collect();
    assert_eq!(months, [vec!["2025-01", "2025-02"], vec!["2025-01"]]);
}

#[test]
fn excel_text_wrappers_are_unwrapped() {
    // `="202401"` keeps Excel from turning a month or an ID into a number; plain or quoted.
    let s = read_str(
        "姓名,身份证号,费款所属期,险种类型,个人缴费\n\
         张三,=\"110101199001011234\",=\"202401\",养老,400\n\
         张三,\"=\"\"110101199001011234\"\"\",\"=\"\"202402\"\"\",养老,400\n",
    )
    .unwrap();
    assert_eq!(s.people.len(), 1);
    assert_eq!(s.people[0].id.as_deref(), Some("110101199001011234"));
    assert_eq!(months(&s.people[0], Pension), ["2024-01", "2024-02"]);
}

#[test]
fn a_web_tables_copy_reads_its_spans_pager_and_count() {
    // Copied from a web page: 险种类型 spans its rows (copied into the first only), the line
    // under the table says how many records there are, and the pager comes along.
    let s = read_str(
        "险种类型\t费款所属期\t缴费基数\t个人缴费\n\
         企业职工基本养老保险\t2024-01\t5000\t400.00\n\
         \t2024-02\t5000\t400.00\n\
         失业保险\t2024-01\t5000\t25.00\n\
         \t2024-02\t5000\t25.00\n\
         共 6 条记录，每页 4 条\t\n\
         首页\t上一页\t1\t2\t下一页\t尾页\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), ["2024-01", "2024-02"]);
    assert_eq!(months(p, Unemployment), ["2024-01", "2024-02"]);
    assert_eq!(s.source.rows_stated, Some(6));
    assert!(s.source.rows_skipped.iter().all(|r| !r.unreadable));
    // A count the table holds (a row of a scheme outside the five counted too) is no news.
    let s = read_str(
        "险种类型\t费款所属期\t个人缴费\n企业职工基本养老保险\t2024-01\t400.00\n\
         大额医疗补助\t2024-01\t10.00\n共 2 条记录\n",
    )
    .unwrap();
    assert_eq!(s.source.rows_stated, None);
}

#[test]
fn a_blank_insurance_cell_is_said_to_be_blank() {
    // Nothing above to take it from, or the row above is another person's.
    let s = read_str(
        "姓名,险种类型,费款所属期,个人缴费\n张三,,2024-01,400.00\n张三,养老,2024-02,400.00\n\
         张三,,2024-03,400.00\n李四,,2024-01,480.00\n",
    )
    .unwrap();
    let bad: Vec<_> = s
        .source
        .rows_skipped
        .iter()
        .filter(|r| r.unreadable)
        .collect();
    assert_eq!(bad.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 5]);
    assert!(
        bad[0].reason.contains("险种这一格是空的"),
        "{}",
        bad[0].reason
    );
    assert_eq!(months(&s.people[0], Pension), ["2024-02", "2024-03"]);
}

#[test]
fn titles_merged_across_the_sheet_are_titles() {
    let s = read_fixture("merged-title.xlsx").unwrap();
    assert_eq!(s.source.header_row, Some(3));
    let p = &s.people[0];
    assert_eq!(p.name.as_deref(), Some("张三"));
    assert_eq!(
        figures(p, Pension),
        (
            ["2025-01", "2025-02", "2025-03", "2025-04"]
                .map(String::from)
                .to_vec(),
            "1664".into(),
            "3328".into()
        )
    );
    let s = read_fixture("employer-bill-merged.xlsx").unwrap();
    assert_eq!(s.source.layout, Layout::EmployerBill);
    assert_eq!(s.declared_period, Some((m(2025, 6), m(2025, 6))));
    assert_eq!(s.people.len(), 2);
    assert_eq!(
        figures(&s.people[1], Medical),
        (vec!["2025-06".into()], "100".into(), "475".into())
    );
}

#[test]
fn settled_arrears_take_the_paying_rows_month() {
    let s = read_fixture("arrears-settled.csv").unwrap();
    let unpaid: Vec<_> = s.people[0]
        .records
        .iter()
        .filter(|r| r.status == PayStatus::Unpaid)
        .collect();
    assert_eq!(unpaid.len(), 1);
    assert_eq!(unpaid[0].settled, Some(m(2024, 6)));
}

#[test]
fn a_portals_raw_json_is_a_table_or_refused_in_chinese() {
    let s = read_fixture("portal-raw.json").unwrap();
    assert_eq!(
        (s.source.format, s.source.layout),
        (Format::Json, Layout::Long)
    );
    let p = &s.people[0];
    assert_eq!(
        figures(p, Pension),
        (
            vec!["2025-01".into(), "2025-02".into()],
            "769.92".into(),
            "1539.84".into()
        )
    );
    assert_eq!(of(p, Medical)[1].status, PayStatus::Unpaid);
    let e = read_fixture("invalid/portal-page.json").unwrap_err();
    assert_eq!(e.kind, ErrorKind::WebsiteJson);
    let e = read_str("{\"source\": {\"format\": \"csv\"}, \"people\": [").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::BadJson { .. }));
    // No parser English in what people read.
    assert!(!e.message_zh().contains("line"), "{}", e.message_zh());
}

#[test]
fn two_digit_years_spaces_and_serials_as_text() {
    let s = read_fixture("short-years.csv").unwrap();
    assert_eq!(
        months(&s.people[0], Pension),
        ["2022-12", "2023-01", "2023-02", "2023-03", "2023-04"]
    );
    let e = read_fixture("invalid/serial-months.csv").unwrap_err();
    assert!(
        e.message_zh().contains("Excel 的日期序号"),
        "{}",
        e.message_zh()
    );
}

#[test]
fn excel_dot_one_is_october_in_its_column() {
    let s = read_fixture("excel-dot-months.csv").unwrap();
    assert_eq!(
        months(&s.people[0], Pension),
        ["2023-08", "2023-09", "2023-10", "2023-11", "2023-12"]
    );
    // Alone, `2023.1` is refused, never read as January.
    let e = read_str("缴费年月,险种,个人缴费\n2023.1,养老,320.00\n").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::BadMonth { .. }));
}

#[test]
fn amounts_no_statement_can_hold_are_refused_with_row_and_column() {
    let e = read_fixture("invalid/huge-amounts.csv").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::AmountTooLarge { .. }));
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("个人缴费")));
    let s = read_fixture("amount-letter-o.csv").unwrap();
    assert_eq!(
        unreadable(&s),
        [
            (3, Some("2023-02".into()), Some(Pension)),
            (5, Some("2023-04".into()), Some(Pension))
        ]
    );
}

#[test]
fn one_bad_cell_of_a_month_grid_hides_only_its_month() {
    let s = read_fixture("month-grid-bad-cell.csv").unwrap();
    assert_eq!(of(&s.people[0], Pension).len(), 11);
    assert_eq!(unreadable(&s), [(3, Some("2023-07".into()), Some(Pension))]);
}

#[test]
fn one_bad_group_of_a_wide_row_hides_only_its_insurance() {
    let s = read_fixture("wide-bad-cell.csv").unwrap();
    let p = &s.people[0];
    assert_eq!(months(p, Pension), ["2023-01", "2023-02", "2023-03"]);
    assert_eq!(months(p, Medical), ["2023-01", "2023-03"]);
    assert_eq!(unreadable(&s), [(4, Some("2023-02".into()), Some(Medical))]);
}

#[test]
fn our_own_json_is_held_to_the_same_limits() {
    let text = std::fs::read_to_string(fixture_path("statement.json"))
        .unwrap()
        .replacen("\"320.00\"", "\"79228162514264337593543950335\"", 1);
    let e = read_bytes(text.as_bytes(), "statement.json").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::AmountTooLarge { .. }), "{e:?}");
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("个人缴费")));
}

#[test]
fn amount_parsing_never_panics_on_long_or_odd_numbers() {
    for text in [
        "79228162514264337593543950336",
        "0.00000000000000000000000000000001",
        "99999999999999999999999999999999999999.99",
        "1,000,000,000,000,000,000,000,000,000,000",
        "-79228162514264337593543950335",
        "1e30",
        "....",
    ] {
        let csv = format!("费款所属期,险种,个人缴费\n202301,养老,\"{text}\"\n");
        let e = read_str(&csv).unwrap_err();
        assert!(
            matches!(
                e.kind,
                ErrorKind::AmountTooLarge { .. } | ErrorKind::BadAmount { .. }
            ),
            "{text}: {e:?}"
        );
    }
}

/// A file without an insurance column names its insurance in a title (trusted: the issuing
/// system printed it), or in the sheet's or file's name (which a person may have chosen, so
/// the analysis still weighs it against the amounts); when nothing names one, its rows are
/// pension, by assumption.
#[test]
fn insurance_named_by_title_sheet_or_file_name() {
    let s = read_fixture("insurance-per-sheet.xlsx").unwrap();
    assert_eq!(s.source.sheet.as_deref(), Some("医疗保险"));
    let (months_read, personal, employer) = figures(&s.people[0], Medical);
    assert_eq!(
        (months_read.len(), personal.as_str(), employer.as_str()),
        (6, "576", "2736")
    );
    assert!(s.source.insurance_assumed);

    let rows = "费款所属期,缴费基数,个人缴纳\n202501,4800,96\n";
    let read = |text: &str, name: &str| read_bytes(text.as_bytes(), name).unwrap();
    let by_file = read(rows, "医保缴费明细.csv");
    assert_eq!(months(&by_file.people[0], Medical), ["2025-01"]);
    assert!(by_file.source.insurance_assumed);
    let titled = read(
        &format!("职工基本医疗保险个人缴费明细\n{rows}"),
        "export.csv",
    );
    assert_eq!(months(&titled.people[0], Medical), ["2025-01"]);
    assert!(!titled.source.insurance_assumed);
    for name in ["export.csv", "养老医疗缴费明细.csv"] {
        let assumed = read(rows, name);
        assert_eq!(months(&assumed.people[0], Pension), ["2025-01"], "{name}");
        assert!(assumed.source.insurance_assumed, "{name}");
    }
    let with_column = read(
        "险种,费款所属期,缴费基数,个人缴纳\n养老,202501,4800,384\n",
        "x.csv",
    );
    assert!(!with_column.source.insurance_assumed);
}
