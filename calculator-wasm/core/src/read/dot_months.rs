//! `2023.1` in a period column: January, or October as Excel shows the number 2023.10 (it
//! drops the trailing zero). The cell alone cannot tell; the column can:
//! - months written with a leading zero (`2023.09`, or Excel's numbers `2023.01`…`2023.09`):
//!   January would be `2023.01`, so `2023.1` is October;
//! - one-digit months (`2023.9`): October would be `2023.10`, so `2023.1` is January;
//! - otherwise the neighbouring rows (either order): next to `2023.09` or `2023.11` it is
//!   October, next to `2022.12` or `2023.02` January; next to both or neither, it stays.
//!
//! Cells read this way are rewritten as `2023-10` / `2023-01`; the rest stay `2023.1`, which
//! the month parser refuses (an unreadable row, never a January that was an October).

use super::grid::{Cell, Grid};
use super::text_norm::fold_width;
use crate::month::Month;

/// A `YYYY.M` or `YYYY.MM` text cell: (year, month, month digits).
fn dot_month(cell: &Cell) -> Option<(u32, u32, usize)> {
    let Cell::Text(t) = cell else { return None };
    let t = fold_width(t);
    let (y, m) = t.trim().split_once('.')?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !all_digits(y) || !all_digits(m) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, m.len()))
}

fn is_ambiguous(d: Option<(u32, u32, usize)>) -> bool {
    matches!(d, Some((_, 1, 1)))
}

/// Rewrite the `YYYY.1` cells of column `col` (rows from `first_row` on) that the column
/// resolves.
pub fn resolve(grid: &mut Grid, col: usize, first_row: usize) {
    let Some(rows) = grid.rows.get_mut(first_row..) else {
        return;
    };
    let cells: Vec<Option<(u32, u32, usize)>> =
        rows.iter().map(|r| dot_month(r.cell(col))).collect();
    if !cells.iter().any(|d| is_ambiguous(*d)) {
        return;
    }
    let zero_padded = cells.iter().flatten().any(|&(_, m, n)| n == 2 && m < 10);
    let one_digit = cells.iter().flatten().any(|&(_, m, n)| n == 1 && m > 1);
    // The nearest month above and below that is not itself ambiguous.
    let known = |k: usize| match cells[k] {
        Some(d) if is_ambiguous(Some(d)) => None,
        Some((y, m, _)) => Month::new(y, m),
        None => super::cells::cell_month(rows[k].cell(col), false)
            .ok()
            .flatten(),
    };
    let mut resolved: Vec<(usize, Month)> = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        let Some((year, 1, 1)) = cells[k] else {
            k += 1;
            continue;
        };
        // A run of the same `YYYY.1` (one month's rows, one per insurance) reads as one.
        let end = (k..cells.len())
            .find(|&e| cells[e] != cells[k])
            .unwrap_or(cells.len());
        let (jan, oct) = (Month::new(year, 1), Month::new(year, 10));
        let month = if zero_padded && !one_digit {
            oct
        } else if one_digit && !zero_padded {
            jan
        } else {
            let before = (0..k).rev().find_map(known);
            let after = (end..cells.len()).find_map(known);
            // Either order (files may list the newest month first).
            let next_to = |m: Option<Month>| {
                m.is_some_and(|m| {
                    let around = [m.offset(-1), m.offset(1)];
                    [before, after]
                        .iter()
                        .any(|n| n.is_some() && around.contains(n))
                })
            };
            match (next_to(jan), next_to(oct)) {
                (true, false) => jan,
                (false, true) => oct,
                _ => None,
            }
        };
        if let Some(m) = month {
            resolved.extend((k..end).map(|i| (i, m)));
        }
        k = end;
    }
    for (k, m) in resolved {
        if let Some(c) = rows[k].cells.get_mut(col) {
            *c = Cell::Text(format!("{:04}-{:02}", m.year(), m.month()));
        }
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
    }
}
