//! Statement PDFs (`tests/fixtures/statements/pdf/`, made by real producers with
//! `generate_pdfs.py`): a golden report per PDF (the bless command of ARCHITECTURE.md, `SNAPSHOTS=overwrite`, rewrites them), the same people and
//! figures as the CSV twin `statement.csv`, and refusals in Chinese for what cannot be read.

use shebao::statement::load_policy;
use shebao_calc::month::Month;
use shebao_calc::record::Insurance;
use shebao_calc::report::Span;
use shebao_calc::{check, ErrorKind, Input, NativeDecoder, Options, Report, StatementError};
use shebao_tests::golden;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/statements/pdf")
}

fn report(path: &Path) -> Result<serde_json::Value, StatementError> {
    checked(path).map(|r| serde_json::to_value(r).unwrap())
}

fn checked(path: &Path) -> Result<Report, StatementError> {
    let policy = load_policy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).unwrap();
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let input = Input {
        bytes: &bytes,
        file_name: Some(&name),
    };
    let options = Options {
        today: Month::new(2026, 11),
        ..Default::default()
    };
    check(&input, &NativeDecoder, &policy, &options)
}

fn pdfs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_pdf_matches_its_golden_report() {
    let files = pdfs();
    assert!(files.len() >= 6, "PDF fixtures missing");
    golden::assert_files(files.iter().map(|path| {
        let got =
            checked(path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message_zh()));
        let got = serde_json::to_string_pretty(&got).expect("report serialises") + "\n";
        (path.with_extension("pdf.report.json"), got.into_bytes())
    }));
}

/// `v` without its `row` fields: where a figure sits differs between a PDF and its CSV twin.
fn without_rows(v: &serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "row")
            .map(|(k, x)| (k.clone(), without_rows(x)))
            .collect(),
        serde_json::Value::Array(a) => a.iter().map(without_rows).collect(),
        other => other.clone(),
    }
}

/// The CSV twin of a PDF statement; the 权益记录单 forms (`form*.pdf`, a form's blocks are
/// several tables), the misprinted `bad-*.pdf`, the certificate with a table per insurance
/// (`sections.pdf`) and the printed web pages (`browser-*.pdf`) have none: their goldens and
/// the tests below say what they hold.
fn twin_of(pdf: &Path) -> Option<PathBuf> {
    let own = pdf.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        ["form", "bad-", "sections", "browser-", "office-"]
            .iter()
            .any(|own| n.starts_with(own))
    });
    (!own).then(|| dir().join("statement.csv"))
}

/// Whatever the producer or the encryption, a PDF says what its CSV twin says: the same
/// people, months, amounts, official account figures and findings; only how the file was
/// read (and the row numbers the figures cite) differs.
#[test]
fn every_pdf_reads_as_its_csv_twin() {
    for path in pdfs() {
        let Some(twin) = twin_of(&path) else { continue };
        let twin = report(&twin).unwrap();
        let pdf = report(&path).unwrap();
        let name = path.display();
        assert_eq!(
            without_rows(&pdf["people"]),
            without_rows(&twin["people"]),
            "{name}"
        );
        assert_eq!(pdf["place"], twin["place"], "{name}");
        assert_eq!(pdf["source"]["format"], "pdf", "{name}");
        assert_eq!(pdf["source"]["layout"], twin["source"]["layout"], "{name}");
        assert_eq!(
            pdf["source"]["rows_read"], twin["source"]["rows_read"],
            "{name}"
        );
        assert!(pdf["source"]["pages"].as_u64().unwrap() >= 1, "{name}");
    }
    // What the twin holds, so that agreement means something: 69 rows over 23 months
    // (2023-07 missing), 2024-03 pension unpaid.
    let twin = report(&dir().join("statement.csv")).unwrap();
    assert_eq!(twin["source"]["rows_read"], 69);
    // From the title line `单位名称：… 姓名：张三 身份证号：…` (a PDF lays its fields out
    // over the table's columns; they are not the header's first row).
    assert_eq!(twin["people"][0]["name"], "张三");
    let pension = &twin["people"][0]["insurances"][0];
    assert_eq!(pension["kind"], "pension");
    assert_eq!(pension["months_paid"], 22);
    assert_eq!(pension["gaps"][0]["from"], "2023-07");
    assert_eq!(pension["arrears"][0]["from"], "2024-03");
}

/// Row numbers count on over the pages of a PDF, so an unreadable row names its page too.
#[test]
fn unreadable_rows_name_their_page() {
    let r = checked(&dir().join("bad-cell-page-two.pdf")).unwrap();
    let rows = &r.source.unreadable_rows;
    assert_eq!(rows.len(), 1);
    // 3 lines above the header and 28 data rows on page 1; 2024-04's pension is data row 43.
    assert_eq!((rows[0].row, rows[0].page), (46, Some(2)));
    assert_eq!(rows[0].place_zh(), "第 46 行（第 2 页）");
    assert!(rows[0].reasons_text().contains("“个人应缴”列"));
    let summary = shebao_calc::summary_zh(&r);
    assert!(
        summary.contains("！第 46 行（第 2 页）有读不出来的内容"),
        "{summary}"
    );
}

/// The report of a fixture PDF with no row it could not read.
fn checked_cleanly(name: &str) -> Report {
    let r = checked(&dir().join(name)).unwrap();
    assert!(
        r.source.unreadable_rows.is_empty(),
        "{name}: {:?}",
        r.source.rows_skipped
    );
    r
}

/// Something of each insurance of the file's first person.
fn per_insurance<T>(r: &Report, of: impl Fn(&shebao_calc::report::InsuranceReport) -> T) -> Vec<T> {
    r.people[0].insurances.iter().map(of).collect()
}

/// Personal and employer totals as printed.
fn totals(i: &shebao_calc::report::InsuranceReport) -> (Option<String>, Option<String>) {
    (
        i.personal_total.map(|d| d.to_string()),
        i.employer_total.map(|d| d.to_string()),
    )
}

/// A certificate with no insurance column, one table per insurance on its own page under its
/// heading (`二、医疗保险缴费情况`, after the title and person line repeated): the second table's
/// rows are medical, in the same columns, and nothing on page 2 is unreadable.
#[test]
fn a_table_per_insurance_reads_each_as_its_heading_says() {
    let r = checked_cleanly("sections.pdf");
    let p = &r.people[0];
    assert_eq!(p.id_masked.as_deref(), Some("330106********1235"));
    let by_kind = |k: Insurance| p.insurances.iter().find(|i| i.kind == k).unwrap();
    let (pension, medical) = (by_kind(Insurance::Pension), by_kind(Insurance::Medical));
    assert_eq!(p.insurances.len(), 2);
    assert_eq!((pension.months_paid, medical.months_paid), (11, 11));
    assert_eq!(
        (totals(pension).0, totals(medical).0),
        (Some("4400.00".into()), Some("1100.00".into()))
    );
    assert_eq!(pension.arrears[0].from, Month::new(2024, 6).unwrap());
    assert_eq!(
        medical.gaps,
        vec![Span::new(
            Month::new(2024, 9).unwrap(),
            Month::new(2024, 9).unwrap()
        )]
    );
}

/// A web page's wide table printed as it is (headers centred, each insurance's label over its
/// two columns; figures left-aligned): every insurance keeps its own employer and personal
/// figures, none is lost or shifted onto its neighbour.
#[test]
fn a_printed_web_table_keeps_each_insurance_in_its_columns() {
    let r = checked_cleanly("browser-wide.pdf");
    let read = per_insurance(&r, |i| (i.kind, i.months_paid, totals(i)));
    let t = |k, p: &str, e: &str| (k, 11, (Some(p.to_string()), Some(e.to_string())));
    assert_eq!(
        read,
        vec![
            t(Insurance::Pension, "5280.00", "10560.00"),
            t(Insurance::Medical, "1320.00", "5280.00"),
            t(Insurance::Unemployment, "330.00", "330.00"),
        ]
    );
}

/// A plain web table printed as it is, as wide as the page: each centred header lies right of
/// its left-aligned figures, nearer the next column's. The personal and employer figures stay
/// under their own headers (the employer's 40.00 once read as the personal amount).
#[test]
fn a_printed_plain_web_table_keeps_its_figures_under_their_headers() {
    let r = checked_cleanly("browser-plain.pdf");
    let i = &r.people[0].insurances[0];
    assert_eq!((i.kind, i.months_paid), (Insurance::Unemployment, 11));
    assert_eq!(totals(i), (Some("275.00".into()), Some("440.00".into())));
    assert_eq!(i.arrears[0].from, Month::new(2025, 6).unwrap());
}

/// A spreadsheet printed to PDF by LibreOffice, fit to the page's width: neighbouring headers
/// touch (`费款所属期缴费基数`), a right-aligned total touches the status (`1320已到账`), and
/// the last row with the 合计 row is alone on page 2. The base is not read from 费款所属期,
/// 2024-05 stays 欠缴, and the last row is not joined to the 合计 row.
#[test]
fn a_spreadsheet_printed_with_touching_columns_keeps_them_apart() {
    let r = checked_cleanly("office-fit-width.pdf");
    // Each insurance: 10 months to 2024-06, 2024-05 owed; General-format figures (`4600`).
    let expected = [
        (Insurance::Pension, "4600", "9200"),
        (Insurance::Medical, "1150", "5462.5"),
        (Insurance::Unemployment, "287.5", "287.5"),
    ];
    let read = per_insurance(&r, |i| {
        (i.kind, i.months_paid, i.arrears.len(), i.last_month)
    });
    let june = Month::new(2024, 6);
    assert_eq!(read, expected.map(|(k, ..)| (k, 10, 1, june)));
    let totals_read = per_insurance(&r, totals);
    let totals_expected = expected.map(|(_, p, e)| (Some(p.to_string()), Some(e.to_string())));
    assert_eq!(totals_read, totals_expected);
}

/// The 权益记录单 forms: each month read from its own column of the 12-month grid, blank
/// months gaps only when the form's own count of months paid agrees.
#[test]
fn forms_read_months_by_column() {
    let two = report(&dir().join("form-two-years.pdf")).unwrap();
    let person = &two["people"][0];
    let ins = |k: usize| &person["insurances"][k];
    let months = |v: &serde_json::Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["from"].as_str().unwrap().into(),
                    s["to"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let gap = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    // Pension and medical: July and August 2023 blank; unemployment also March 2024.
    assert_eq!(ins(0)["kind"], "pension");
    assert_eq!(ins(0)["months_paid"], 22);
    assert_eq!(months(&ins(0)["gaps"]), gap("2023-07", "2023-08"));
    assert_eq!(ins(0)["personal_total"], "9280.00");
    assert_eq!(ins(0)["months_total"], 130);
    assert_eq!(ins(1)["kind"], "medical");
    assert_eq!(ins(1)["personal_total"], "2320.00");
    assert_eq!(months(&ins(1)["gaps"]), gap("2023-07", "2023-08"));
    assert_eq!(ins(2)["kind"], "unemployment");
    assert_eq!(ins(2)["months_paid"], 21);
    let mut both = gap("2023-07", "2023-08");
    both.extend(gap("2024-03", "2024-03"));
    assert_eq!(months(&ins(2)["gaps"]), both);
    for k in 0..3 {
        assert_eq!(ins(k)["unreadable"].as_array().unwrap().len(), 0);
    }
    // Both years' account figures reconcile, weighted by the grid's months.
    let official = &person["official_account"];
    assert_eq!(official["years"].as_array().unwrap().len(), 2);
    assert_eq!(official["all_agree"], true, "{official}");
    // The form states the account: no second account recomputed from the grid's months
    // (it would start from 0, 50,000 yuan below the form's own opening balance).
    assert!(
        person["pension_account"].is_null(),
        "{}",
        person["pension_account"]
    );

    // form.pdf says 12 months were paid and its grid shows 10: July and August are
    // unreadable, not gaps; its account figures all reconcile.
    let one = report(&dir().join("form.pdf")).unwrap();
    let official = &one["people"][0]["official_account"];
    assert_eq!(official["years"][0]["year"], 2024);
    assert_eq!(official["years"][0]["official"]["closing"], "63246.81");
    assert_eq!(official["all_agree"], true);
    assert_eq!(one["people"][0]["name"], "张三");
    let pension = &one["people"][0]["insurances"][0];
    assert_eq!(pension["months_paid"], 10);
    assert_eq!(pension["gaps"].as_array().unwrap().len(), 0);
    assert_eq!(months(&pension["unreadable"]), gap("2024-07", "2024-08"));
    // Both blank months stand on the grid's one row: one row, one reason naming both. The
    // form's rows are years and months, so the summary gives no count of lines read.
    assert_eq!(one["source"]["form"], true);
    let rows = one["source"]["unreadable_rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let reasons = rows[0]["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].as_str().unwrap().contains("7 月、8 月"),
        "{reasons:?}"
    );
    let summary = shebao_calc::summary_zh(&checked(&dir().join("form.pdf")).unwrap());
    assert!(!summary.contains("；读取"), "{summary}");
    assert_eq!(summary.matches("有读不出来的内容").count(), 1, "{summary}");
}

#[test]
fn unreadable_pdfs_are_refused_in_chinese() {
    let cases = [
        ("user-password.pdf", "pdf_password", "密码"),
        ("scan.pdf", "pdf_no_text", "图片"),
        ("truncated.pdf", "broken_pdf", "不完整"),
        ("not-a-pdf.pdf", "no_records", "缴费记录"),
    ];
    for (file, kind, words) in cases {
        let e = report(&dir().join("invalid").join(file)).unwrap_err();
        assert_eq!(e.kind.tag(), kind, "{file}");
        let message = e.message_zh();
        assert!(message.starts_with(&format!("文件“{file}”")), "{message}");
        assert!(message.contains(words), "{file}: {message}");
    }
    // The scan's message names where to get a PDF with text instead.
    let scan = report(&dir().join("invalid/scan.pdf")).unwrap_err();
    assert_eq!(scan.kind, ErrorKind::PdfNoText { images: true });
    assert!(scan.message_zh().contains("掌上12333"));
}

/// Any prefix of a real PDF, and bytes flipped in it, give a report or a Chinese refusal,
/// never a panic (the fuzz target covers the rest).
#[test]
fn damaged_pdfs_never_panic() {
    let policy = load_policy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")).unwrap();
    let mut damaged: Vec<Vec<u8>> = Vec::new();
    for file in ["itext.pdf", "form-two-years.pdf", "gbk-euc.pdf"] {
        let whole = std::fs::read(dir().join(file)).unwrap();
        damaged.extend((1..40).map(|k| whole[..whole.len() * k / 40].to_vec()));
        for k in 1..40 {
            let mut d = whole.clone();
            let i = d.len() * k / 40;
            d[i] ^= 0x5A;
            damaged.push(d);
        }
    }
    for bytes in damaged {
        let input = Input {
            bytes: &bytes,
            file_name: Some("damaged.pdf"),
        };
        if let Err(e) = check(&input, &NativeDecoder, &policy, &Options::default()) {
            assert!(e.message_zh().contains("文件“damaged.pdf”"));
        }
    }
}
