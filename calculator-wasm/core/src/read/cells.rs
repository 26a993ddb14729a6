//! Reading typed values out of grid cells, whatever format they came from.

use super::amount::parse_amount;
use super::grid::{excel_serial_month, Cell};
use super::month_text::{
    parse_month_of_year, parse_period, parse_period_and_count, parse_year, Period,
};
use crate::error::ErrorKind;
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
        Cell::Unreadable(_) => Err(()),
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

/// A period cell and, for a range written with the months paid after it, that count.
/// `short_years`: read two-digit years (single-month columns only: in a range column `01-06`
/// is more likely January to June than June 2001).
pub fn cell_period_and_count(
    cell: &Cell,
    ocr: bool,
    short_years: bool,
) -> Result<Option<(Period, Option<u32>)>, ()> {
    match cell {
        Cell::Text(t) => parse_period_and_count(t, ocr, short_years),
        _ => Ok(cell_period(cell, ocr)?.map(|p| (p, None))),
    }
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

/// The largest amount or base one month of one insurance can hold: 1,000,000 yuan. Far above
/// any real contribution (bases are capped at a few times the average wage), far below where
/// sums of a lifetime of months could overflow a `Decimal`.
pub const MAX_MONTHLY_AMOUNT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The largest figure of a 权益记录单 (an account balance after decades): 100,000,000 yuan.
pub const MAX_ACCOUNT_AMOUNT: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

/// Why an amount cell was refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Not an amount at all (`3a0`, a date).
    NotAnAmount,
    /// A number no statement can hold (above the limit either way).
    TooLarge,
    /// A cell the decoder could not read ([`Cell::Unreadable`]).
    Unreadable,
}

/// An amount, at most `limit` either way.
pub fn cell_amount(cell: &Cell, ocr: bool, limit: Decimal) -> Result<Option<Decimal>, AmountError> {
    let amount = match cell {
        Cell::Empty => None,
        Cell::Number(d) => Some(*d),
        Cell::Text(t) => parse_amount(t, ocr).map_err(|()| AmountError::NotAnAmount)?,
        Cell::Date { .. } => return Err(AmountError::NotAnAmount),
        Cell::Unreadable(_) => return Err(AmountError::Unreadable),
    };
    match amount {
        Some(a) if a.abs() > limit => Err(AmountError::TooLarge),
        a => Ok(a),
    }
}

/// The error for an amount cell refused by [`cell_amount`].
pub fn amount_error(e: AmountError, cell: &Cell, limit: Decimal) -> ErrorKind {
    let value = cell.display().into_owned();
    match e {
        AmountError::NotAnAmount => ErrorKind::BadAmount { value },
        AmountError::Unreadable => ErrorKind::UnreadableCell { why: value },
        AmountError::TooLarge => ErrorKind::AmountTooLarge {
            value,
            limit: limit.normalize().to_string(),
        },
    }
}

/// A whole number (`2023`, `12.0`). `trunc`, not `fract`: the engine already uses `trunc`, and
/// `fract` brought 1.8 KB of its own subtraction into the calculator page.
fn is_whole(d: &Decimal) -> bool {
    d.trunc() == *d
}

/// A year.
pub fn cell_year(cell: &Cell, ocr: bool) -> Option<u32> {
    match cell {
        Cell::Number(d) if is_whole(d) => d.to_u32().filter(|y| Month::new(*y, 1).is_some()),
        Cell::Text(t) => parse_year(t, ocr),
        _ => None,
    }
}

/// A month of the year, 1–12.
pub fn cell_month_of_year(cell: &Cell, ocr: bool) -> Option<u32> {
    match cell {
        Cell::Number(d) if is_whole(d) => d.to_u32().filter(|m| (1..=12).contains(m)),
        Cell::Text(t) => parse_month_of_year(t, ocr),
        _ => None,
    }
}

/// A month count: `12`, `12个月`, `3 个月`, `11（月）` (OCR'd certificates).
pub fn cell_count(cell: &Cell) -> Option<u32> {
    match cell {
        Cell::Number(d) if is_whole(d) => d.to_u32(),
        Cell::Text(t) => {
            let t = super::text_norm::fold_width(t);
            let t = t
                .trim()
                .trim_end_matches("(月)")
                .trim_end_matches("个月")
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
