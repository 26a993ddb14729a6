//! Every fixture statement reads to its hand-checked figures (see
//! tests/fixtures/statements/README.md).
#[path = "read_support.rs"]
mod support;

use shebao_calc::record::{Insurance::*, PayStatus, PaymentKind, StatedRate};
use shebao_calc::statement::{Encoding, Format, Layout};
use support::*;

/// (months, personal total, employer total) of one insurance, as strings for short asserts.
fn figures(
    p: &shebao_calc::record::Person,
    ins: shebao_calc::record::Insurance,
) -> (usize, String, String) {
    (
        of(p, ins).len(),
        personal_total(p, ins).normalize().to_string(),
        employer_total(p, ins).normalize().to_string(),
    )
}

#[test]
fn long_csv_in_every_encoding_and_delimiter() {
    for (name, format, enc) in [
        ("long-utf8.csv", Format::Csv, Encoding::Utf8),
        ("long-bom.csv", Format::Csv, Encoding::Utf8Bom),
        ("long-gbk.csv", Format::Csv, Encoding::Gb18030),
        ("long.tsv", Format::Tsv, Encoding::Utf8),
    ] {
        let s = read_fixture(name).unwrap();
        assert_eq!(
            (s.source.format, s.source.encoding, s.source.layout),
            (format, enc, Layout::Long),
            "{name}"
        );
        assert_eq!(s.source.header_row, Some(3), "{name}");
        assert_eq!(s.source.rows_read, 18, "{name}");
        assert_eq!(s.people.len(), 1);
        let p = &s.people[0];
        assert_eq!(
            (p.name.as_deref(), p.id.as_deref()),
            (Some("张三"), Some("110101199001011234"))
        );
        assert_eq!(
            figures(p, Pension),
            (6, "2400".into(), "4800".into()),
            "{name}"
        );
        assert_eq!(
            figures(p, Medical),
            (6, "600".into(), "2850".into()),
            "{name}"
        );
        assert_eq!(
            figures(p, Unemployment),
            (6, "150".into(), "150".into()),
            "{name}"
        );
        let reasons: Vec<(usize, &str, bool)> = s
            .source
            .rows_skipped
            .iter()
            .map(|r| (r.row, r.reason.as_str(), r.unreadable))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (1, "表头上方的标题行", false),
                (2, "表头上方的标题行", false),
                (22, "合计或小计行", false),
                (23, "页脚或说明", false)
            ],
            "{name}"
        );
    }
}

#[test]
fn long_with_codes_top_up_refund_and_newest_first() {
    let s = read_fixture("long-codes.csv").unwrap();
    let p = &s.people[0];
    let pension: Vec<(String, PaymentKind, PayStatus, String)> = of(p, Pension)
        .iter()
        .map(|r| {
            (
                r.month.to_string(),
                r.kind,
                r.status,
                r.personal.unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pension,
        vec![
            (
                "2023-12".into(),
                PaymentKind::Refund,
                PayStatus::Paid,
                "-480.00".into()
            ),
            (
                "2024-01".into(),
                PaymentKind::BaseTopUp,
                PayStatus::Paid,
                "40.00".into()
            ),
            (
                "2024-01".into(),
                PaymentKind::Normal,
                PayStatus::Paid,
                "480.00".into()
            ),
            (
                "2024-02".into(),
                PaymentKind::Normal,
                PayStatus::Unpaid,
                "480.00".into()
            ),
            (
                "2024-03".into(),
                PaymentKind::Normal,
                PayStatus::Paid,
                "480.00".into()
            ),
        ]
    );
    // 310 is medical and 210 unemployment, never the other way round.
    assert_eq!(months(p, Medical), vec!["2024-03"]);
    assert_eq!(of(p, Medical)[0].personal, Some(d("120.00")));
    assert_eq!(of(p, Unemployment)[0].personal, Some(d("30.00")));
    assert_eq!(
        of(p, Pension)[0].employer_name.as_deref(),
        Some("杭州某某科技有限公司")
    );
}

#[test]
fn one_amount_per_row_merges_parts_and_keeps_top_up_apart() {
    let s = read_fixture("one-amount.csv").unwrap();
    assert_eq!(s.source.layout, Layout::LongOneAmount);
    let p = &s.people[0];
    assert_eq!(figures(p, Pension), (3, "813.76".into(), "1627.52".into()));
    assert_eq!(figures(p, Medical), (2, "199.44".into(), "947.34".into()));
    let top_up = of(p, Pension)
        .into_iter()
        .find(|r| r.kind == PaymentKind::BaseTopUp)
        .unwrap();
    assert_eq!(
        (top_up.base, top_up.personal, top_up.employer),
        (Some(d("200.00")), Some(d("16.00")), Some(d("32.00")))
    );
    assert_eq!(
        of(p, Pension)[0].stated_personal_rate,
        Some(StatedRate {
            rate: d("0.08"),
            fixed: d("0")
        })
    );
}

#[test]
fn wide_two_row_header_csv_and_xlsx_on_second_sheet() {
    for name in ["wide.csv", "wide.xlsx"] {
        let s = read_fixture(name).unwrap();
        assert_eq!(s.source.layout, Layout::Wide, "{name}");
        let p = &s.people[0];
        assert_eq!(
            months(p, Medical),
            vec!["2023-01", "2023-02", "2023-03"],
            "{name}"
        );
        assert_eq!(
            figures(p, Pension),
            (3, "1920".into(), "3840".into()),
            "{name}"
        );
        assert_eq!(
            figures(p, Medical),
            (3, "489".into(), "2280".into()),
            "{name}"
        );
        assert_eq!(
            figures(p, Unemployment),
            (3, "120".into(), "120".into()),
            "{name}"
        );
        assert_eq!(
            of(p, Medical)[0].stated_personal_rate,
            Some(StatedRate {
                rate: d("0.02"),
                fixed: d("3")
            }),
            "{name}"
        );
    }
    let x = read_fixture("wide.xlsx").unwrap();
    assert_eq!(
        (
            x.source.format,
            x.source.sheet.as_deref(),
            x.source.header_row
        ),
        (Format::Xlsx, Some("明细"), Some(3))
    );
}

#[test]
fn zhejiang_certificate_with_declared_period() {
    let s = read_fixture("zhejiang-cert.csv").unwrap();
    assert_eq!(s.source.layout, Layout::YearMonthColumns);
    assert_eq!(s.declared_period, Some((m(2023, 2), m(2025, 1))));
    let p = &s.people[0];
    assert_eq!(
        (p.name.as_deref(), p.id.as_deref()),
        (Some("李四"), Some("110101198502021235"))
    );
    assert_eq!(figures(p, Pension), (23, "8546.08".into(), "0".into()));
    let unpaid: Vec<String> = p
        .records
        .iter()
        .filter(|r| r.status == PayStatus::Unpaid)
        .map(|r| r.month.to_string())
        .collect();
    assert_eq!(unpaid, vec!["2024-12"]);
    let old = read_fixture("zhejiang-cert-old.csv").unwrap();
    let p = &old.people[0];
    assert_eq!(figures(p, Pension), (3, "720".into(), "0".into()));
    assert_eq!(months(p, Unemployment), vec!["2020-01", "2020-02"]);
}

#[test]
fn month_grid() {
    let s = read_fixture("month-grid.csv").unwrap();
    assert_eq!(s.source.layout, Layout::MonthGrid);
    let p = &s.people[0];
    assert_eq!(figures(p, Pension), (17, "7020".into(), "0".into()));
    assert!(!months(p, Pension).contains(&"2023-04".to_string()));
}

#[test]
fn ranges_one_cell_and_two_columns() {
    let s = read_fixture("ranges.csv").unwrap();
    assert_eq!(s.source.layout, Layout::Ranges);
    let p = &s.people[0];
    assert_eq!(figures(p, Pension), (11, "2060".into(), "4120".into()));
    let star: Vec<String> = of(p, Pension)
        .iter()
        .filter(|r| r.kind == PaymentKind::BackPay)
        .map(|r| r.month.to_string())
        .collect();
    assert_eq!(star, vec!["1998-11", "1998-12"]);
    // 100.00 over 3 months is not exact to the cent: amounts unknown, base kept.
    assert!(of(p, Medical)
        .iter()
        .all(|r| r.personal.is_none() && r.base == Some(d("3000"))));
    assert_eq!(of(p, Medical).len(), 3);
    let two = read_fixture("ranges-two-columns.csv").unwrap();
    assert_eq!(
        figures(&two.people[0], Pension),
        (15, "4848".into(), "0".into())
    );
}

#[test]
fn ticks_two_records_per_row() {
    let s = read_fixture("ticks.csv").unwrap();
    assert_eq!(s.source.layout, Layout::Ticks);
    let p = &s.people[0];
    assert_eq!(
        months(p, Pension),
        vec!["2021-01", "2021-02", "2021-03", "2021-04", "2021-05"]
    );
    assert_eq!(
        months(p, Unemployment),
        vec!["2021-01", "2021-02", "2021-04", "2021-05"]
    );
    assert_eq!(of(p, Pension)[3].base, Some(d("5200")));
    assert!(p
        .records
        .iter()
        .all(|r| r.personal.is_none() && r.employer.is_none()));
}

#[test]
fn coverage_certificates() {
    let g = read_fixture("coverage-guangdong.csv").unwrap();
    assert_eq!(g.source.layout, Layout::Coverage);
    let p = &g.people[0];
    assert_eq!(p.name.as_deref(), Some("王五"));
    assert!(p.records.is_empty());
    let spans: Vec<(String, String, u32)> = p
        .coverage
        .iter()
        .filter(|c| c.insurance == Unemployment)
        .map(|c| (c.from.to_string(), c.to.to_string(), c.months))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("2015-01".into(), "2015-12".into(), 10),
            ("2016-03".into(), "2016-05".into(), 3)
        ]
    );
    let s = read_fixture("coverage-shaanxi.csv").unwrap();
    let p = &s.people[0];
    assert_eq!(of(p, Medical).len(), 12 + 4 + 8);
    assert!(s
        .source
        .rows_skipped
        .iter()
        .any(|r| r.row == 7 && r.reason.contains("中断")));
}

#[test]
fn annual_record_official_account_figures() {
    let s = read_fixture("annual-record.csv").unwrap();
    assert_eq!(s.source.layout, Layout::AnnualRecord);
    let y = &s.people[0].account_years;
    assert_eq!(y.len(), 2);
    assert_eq!(
        (y[0].year, y[0].opening, y[0].closing, y[0].months_credited),
        (2023, d("50000.00"), d("56888.22"), Some(12))
    );
    assert_eq!(
        (y[1].interest_on_opening, y[1].interest_on_credits),
        (d("1490.47"), d("68.12"))
    );
}

#[test]
fn employer_bill_period_from_title_or_file_name() {
    let s = read_fixture("employer-bill.csv").unwrap();
    assert_eq!(s.source.layout, Layout::EmployerBill);
    assert_eq!(s.declared_period, Some((m(2016, 10), m(2016, 10))));
    let names: Vec<&str> = s.people.iter().filter_map(|p| p.name.as_deref()).collect();
    assert_eq!(names, vec!["张三", "李四", "王五"]);
    assert_eq!(
        figures(&s.people[1], Pension),
        (1, "320".into(), "800".into())
    );
    assert_eq!(
        figures(&s.people[2], Medical),
        (1, "0".into(), "350".into())
    );
    let skipped: Vec<usize> = s.source.rows_skipped.iter().map(|r| r.row).collect();
    assert_eq!(skipped, vec![1, 2, 5, 8, 9, 11, 12, 13]);
    let f = read_fixture("2016年11月社保明细.csv").unwrap();
    assert_eq!(f.declared_period, Some((m(2016, 11), m(2016, 11))));
    assert_eq!(months(&f.people[0], Pension), vec!["2016-11"]);
}

#[test]
fn several_people_in_first_appearance_order() {
    let s = read_fixture("multi-person.csv").unwrap();
    let ids: Vec<&str> = s.people.iter().filter_map(|p| p.id.as_deref()).collect();
    assert_eq!(
        ids,
        vec![
            "110101199001011234",
            "110101198502021235",
            "11010119781203123X"
        ]
    );
    assert_eq!(
        months(&s.people[1], Pension),
        vec!["2024-01", "2024-02", "2024-03"]
    );
    assert_eq!(of(&s.people[1], Pension)[2].status, PayStatus::Unpaid);
}

#[test]
fn pdf_text_with_wrapped_company_and_ocr() {
    let s = read_fixture("pdf-text.txt").unwrap();
    assert_eq!(
        (s.source.format, s.source.layout),
        (Format::Text, Layout::Long)
    );
    let p = &s.people[0];
    assert_eq!(
        (p.name.as_deref(), p.id.as_deref()),
        (Some("张三"), Some("110101199001011234"))
    );
    assert_eq!(figures(p, Pension), (3, "1200".into(), "0".into()));
    assert!(of(p, Pension)
        .iter()
        .all(|r| r.employer_name.as_deref() == Some("杭州某某信息技术有限公司")));
}

#[test]
fn normalised_json_reads_back() {
    let s = read_fixture("statement.json").unwrap();
    assert_eq!(
        (s.source.format, s.source.layout),
        (Format::Json, Layout::NormalisedJson)
    );
    assert_eq!(s.declared_period, Some((m(2024, 1), m(2024, 4))));
    assert_eq!(
        figures(&s.people[0], Pension),
        (3, "960".into(), "1920".into())
    );
    // Any statement serialised reads back to the same people.
    let long = read_fixture("long-codes.csv").unwrap();
    let json = serde_json::to_string(&long).unwrap();
    let back = read_bytes(json.as_bytes(), "x.json").unwrap();
    assert_eq!(back.people, long.people);
}
