//! The hand-over from a lazily loaded decoder module to the engine in the main module.
//!
//! In the browser, XLSX and PDF are turned into grids by small modules loaded only when such a
//! file is picked; the engine stays in the main module. The grids cross the JS boundary as one
//! string in the text format below, and the main module goes on from the grid stage (header →
//! plan → rows), exactly as the native reader does after calling the same decoders directly.
//!
//! One line per item, each ending in `\n`:
//! - `shebao-grid 1 <format> <pages>`: version, format tag (`xlsx`, `pdf`), pages (0: not paged),
//!   then ` form` when the grids are a 权益记录单 form rewritten as tables;
//! - `P<row> <page>`: the rows from `row` on are on page `page` (PDF; one line per page);
//! - `G<ocr>` and, for a named sheet, `\t<name>`: a new grid (`ocr` is `0` or `1`);
//! - `R<number>` then `\t<cell>` per cell: a row of the current grid.
//!
//! A cell is empty, `t<text>`, `n<decimal>`, `d<year>-<month>-<day>` or `u<why>` (a cell the
//! decoder could not read). In text, `\`, tab
//! and line feed are written `\\`, `\t`, `\n`.
//!
//! A file the decoder could not read is handed over too, as the single line
//! `shebao-grid 1 error <kind>` (and `\t<detail>`): the main module words and locates the
//! message, as for every other error, so the decoder modules carry no message text.

use super::grid::{Cell, Grid, GridRow};
use super::Decoded;
use crate::error::{ErrorKind, StatementError};
use crate::statement::Format;
use rust_decimal::Decimal;
use std::fmt::Write;

const MAGIC: &str = "shebao-grid 1";

/// The grids as hand-over text.
pub fn encode(decoded: &Decoded) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{MAGIC} {} {}{}",
        format_tag(decoded.format),
        decoded.pages.unwrap_or(0),
        if decoded.form { " form" } else { "" }
    );
    for (row, page) in &decoded.row_pages {
        let _ = writeln!(out, "P{row} {page}");
    }
    for grid in &decoded.grids {
        out.push('G');
        out.push(if grid.ocr { '1' } else { '0' });
        if let Some(name) = &grid.sheet {
            out.push('\t');
            escape_into(&mut out, name);
        }
        out.push('\n');
        for row in &grid.rows {
            let _ = write!(out, "R{}", row.number);
            for cell in &row.cells {
                out.push('\t');
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        out.push('t');
                        escape_into(&mut out, s);
                    }
                    Cell::Number(d) => {
                        let _ = write!(out, "n{d}");
                    }
                    Cell::Date { year, month, day } => {
                        let _ = write!(out, "d{year}-{month}-{day}");
                    }
                    Cell::Unreadable(why) => {
                        out.push('u');
                        escape_into(&mut out, why);
                    }
                }
            }
            out.push('\n');
        }
    }
    out
}

/// A decoder's error as hand-over text.
pub fn encode_error(e: &StatementError) -> String {
    let mut out = format!("{MAGIC} error {}", e.kind.tag());
    let detail: Option<&str> = match &e.kind {
        ErrorKind::BrokenXlsx { detail } | ErrorKind::BrokenPdf { detail } => Some(detail),
        ErrorKind::NotATable { looks_like } => Some(looks_like),
        ErrorKind::PdfNoText { images: true } => Some("images"),
        _ => None,
    };
    if let Some(d) = detail {
        out.push('\t');
        escape_into(&mut out, d);
    }
    out.push('\n');
    out
}

/// The error a decoder handed over, back as its kind.
fn decode_error(rest: &str) -> StatementError {
    let (tag, detail) = match rest.trim_end_matches('\n').split_once('\t') {
        Some((t, d)) => (t, unescape(d).unwrap_or_default()),
        None => (rest.trim_end_matches('\n'), String::new()),
    };
    StatementError::new(match tag {
        "broken_xlsx" => ErrorKind::BrokenXlsx { detail },
        "broken_pdf" => ErrorKind::BrokenPdf { detail },
        "not_a_table" => ErrorKind::NotATable { looks_like: detail },
        "old_excel" => ErrorKind::OldExcel,
        "open_document" => ErrorKind::OpenDocument,
        "xlsx_not_supported" => ErrorKind::XlsxNotSupported,
        "pdf_not_supported" => ErrorKind::PdfNotSupported,
        "pdf_password" => ErrorKind::PdfPassword,
        "pdf_no_text" => ErrorKind::PdfNoText {
            images: detail == "images",
        },
        _ => ErrorKind::BadHandover,
    })
}

/// Read hand-over text back into grids (or the decoder's error). Malformed text (a decoder
/// module from another build) is refused, never guessed at.
pub fn decode(text: &str) -> Result<Decoded, StatementError> {
    let bad = || StatementError::new(ErrorKind::BadHandover);
    if let Some(rest) = text
        .strip_prefix(MAGIC)
        .and_then(|r| r.strip_prefix(" error "))
    {
        return Err(decode_error(rest));
    }
    let mut lines = text.split_terminator('\n');
    let head = lines.next().ok_or_else(bad)?;
    let rest = head
        .strip_prefix(MAGIC)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(bad)?;
    let mut head_fields = rest.split(' ');
    let format = head_fields.next().and_then(parse_format).ok_or_else(bad)?;
    let pages: u32 = head_fields
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or_else(bad)?;
    let form = match head_fields.next() {
        None => false,
        Some("form") => true,
        Some(_) => return Err(bad()),
    };
    let mut grids: Vec<Grid> = Vec::new();
    let mut row_pages = Vec::new();
    for line in lines {
        if let Some(p) = line.strip_prefix('P') {
            let (row, page) = p.split_once(' ').ok_or_else(bad)?;
            row_pages.push((
                row.parse().map_err(|_| bad())?,
                page.parse().map_err(|_| bad())?,
            ));
        } else if let Some(g) = line.strip_prefix('G') {
            let (ocr, sheet) = match g.split_once('\t') {
                Some((ocr, name)) => (ocr, Some(unescape(name).ok_or_else(bad)?)),
                None => (g, None),
            };
            grids.push(Grid {
                rows: Vec::new(),
                sheet,
                ocr: ocr == "1",
            });
        } else if let Some(r) = line.strip_prefix('R') {
            let grid = grids.last_mut().ok_or_else(bad)?;
            let mut fields = r.split('\t');
            let number = fields.next().and_then(|n| n.parse().ok()).ok_or_else(bad)?;
            let cells = fields
                .map(|f| parse_cell(f).ok_or_else(bad))
                .collect::<Result<Vec<_>, _>>()?;
            grid.rows.push(GridRow { number, cells });
        } else {
            return Err(bad());
        }
    }
    Ok(Decoded {
        format,
        grids,
        pages: (pages > 0).then_some(pages),
        row_pages,
        form,
    })
}

fn format_tag(format: Format) -> &'static str {
    match format {
        Format::Csv => "csv",
        Format::Tsv => "tsv",
        Format::Xlsx => "xlsx",
        Format::Text => "text",
        Format::Json => "json",
        Format::Pdf => "pdf",
    }
}

fn parse_format(tag: &str) -> Option<Format> {
    [Format::Xlsx, Format::Pdf]
        .into_iter()
        .find(|f| format_tag(*f) == tag)
}

fn parse_cell(field: &str) -> Option<Cell> {
    let mut chars = field.chars();
    let Some(kind) = chars.next() else {
        return Some(Cell::Empty);
    };
    let body = chars.as_str();
    match kind {
        't' => unescape(body).map(Cell::Text),
        'u' => unescape(body).map(Cell::Unreadable),
        'n' => Decimal::from_str_exact(body).ok().map(Cell::Number),
        'd' => {
            let mut parts = body.split('-').map(|p| p.parse::<u32>().ok());
            let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
            Some(Cell::Date { year, month, day })
        }
        _ => None,
    }
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Decoded {
        Decoded {
            format: Format::Xlsx,
            pages: None,
            row_pages: vec![],
            form: false,
            grids: vec![
                Grid {
                    rows: vec![
                        GridRow {
                            number: 3,
                            cells: vec![
                                Cell::Text("险种\t类型\n（含\\）".into()),
                                Cell::Empty,
                                Cell::Number(Decimal::new(128_050, 2)),
                                Cell::Date {
                                    year: 2024,
                                    month: 5,
                                    day: 1,
                                },
                            ],
                        },
                        GridRow {
                            number: 4,
                            cells: vec![],
                        },
                    ],
                    sheet: Some("Sheet 2\t明细".into()),
                    ocr: false,
                },
                Grid {
                    rows: vec![GridRow {
                        number: 1,
                        cells: vec![Cell::Empty, Cell::Text(" 2023年1月 ".into())],
                    }],
                    sheet: None,
                    ocr: true,
                },
            ],
        }
    }

    #[test]
    fn round_trips_every_cell_kind() {
        let d = sample();
        let back = decode(&encode(&d)).unwrap();
        assert_eq!(back.grids, d.grids);
        assert_eq!(back.format, Format::Xlsx);
        assert_eq!(back.pages, None);
        assert!(!back.form);
        let paged = Decoded {
            format: Format::Pdf,
            pages: Some(8),
            row_pages: vec![(1, 1), (40, 3)],
            grids: vec![],
            form: true,
        };
        let back = decode(&encode(&paged)).unwrap();
        assert_eq!((back.pages, back.form), (Some(8), true));
        assert_eq!(back.row_pages, [(1, 1), (40, 3)]);
    }

    #[test]
    fn decoder_errors_come_back_as_their_kind() {
        let kinds = [
            ErrorKind::BrokenXlsx {
                detail: "zip\tend".into(),
            },
            ErrorKind::BrokenPdf {
                detail: "syntax".into(),
            },
            ErrorKind::PdfPassword,
            ErrorKind::PdfNoText { images: true },
            ErrorKind::PdfNoText { images: false },
            ErrorKind::NotATable {
                looks_like: "PNG 图片".into(),
            },
            ErrorKind::OldExcel,
            ErrorKind::OpenDocument,
            ErrorKind::XlsxNotSupported,
            ErrorKind::PdfNotSupported,
        ];
        for kind in kinds {
            let e = StatementError::new(kind.clone());
            assert_eq!(decode(&encode_error(&e)).unwrap_err().kind, kind);
        }
        assert_eq!(
            decode("shebao-grid 1 error what\n").unwrap_err().kind,
            ErrorKind::BadHandover
        );
    }

    #[test]
    fn malformed_text_is_refused() {
        for bad in [
            "",
            "shebao-grid 2 xlsx 0\n",
            "shebao-grid 12 xlsx 0\n",
            "shebao-grid 1 csv 0\n",
            "shebao-grid 1 xlsx 0\nR1\ttx\n",
            "shebao-grid 1 xlsx 0\nG0\nRx\n",
            "shebao-grid 1 xlsx 0\nG0\nR1\tq\n",
            "shebao-grid 1 xlsx 0\nG0\nR1\tt\\q\n",
            "shebao-grid 1 xlsx 0\nG0\nR1\td2024-5\n",
            "shebao-grid 1 xlsx 0\nX\n",
        ] {
            let e = decode(bad).unwrap_err();
            assert_eq!(e.kind, ErrorKind::BadHandover, "{bad:?}");
        }
    }
}

/// The browser's path (decoder module → hand-over text → engine) reads a real workbook exactly
/// as the native reader does.
#[cfg(all(test, feature = "xlsx"))]
mod through_the_handover {
    use crate::decode::Utf8Only;
    use crate::read::{decode_document, read, read_handover};
    use crate::statement::Input;

    #[test]
    fn wide_xlsx_reads_the_same_through_the_handover() {
        let bytes = include_bytes!("../../../../tests/fixtures/statements/wide.xlsx");
        let text = super::encode(&decode_document(bytes, &Utf8Only).unwrap());
        let handed = read_handover(&text, Some("wide.xlsx")).unwrap();
        let input = Input {
            bytes,
            file_name: Some("wide.xlsx"),
        };
        assert_eq!(handed, read(&input, &Utf8Only).unwrap());
        assert!(!handed.people.is_empty());
    }
}
