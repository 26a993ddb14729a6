//! The one table model every format is turned into: rows of typed cells with their row
//! numbers as the person sees them. Layout recognition works only on this.

use crate::month::Month;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))] // Number and Date come from XLSX only.
pub enum Cell {
    /// Nothing there.
    Empty,
    /// Text as written (CSV, text, XLSX string cells).
    Text(String),
    /// A number cell (XLSX).
    Number(Decimal),
    /// A cell the decoder could not read, with why (a PDF form's month whose figure it could
    /// not place): every reader refuses it with that reason, so its row is unreadable.
    Unreadable(String),
    /// A date cell (XLSX date, or an Excel serial number in a period column).
    Date {
        /// Year.
        year: u32,
        /// Month 1–12.
        month: u32,
        /// Day of month.
        day: u32,
    },
}

impl Cell {
    /// A text cell, `Empty` when blank after trimming.
    pub fn text(s: &str) -> Cell {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }

    /// True for empty or whitespace-only cells.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for labels, messages and text parsing.
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Unreadable(why) => Cow::Borrowed(why),
            Cell::Number(d) => Cow::Owned(d.normalize().to_string()),
            Cell::Date { year, month, day } => Cow::Owned(format!("{year:04}-{month:02}-{day:02}")),
        }
    }

    /// The month of a date cell.
    pub fn date_month(&self) -> Option<Month> {
        match self {
            Cell::Date { year, month, .. } => Month::new(*year, *month),
            _ => None,
        }
    }
}

/// One row of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    /// 1-based row number as a spreadsheet or editor shows it.
    pub number: usize,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

impl GridRow {
    /// The cell at `i`, `Empty` past the end (rows may be ragged).
    pub fn cell(&self, i: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(i).unwrap_or(&EMPTY)
    }

    /// Cells that are not blank.
    pub fn non_blank(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.is_blank())
    }

    /// True when every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.non_blank().next().is_none()
    }
}

/// A table read from one file (or one sheet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The rows, top to bottom.
    pub rows: Vec<GridRow>,
    /// The sheet name (XLSX).
    pub sheet: Option<String>,
    /// Whether cell text may hold OCR confusions (O for 0, l for 1): text out of a PDF.
    pub ocr: bool,
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's
/// `civil_from_days`). Used for Excel serial numbers in text or number cells.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An Excel serial day number (1900 system) → its month. Serial 25569 is 1970-01-01.
pub fn excel_serial_month(serial: i64) -> Option<Month> {
    let (y, m, _) = civil_from_days(serial - 25_569);
    Month::new(u32::try_from(y).ok()?, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_month(44927), Month::new(2023, 1)); // 2023-01-01
        assert_eq!(excel_serial_month(45413), Month::new(2024, 5)); // 2024-05-01
        assert_eq!(excel_serial_month(45412), Month::new(2024, 4)); // 2024-04-30
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }
}
