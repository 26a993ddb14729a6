//! PDF statements (feature `pdf`): `shebao-pdf` rebuilds rows and columns from the glyph
//! positions; here they become the grid model, one grid for the whole document (a table
//! going on over pages is one table; repeated headers and page furniture are already gone).
//!
//! The annual 个人权益记录单 is a form, not a table: its pension-account block holds label and
//! amount side by side (`截止上年末个人账户累计储存额 | 56888.22 | 当年记账金额 | 4800.00`). When
//! the labels are there, [`account_form`] writes them as the `annual_record` table the reader
//! knows (年度 and the five figures), placed first, so the official-account reconciliation
//! checks the platform's figures as it does for a spreadsheet 权益记录单.

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
    let grid = |rows| Grid {
        rows,
        sheet: None,
        ocr: false,
    };
    let mut grids = Vec::new();
    if let Some(form) = account_form(&rows) {
        grids.push(grid(form));
    }
    grids.push(grid(rows));
    Ok(Decoded {
        format: Format::Pdf,
        grids,
        pages: Some(table.pages),
    })
}

/// The labels of a 权益记录单's pension-account block, in the order of the `annual_record`
/// columns, each with the spellings seen.
const ACCOUNT_LABELS: [&[&str]; 5] = [
    &[
        "截止上年末个人账户累计储存额",
        "上年末个人账户累计储存额",
        "上年末账户累计储存额",
    ],
    &["当年记账金额", "本年记账金额"],
    &["上年末储存额的当年记账利息", "上年末储存额本年记账利息"],
    &["当年记账金额利息", "当年记账金额的利息", "本年记账金额利息"],
    &[
        "至本年末账户累计储存额",
        "至本年末个人账户累计储存额",
        "本年末账户累计储存额",
    ],
];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .collect()
}

/// The form's year: `2024年度`, or `年度` followed by the year.
fn form_year(rows: &[GridRow]) -> Option<String> {
    let texts: Vec<String> = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| squeeze(&c.display())))
        .collect();
    texts.iter().enumerate().find_map(|(i, t)| {
        let at = t.find("年度")?;
        let before: String = t[..at]
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if before.len() == 4 && before.chars().all(|c| c.is_ascii_digit()) {
            return Some(before);
        }
        let after = &t[at + "年度".len()..];
        let next = if after.is_empty() {
            texts.get(i + 1)?
        } else {
            after
        };
        let year: String = next.chars().take_while(char::is_ascii_digit).collect();
        (year.len() == 4).then_some(year)
    })
}

/// The account block as an `annual_record` table (title rows kept for the person), or `None`
/// when the five labels with their amounts and the year are not all there.
fn account_form(rows: &[GridRow]) -> Option<Vec<GridRow>> {
    let mut values: Vec<Option<(String, Cell, usize)>> = vec![None; ACCOUNT_LABELS.len()];
    for row in rows {
        for (i, cell) in row.cells.iter().enumerate() {
            let text = squeeze(&cell.display());
            let Some(k) = ACCOUNT_LABELS
                .iter()
                .position(|l| l.contains(&text.as_str()))
            else {
                continue;
            };
            // The amount to the label's right (a header row of labels is a table, not a form).
            let value = row.cells[i + 1..].iter().find(|c| !c.is_blank());
            if let Some(v) = value.filter(|v| v.display().chars().any(|c| c.is_ascii_digit())) {
                values[k].get_or_insert((text, v.clone(), row.number));
            }
        }
    }
    let values: Vec<(String, Cell, usize)> = values.into_iter().collect::<Option<_>>()?;
    let year = form_year(rows)?;
    let first = values.iter().map(|v| v.2).min()?;
    let last = values.iter().map(|v| v.2).max()?;
    let mut out: Vec<GridRow> = rows
        .iter()
        .take_while(|r| r.number < first)
        .cloned()
        .collect();
    let mut header = vec![Cell::text("年度")];
    let mut figures = vec![Cell::text(&year)];
    for (label, value, _) in values {
        header.push(Cell::text(&label));
        figures.push(value);
    }
    out.push(GridRow {
        number: first,
        cells: header,
    });
    out.push(GridRow {
        number: last.max(first + 1),
        cells: figures,
    });
    Some(out)
}
