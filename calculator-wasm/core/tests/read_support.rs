//! Shared helpers for the reader tests (included with `#[path]`, not a test target itself).
#![allow(dead_code)]

use rust_decimal::Decimal;
use shebao_calc::month::Month;
use shebao_calc::record::{Insurance, Person, Record};
use shebao_calc::statement::{Input, Statement};
use shebao_calc::{NativeDecoder, StatementError};
use std::path::PathBuf;
use std::str::FromStr;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/statements")
        .join(name)
}

pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Statement, StatementError> {
    shebao_calc::read(
        &Input {
            bytes,
            file_name: Some(name),
        },
        &NativeDecoder,
    )
}

pub fn read_fixture(name: &str) -> Result<Statement, StatementError> {
    let bytes = std::fs::read(fixture_path(name)).expect("fixture exists");
    let file = name.rsplit('/').next().unwrap_or(name);
    read_bytes(&bytes, file)
}

pub fn read_str(text: &str) -> Result<Statement, StatementError> {
    read_bytes(text.as_bytes(), "test.csv")
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn m(y: u32, mo: u32) -> Month {
    Month::new(y, mo).unwrap()
}

pub fn of(p: &Person, ins: Insurance) -> Vec<&Record> {
    p.records.iter().filter(|r| r.insurance == ins).collect()
}

pub fn months(p: &Person, ins: Insurance) -> Vec<String> {
    of(p, ins).iter().map(|r| r.month.to_string()).collect()
}

pub fn personal_total(p: &Person, ins: Insurance) -> Decimal {
    of(p, ins).iter().filter_map(|r| r.personal).sum()
}

pub fn employer_total(p: &Person, ins: Insurance) -> Decimal {
    of(p, ins).iter().filter_map(|r| r.employer).sum()
}
