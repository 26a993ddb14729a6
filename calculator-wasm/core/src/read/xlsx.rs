//! XLSX workbooks (feature `xlsx`, calamine) into one grid per sheet. Merged cells are filled
//! with their top-left value so group headers and merged names apply to every column/row
//! they span. Date cells become dates; numbers stored as text stay text and are parsed later.
//! An Excel error value (`#REF!`) is an unreadable cell, never a blank one: a blank amount
//! would read as "no amount". (A formula saved without its result, as scripts write them,
//! still reads as blank: calamine's formula reader costs 5.4 KB gzip of this module, over its
//! budget; the no-amounts note names the case.)

use super::grid::{Cell, Grid, GridRow};
use crate::error::{ErrorKind, StatementError};
use calamine::{Data, Reader, SheetVisible, Xlsx};
use rust_decimal::Decimal;
use std::io::Cursor;

fn broken(e: impl std::fmt::Display) -> StatementError {
    StatementError::new(ErrorKind::BrokenXlsx {
        detail: e.to_string(),
    })
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Error(e) => Cell::Unreadable(format!("这一格是 Excel 的错误值 {e}")),
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        // Shortest round-trip text of the float, so 0.1 stays 0.1 (never binary noise).
        Data::Float(f) => Decimal::from_str_exact(&f.to_string())
            .map(Cell::Number)
            .unwrap_or_else(|_| Cell::text(&f.to_string())),
        Data::Bool(b) => Cell::text(if *b { "是" } else { "否" }),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            Cell::Date {
                year: u32::from(y),
                month: u32::from(m),
                day: u32::from(day),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text(s),
    }
}

/// Every sheet with cells, in workbook order, hidden ones last (the person never saw them:
/// an exporter's template, a lookup table), their names marked （隐藏）.
pub fn read_sheets(bytes: &[u8]) -> Result<Vec<Grid>, StatementError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    #[allow(deprecated)] // merge_cells_by_sheet_name needs &mut per sheet; this is one pass.
    let merged_ok = book.load_merged_regions().is_ok();
    let sheets = book.sheets_metadata();
    let (visible, hidden): (Vec<_>, Vec<_>) = sheets
        .iter()
        .partition(|s| s.visible == SheetVisible::Visible);
    let names: Vec<(String, bool)> = visible
        .iter()
        .map(|s| (s.name.clone(), false))
        .chain(hidden.iter().map(|s| (s.name.clone(), true)))
        .collect();
    let mut grids = Vec::new();
    for (name, hidden) in names {
        let range = book.worksheet_range(&name).map_err(broken)?;
        let Some((r0, c0)) = range.start() else {
            continue;
        };
        let mut rows: Vec<GridRow> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| GridRow {
                number: r0 as usize + i + 1,
                cells: cells.iter().map(convert).collect(),
            })
            .collect();
        if merged_ok {
            #[allow(deprecated)]
            for (_, _, dim) in book.merged_regions_by_sheet(&name) {
                fill_merged(&mut rows, (r0, c0), dim.start, dim.end);
            }
        }
        grids.push(Grid {
            rows,
            sheet: Some(if hidden {
                format!("{name}（隐藏）")
            } else {
                name
            }),
            ocr: false,
        });
    }
    Ok(grids)
}

/// Copy a merged region's top-left value into its other cells.
fn fill_merged(rows: &mut [GridRow], origin: (u32, u32), start: (u32, u32), end: (u32, u32)) {
    let rel = |p: (u32, u32)| -> Option<(usize, usize)> {
        Some((
            p.0.checked_sub(origin.0)? as usize,
            p.1.checked_sub(origin.1)? as usize,
        ))
    };
    let (Some((sr, sc)), Some((er, ec))) = (rel(start), rel(end)) else {
        return;
    };
    let Some(value) = rows.get(sr).and_then(|r| r.cells.get(sc)).cloned() else {
        return;
    };
    // Guard against absurd regions in a damaged file.
    if (er.saturating_sub(sr) + 1) * (ec.saturating_sub(sc) + 1) > 100_000 {
        return;
    }
    for r in sr..=er.min(rows.len().saturating_sub(1)) {
        let row = &mut rows[r];
        for c in sc..=ec {
            if (r, c) == (sr, sc) {
                continue;
            }
            if c >= row.cells.len() {
                row.cells.resize(c + 1, Cell::Empty);
            }
            row.cells[c] = value.clone();
        }
    }
}
