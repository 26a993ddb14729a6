//! PDF statements (feature `pdf`): `shebao-pdf` rebuilds rows and columns from the glyph
//! positions; here they become the grid model, one grid for the whole document (a table
//! going on over pages is one table; repeated headers and page furniture are already gone).
//! A form (the annual 个人权益记录单) comes out as its blocks' rows, each block with columns
//! of its own; [`super::form`] rewrites it as an `annual_record` and a `long` grid.

use super::grid::{Cell, Grid, GridRow};
use super::Decoded;
use crate::decode::TextDecode;
use crate::error::{ErrorKind, StatementError};
use crate::statement::Format;
use shebao_pdf::PdfError;

/// Decode a PDF into its grid. GBK text (GBK-EUC-H fonts) goes through `decoder`.
pub fn decode(bytes: &[u8], decoder: &dyn TextDecode) -> Result<Decoded, StatementError> {
    let gbk = |b: &[u8]| decoder.decode_gb18030(b);
    let table = shebao_pdf::read_pdf(bytes, &gbk).map_err(|e| {
        StatementError::new(match e {
            PdfError::Broken(detail) => ErrorKind::BrokenPdf { detail },
            PdfError::NeedsPassword => ErrorKind::PdfPassword,
            PdfError::NoText { images } => ErrorKind::PdfNoText { images },
        })
    })?;
    let rows: Vec<GridRow> = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| GridRow {
            number: i + 1,
            cells: r.cells.iter().map(|c| Cell::text(c)).collect(),
        })
        .collect();
    let grid = Grid {
        rows,
        sheet: None,
        ocr: false,
    };
    let form = super::form::form_grids(&grid);
    // A form's rows are its years and months, not lines of a page.
    let row_pages = if form.is_some() {
        Vec::new()
    } else {
        first_rows_of_pages(&table.rows)
    };
    Ok(Decoded {
        format: Format::Pdf,
        form: form.is_some(),
        grids: form.unwrap_or_else(|| vec![grid]),
        pages: Some(table.pages),
        row_pages,
    })
}

/// (first row, page) for each page that has rows: row numbers run on over pages, so a
/// person needs the page to find row 40.
fn first_rows_of_pages(rows: &[shebao_pdf::PdfRow]) -> Vec<(usize, u32)> {
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if starts.last().is_none_or(|&(_, page)| page != r.page) {
            starts.push((i + 1, r.page));
        }
    }
    starts
}
