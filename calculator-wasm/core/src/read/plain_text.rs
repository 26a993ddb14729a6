//! Text pasted or extracted from a PDF statement: columns are runs of two or more spaces or
//! tabs (or single spaces when the whole text has no wider gaps). OCR confusions (O for 0)
//! are undone later, in number and month cells only.

use super::grid::{Cell, Grid, GridRow};
use super::text_norm::fold_width;

/// Split one line into cells. `wide_gaps`: only runs of 2+ spaces (or a tab) separate.
pub fn split_line(line: &str, wide_gaps: bool) -> Vec<String> {
    let line = fold_width(line);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0usize;
    for c in line.trim().chars() {
        if c == '\t' {
            spaces = 2;
        } else if c == ' ' {
            spaces += 1;
        } else {
            if spaces > 0 {
                if spaces >= 2 || !wide_gaps {
                    cells.push(std::mem::take(&mut cur));
                } else {
                    cur.push(' ');
                }
                spaces = 0;
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    cells
}

/// The text as a grid, one row per line.
pub fn to_grid(text: &str) -> Grid {
    let wide = text
        .lines()
        .any(|l| l.trim().contains("  ") || l.trim().contains('\t'));
    let rows = text
        .lines()
        .enumerate()
        .map(|(i, l)| GridRow {
            number: i + 1,
            cells: split_line(l, wide).iter().map(|c| Cell::text(c)).collect(),
        })
        .collect();
    Grid {
        rows,
        sheet: None,
        ocr: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_wide_gaps_only() {
        assert_eq!(
            split_line("2023-01   5000.00  400.00 ", true),
            vec!["2023-01", "5000.00", "400.00"]
        );
        assert_eq!(
            split_line("某某 科技  2023-01", true),
            vec!["某某 科技", "2023-01"]
        );
        assert_eq!(split_line("2023-01 5000", false), vec!["2023-01", "5000"]);
    }
}
