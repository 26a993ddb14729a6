//! Bad input is refused with the right error kind, row and column, in Chinese; rows that
//! cannot be read in an otherwise good file are listed, never dropped silently.
#[path = "read_support.rs"]
mod support;

use shebao_calc::read::MAX_INPUT_BYTES;
use shebao_calc::statement::Layout;
use shebao_calc::ErrorKind;
use support::*;

#[test]
fn empty_file() {
    let e = read_fixture("invalid/empty.csv").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Empty);
    assert_eq!(
        e.message_zh(),
        "文件“empty.csv”：文件是空的，没有任何内容。"
    );
    assert_eq!(read_str(" \r\n\t").unwrap_err().kind, ErrorKind::Empty);
}

#[test]
fn png_renamed_csv_is_not_a_table() {
    let e = read_fixture("invalid/png-renamed.csv").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::NotATable { .. }));
    assert!(e.to_string().contains("不是表格文件"), "{e}");
}

#[test]
fn truncated_xlsx() {
    let e = read_fixture("invalid/truncated.xlsx").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::BrokenXlsx { .. }), "{e:?}");
    assert!(e.to_string().contains("Excel 文件不完整"));
}

#[test]
fn no_period_column_names_headers_and_closest_family() {
    let e = read_fixture("invalid/no-period.csv").unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::NoPeriodColumn {
            headers_seen: vec![
                "姓名".into(),
                "险种".into(),
                "缴费基数".into(),
                "个人缴费".into()
            ],
            closest: Some(Layout::Long)
        }
    );
    assert!(e.to_string().contains("找不到费款所属期列"));
    assert!(e.to_string().contains("姓名、险种、缴费基数、个人缴费"));
}

#[test]
fn bad_month_names_row_and_column() {
    let e = read_fixture("invalid/bad-month.csv").unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::BadMonth {
            value: "202313".into()
        }
    );
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("费款所属期")));
    assert_eq!(
        e.to_string(),
        "文件“bad-month.csv”第 2 行“费款所属期”列：“202313”不是有效的年月（应为 2023-01、202301 或 2023年1月 这样的写法）。"
    );
}

#[test]
fn bad_amount_names_row_and_column() {
    let e = read_fixture("invalid/bad-amount.csv").unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::BadAmount {
            value: "3a0".into()
        }
    );
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("个人缴费")));
}

#[test]
fn unreadable_rows_are_listed_when_the_rest_is_good() {
    let s = read_fixture("invalid/some-rows-bad.csv").unwrap();
    assert_eq!(
        months(&s.people[0], shebao_calc::record::Insurance::Pension),
        vec!["2023-01", "2023-04"]
    );
    let bad: Vec<(usize, bool)> = s
        .source
        .rows_skipped
        .iter()
        .map(|r| (r.row, r.unreadable))
        .collect();
    assert_eq!(bad, vec![(3, true), (4, true)]);
    assert!(s.source.rows_skipped[0].reason.contains("202313"));
    assert!(s.source.rows_skipped[1].reason.contains("3a0"));
}

#[test]
fn too_large_is_refused_before_parsing() {
    let big = vec![b'a'; MAX_INPUT_BYTES + 1];
    let e = read_bytes(&big, "big.csv").unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::TooLarge {
            size: MAX_INPUT_BYTES + 1,
            limit: MAX_INPUT_BYTES
        }
    );
}

#[test]
fn other_binaries_and_old_excel() {
    assert_eq!(
        read_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a.xls")
            .unwrap_err()
            .kind,
        ErrorKind::OldExcel
    );
    // An OpenDocument spreadsheet names its type in its first, uncompressed entry.
    let ods = b"PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK";
    assert_eq!(
        read_bytes(ods, "a.ods").unwrap_err().kind,
        ErrorKind::OpenDocument
    );
    // A PDF is read now (tests/statement_pdf.rs); three bytes of one are a broken PDF.
    assert!(matches!(
        read_bytes(b"%PDF-1.7\n...", "a.pdf").unwrap_err().kind,
        ErrorKind::BrokenPdf { .. }
    ));
    assert!(matches!(
        read_bytes(b"PK\x03\x04word/document.xml", "a.docx")
            .unwrap_err()
            .kind,
        ErrorKind::NotATable { .. }
    ));
}

#[test]
fn no_header_at_all() {
    let e = read_str("你好\n这是一封信\n").unwrap_err();
    assert!(matches!(e.kind, ErrorKind::NoHeader { .. }));
}

#[test]
fn ambiguous_two_digit_code_is_refused_unless_file_says_zhejiang() {
    let e = read_str("险种代码,费款所属期,个人缴费\n20,202301,100.00\n").unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::AmbiguousInsuranceCode { value: "20".into() }
    );
    let s = read_str(
        "浙江省参保缴费明细\n险种代码,费款所属期,个人缴费\n20,202301,100.00\n50,202301,5.00\n",
    )
    .unwrap();
    let p = &s.people[0];
    assert_eq!(
        months(p, shebao_calc::record::Insurance::Medical),
        vec!["2023-01"]
    );
    assert_eq!(
        months(p, shebao_calc::record::Insurance::Unemployment),
        vec!["2023-01"]
    );
}

#[test]
fn bad_json() {
    assert!(matches!(
        read_str("{\"source\": 1}").unwrap_err().kind,
        ErrorKind::BadJson { .. }
    ));
}
