//! Reading typed values out of grid cells, whatever format they came from.

use super::amount::parse_amount;
use super::grid::{excel_serial_month, Cell};
use super::month_text::{parse_month_of_year, parse_period, parse_year, Period};
use crate::month::Month;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A period cell. Number cells: `202301`, `20230115`, an Excel serial day (20000–80000),
/// or `2023.01` stored as a number (`2023.1` is October: Excel drops the trailing zero).
pub fn cell_period(cell: &Cell, ocr: bool) -> Result<Option<Period>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) => parse_period(t, ocr),
        Cell::Date { .. } => cell.date_month().map(|m| Some(Period::Single(m))).ok_or(()),
        Cell::Number(d) => number_month(*d).map(|m| Some(Period::Single(m))).ok_or(()),
    }
}

fn number_month(d: Decimal) -> Option<Month> {
    let d = d.normalize();
    if d.scale() == 0 {
        let v = d.to_i64()?;
        return match v {
            20_000..=80_000 => excel_serial_month(v),
            100_000..=999_999 => Month::new((v / 100) as u32, (v % 100) as u32),
            10_000_000..=99_999_999 => Month::new((v / 10_000) as u32, (v / 100 % 100) as u32),
            _ => None,
        };
    }
    let year = d.trunc().to_u32()?;
    let frac = (d - d.trunc()).normalize();
    let month = match frac.scale() {
        1 => (frac * Decimal::from(10)).to_u32()? * 10,
        2 => (frac * Decimal::from(100)).to_u32()?,
        _ => return None,
    };
    Month::new(year, month)
}

/// One month (ranges refused).
pub fn cell_month(cell: &Cell, ocr: bool) -> Result<Option<Month>, ()> {
    match cell_period(cell, ocr)? {
        None => Ok(None),
        Some(Period::Single(m)) => Ok(Some(m)),
        Some(Period::Range { from, to, .. }) if from == to => Ok(Some(from)),
        Some(Period::Range { .. }) => Err(()),
    }
}

/// An amount.
pub fn cell_amount(cell: &Cell, ocr: bool) -> Result<Option<Decimal>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(d) => Ok(Some(*d)),
        Cell::Text(t) => parse_amount(t, ocr),
        Cell::Date { .. } => Err(()),
    }
}

/// A year.
pub fn cell_year(cell: &Cell) -> Option<u32> {
    match cell {
        Cell::Number(d) if d.scale() == 0 || d.fract().is_zero() => {
            d.to_u32().filter(|y| Month::new(*y, 1).is_some())
        }
        Cell::Text(t) => parse_year(t),
        _ => None,
    }
}

/// A month of the year, 1–12.
pub fn cell_month_of_year(cell: &Cell, ocr: bool) -> Option<u32> {
    match cell {
        Cell::Number(d) if d.fract().is_zero() => d.to_u32().filter(|m| (1..=12).contains(m)),
        Cell::Text(t) => parse_month_of_year(t, ocr),
        _ => None,
    }
}

/// A month count: `12`, `12个月`, `3 个月`.
pub fn cell_count(cell: &Cell) -> Option<u32> {
    match cell {
        Cell::Number(d) if d.fract().is_zero() => d.to_u32(),
        Cell::Text(t) => {
            let t = super::text_norm::trim_end_str(t.trim(), "个月")
                .trim_end_matches('月')
                .trim();
            (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        }
        _ => None,
    }
}

/// Non-blank text of a cell.
pub fn cell_text(cell: &Cell) -> Option<String> {
    let t = cell.display();
    (!t.is_empty()).then(|| t.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn number_cells_as_months() {
        let n = |s: &str| Cell::Number(Decimal::from_str(s).unwrap());
        assert_eq!(cell_month(&n("202301"), false), Ok(Month::new(2023, 1)));
        assert_eq!(cell_month(&n("44927"), false), Ok(Month::new(2023, 1)));
        assert_eq!(cell_month(&n("2023.1"), false), Ok(Month::new(2023, 10)));
        assert_eq!(cell_month(&n("2023.01"), false), Ok(Month::new(2023, 1)));
        assert_eq!(cell_month(&n("202313"), false), Err(()));
        assert_eq!(cell_count(&Cell::text("3个月")), Some(3));
    }
}
