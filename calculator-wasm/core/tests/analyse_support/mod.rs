//! Shared builders for the analysis tests: the real policy from content/policy and records
//! written by hand.
#![allow(dead_code)]

use rust_decimal::Decimal;
use shebao_calc::month::Month;
use shebao_calc::policy::{NationalPolicy, Policy, ProvincePolicy};
use shebao_calc::record::{Insurance, PayStatus, PaymentKind, Person, Record};
use shebao_calc::statement::{Encoding, Format, Layout, SourceInfo, Statement};
use std::path::Path;

pub fn policy() -> Policy {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/policy");
    let national: NationalPolicy =
        toml::from_str(&std::fs::read_to_string(dir.join("national.toml")).unwrap()).unwrap();
    let mut provinces: Vec<ProvincePolicy> = std::fs::read_dir(dir.join("provinces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| toml::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap())
        .collect();
    #[allow(clippy::disallowed_methods)] // test code: the wasm size does not matter here
    provinces.sort_by(|a, b| a.slug.cmp(&b.slug));
    Policy {
        national,
        provinces,
    }
}

pub fn m(y: u32, mo: u32) -> Month {
    Month::new(y, mo).unwrap()
}

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A paid normal record with base and personal/employer amounts.
pub fn rec(month: Month, ins: Insurance, base: &str, personal: &str, employer: &str) -> Record {
    Record {
        month,
        insurance: ins,
        base: Some(d(base)),
        personal: Some(d(personal)),
        employer: Some(d(employer)),
        status: PayStatus::Paid,
        kind: PaymentKind::Normal,
        settled: None,
        stated_personal_rate: None,
        employer_name: None,
        flexible: false,
        paid_short: false,
        row: 0,
    }
}

/// `r` as a record of `kind` (a back-payment, a refund, a transfer…).
pub fn of_kind(mut r: Record, kind: PaymentKind) -> Record {
    r.kind = kind;
    r
}

/// Pension at 8 % / 16 % for every month of `from..=to`.
pub fn pension_months(from: Month, to: Month, base: &str) -> Vec<Record> {
    let b = d(base);
    let mut out = Vec::new();
    let mut cur = from;
    while cur <= to {
        out.push(rec(
            cur,
            Insurance::Pension,
            base,
            &(b * d("0.08")).to_string(),
            &(b * d("0.16")).to_string(),
        ));
        cur = cur.offset(1).unwrap();
    }
    out
}

pub fn statement(records: Vec<Record>) -> Statement {
    statement_with(Person {
        name: Some("张三".into()),
        id: Some("110101199001011234".into()),
        records,
        ..Default::default()
    })
}

pub fn statement_with(person: Person) -> Statement {
    Statement {
        source: SourceInfo {
            pages: None,
            format: Format::Csv,
            encoding: Encoding::Utf8,
            layout: Layout::Long,
            sheet: None,
            header_row: Some(1),
            rows_read: person.records.len(),
            rows_skipped: vec![],
            form: false,
            row_pages: vec![],
            sheets_not_read: vec![],
            rows_stated: None,
            insurance_assumed: false,
        },
        people: vec![person],
        declared_period: None,
    }
}
