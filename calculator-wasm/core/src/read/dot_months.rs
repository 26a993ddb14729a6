//! `2023.1` in a period column: January, or October as Excel shows the number 2023.10 (it
//! drops the trailing zero). The cell alone cannot tell; the column can:
//! - months written with a leading zero (`2023.09`, or Excel's numbers `2023.01`…`2023.09`):
//!   January would be `2023.01`, so `2023.1` is October;
//! - one-digit months (`2023.9`): October would be `2023.10`, so `2023.1` is January;
//! - otherwise the neighbouring rows (either order): next to `2023.09` or `2023.11` it is
//!   October, next to `2022.12` or `2023.02` January; next to both or neither, it stays.
//!
//! A month the column already writes out elsewhere (`2023.10` beside `2023.09`) is never the
//! reading: `2023.1` may then be either month, and stays.
//!
//! Cells read this way are rewritten as `2023-10` / `2023-01`; the rest stay `2023.1`, which
//! the month parser refuses (an unreadable row, never a January that was an October).

use super::cells::cell_month;
use super::grid::{Cell, Grid};
use crate::month::Month;

/// What one cell of the column says.
#[derive(Copy, Clone, PartialEq)]
enum Dot {
    /// `YYYY.1`: January or October.
    Ambiguous(u32),
    /// Any month that reads (`YYYY.09` read as September).
    Known(Month),
    /// Blank or not a month.
    Other,
}

/// The text's `YYYY.M…` shape: (year, month digits as written).
fn dot_shape(cell: &Cell) -> Option<(u32, &str)> {
    let Cell::Text(t) = cell else { return None };
    let (y, m) = t.trim().split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (y.len() == 4 && (1..=2).contains(&m.len()) && digits(y) && digits(m))
        .then(|| Some((y.parse().ok()?, m)))
        .flatten()
}

/// Rewrite the `YYYY.1` cells of column `col` (rows from `first_row` on) that the column
/// resolves.
pub fn resolve(grid: &mut Grid, col: usize, first_row: usize) {
    let Some(rows) = grid.rows.get_mut(first_row..) else {
        return;
    };
    let (mut zero_padded, mut one_digit) = (false, false);
    let dots: Vec<Dot> = rows
        .iter()
        .map(|r| {
            let cell = r.cell(col);
            match dot_shape(cell) {
                Some((y, "1")) => return Dot::Ambiguous(y),
                Some((_, m)) if m.starts_with('0') => zero_padded = true,
                Some((_, m)) if m.len() == 1 => one_digit = true,
                _ => {}
            }
            cell_month(cell, false)
                .ok()
                .flatten()
                .map_or(Dot::Other, Dot::Known)
        })
        .collect();
    let known = |d: &Dot| match d {
        Dot::Known(m) => Some(*m),
        _ => None,
    };
    let mut k = 0;
    while k < dots.len() {
        let Dot::Ambiguous(year) = dots[k] else {
            k += 1;
            continue;
        };
        // A run of the same `YYYY.1` (one month's rows, one per insurance) reads as one.
        let end = (k..dots.len())
            .find(|&e| dots[e] != dots[k])
            .unwrap_or(dots.len());
        let (jan, oct) = (Month::new(year, 1), Month::new(year, 10));
        let month = if zero_padded != one_digit {
            if zero_padded {
                oct
            } else {
                jan
            }
        } else {
            let before = dots[..k].iter().rev().find_map(known);
            let after = dots[end..].iter().find_map(known);
            // Either order (files may list the newest month first).
            let next_to = |m: Option<Month>| {
                m.is_some_and(|m| {
                    [before, after]
                        .iter()
                        .any(|n| n.is_some() && (*n == m.offset(-1) || *n == m.offset(1)))
                })
            };
            match (next_to(jan), next_to(oct)) {
                (true, false) => jan,
                (false, true) => oct,
                _ => None,
            }
        };
        let written = |m: Month| dots.contains(&Dot::Known(m));
        if let Some(m) = month.filter(|m| !written(*m)) {
            let text = format!("{:04}-{:02}", m.year(), m.month());
            for r in &mut rows[k..end] {
                if let Some(c) = r.cells.get_mut(col) {
                    *c = Cell::Text(text.clone());
                }
            }
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::grid::GridRow;

    fn column(texts: &[&str]) -> Grid {
        Grid {
            rows: texts
                .iter()
                .enumerate()
                .map(|(i, t)| GridRow {
                    number: i + 1,
                    cells: vec![Cell::text(t)],
                })
                .collect(),
            sheet: None,
            ocr: false,
        }
    }

    fn after(texts: &[&str]) -> Vec<String> {
        let mut g = column(texts);
        resolve(&mut g, 0, 0);
        g.rows
            .iter()
            .map(|r| r.cell(0).display().into_owned())
            .collect()
    }

    #[test]
    fn the_column_decides() {
        // Excel's numbers: 2023.09, 2023.1, 2023.11.
        assert_eq!(
            after(&["2023.09", "2023.1", "2023.11"]),
            ["2023.09", "2023-10", "2023.11"]
        );
        // One-digit months: 2023.1 is January.
        assert_eq!(after(&["2023.1", "2023.2"]), ["2023-01", "2023.2"]);
        // Only two-digit months and 2023.1: the neighbours decide, a month's rows together.
        assert_eq!(
            after(&["2022.12", "2023.1", "2023.1", "2023.12"]),
            ["2022.12", "2023-01", "2023-01", "2023.12"]
        );
        assert_eq!(
            after(&["2023.12", "2023.1", "2023.1", "2023.11"]),
            ["2023.12", "2023-10", "2023-10", "2023.11"]
        );
        // Neighbours that agree with both readings: left as written.
        assert_eq!(
            after(&["2022.12", "2023.1", "2023.11"]),
            ["2022.12", "2023.1", "2023.11"]
        );
        // Nothing to go by: left as written (and refused by the month parser).
        assert_eq!(after(&["2023.1"]), ["2023.1"]);
        // October written out elsewhere: 2023.1 is not read as a second October.
        assert_eq!(
            after(&["2023.1", "2023.07", "2023.10"]),
            ["2023.1", "2023.07", "2023.10"]
        );
    }
}
