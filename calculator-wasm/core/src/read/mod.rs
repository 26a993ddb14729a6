//! Reading a statement: bytes → [`Statement`].
//!
//! Pipeline: size and emptiness checks → format sniffed from the bytes ([`sniff`]) → text
//! decoded (UTF-8, UTF-8 BOM, UTF-16 BOM, else GB18030 through [`TextDecode`]) → one grid
//! model per table ([`grid`]) → header found below title rows ([`header`]) → the layout
//! family and column roles ([`plan`]) → rows read into records ([`rows`]).

mod amount;
mod cells;
mod code_memo;
mod codes;
mod delimited;
mod dot_months;
#[cfg(feature = "pdf")]
mod form;
pub mod grid;
pub mod handover;
mod header;
#[cfg(feature = "json")]
mod json_table;
mod month_text;
#[cfg(feature = "pdf")]
mod pdf;
mod people;
mod plain_text;
mod plan;
mod row_emit;
mod row_read;
mod row_special;
mod rows;
mod sniff;
mod synonyms;
mod text_norm;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use synonyms::{header_synonyms, Field};

use crate::decode::{decode_text, TextDecode};
use crate::error::{ErrorKind, StatementError};
use crate::month::Month;
use crate::statement::{Encoding, Format, Input, Layout, SkippedRow, SourceInfo, Statement};
use grid::Grid;
use sniff::Sniffed;

/// Largest file accepted: 20 MB. A person's statement is a few KB; an employer's batch
/// of a year for 1,000 people is about 10 MB as CSV. Bigger is refused, not parsed slowly.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Read a statement. Errors carry the file name, row and column where they apply.
pub fn read(input: &Input<'_>, decoder: &dyn TextDecode) -> Result<Statement, StatementError> {
    read_inner(input, decoder).map_err(|e| e.in_file(input.file_name))
}

fn read_inner(input: &Input<'_>, decoder: &dyn TextDecode) -> Result<Statement, StatementError> {
    let bytes = input.bytes;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(StatementError::new(ErrorKind::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        }));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(StatementError::new(ErrorKind::Empty));
    }
    let (text, encoding) = match sniff::sniff(bytes) {
        Sniffed::Binary(what) => {
            return Err(StatementError::new(ErrorKind::NotATable {
                looks_like: what.to_string(),
            }))
        }
        Sniffed::OldExcel => return Err(StatementError::new(ErrorKind::OldExcel)),
        Sniffed::OpenDocument => return Err(StatementError::new(ErrorKind::OpenDocument)),
        Sniffed::Xlsx | Sniffed::Pdf => {
            return decode_document(bytes, decoder).and_then(|d| read_decoded(d, input.file_name))
        }
        Sniffed::Utf16Le => {
            let t = sniff::decode_utf16le(bytes)
                .ok_or_else(|| StatementError::new(ErrorKind::NotDecodable))?;
            (t, Encoding::Utf8)
        }
        Sniffed::Text => decode_text(bytes, decoder)
            .ok_or_else(|| StatementError::new(ErrorKind::NotDecodable))?,
    };
    if text.trim().is_empty() {
        return Err(StatementError::new(ErrorKind::Empty));
    }
    if text.trim_start().starts_with(['{', '[']) {
        return read_json(&text, encoding, input.file_name);
    }
    let (format, grid) = delimited::text_to_grid(&text);
    read_grids(vec![grid], format, encoding, None, input.file_name)
}

/// A file turned into grids by a format decoder (XLSX, PDF): what a lazily loaded browser
/// module hands to the engine (see [`handover`]), and what the native reader reads directly.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The file's format.
    pub format: Format,
    /// One grid per sheet (XLSX) or one for the whole document (PDF).
    pub grids: Vec<Grid>,
    /// Pages read (PDF).
    pub pages: Option<u32>,
    /// Where each page's rows begin (PDF): (first row number, page), in row order.
    pub row_pages: Vec<(usize, u32)>,
    /// The grids are a 权益记录单 form rewritten as tables (`form.rs`): their rows are one
    /// per year and per month, not lines of the paper.
    pub form: bool,
}

/// Decode a binary document (XLSX, PDF) into grids, without the rest of the engine: the entry
/// of the browser's lazily loaded decoder modules. Other formats are refused. `decoder`
/// decodes GBK text inside a PDF.
pub fn decode_document(bytes: &[u8], decoder: &dyn TextDecode) -> Result<Decoded, StatementError> {
    match sniff::sniff(bytes) {
        Sniffed::Xlsx => decode_xlsx(bytes),
        Sniffed::Pdf => decode_pdf(bytes, decoder),
        Sniffed::Binary(what) => Err(StatementError::new(ErrorKind::NotATable {
            looks_like: what.to_string(),
        })),
        Sniffed::OldExcel => Err(StatementError::new(ErrorKind::OldExcel)),
        Sniffed::OpenDocument => Err(StatementError::new(ErrorKind::OpenDocument)),
        Sniffed::Text | Sniffed::Utf16Le => Err(StatementError::new(ErrorKind::NotATable {
            looks_like: "文本文件".to_string(),
        })),
    }
}

/// Read grids a decoder produced: header → plan → rows, as for text formats.
pub fn read_decoded(
    decoded: Decoded,
    file_name: Option<&str>,
) -> Result<Statement, StatementError> {
    read_grids(
        decoded.grids,
        decoded.format,
        Encoding::NotApplicable,
        decoded.pages,
        file_name,
    )
    .map(|mut s| {
        s.source.form = decoded.form;
        s.source.row_pages = decoded.row_pages;
        s
    })
    .map_err(|e| e.in_file(file_name))
}

/// Read the hand-over text of a browser decoder module (see [`handover`]).
pub fn read_handover(text: &str, file_name: Option<&str>) -> Result<Statement, StatementError> {
    handover::decode(text)
        .map_err(|e| e.in_file(file_name))
        .and_then(|d| read_decoded(d, file_name))
}

#[cfg(feature = "xlsx")]
fn decode_xlsx(bytes: &[u8]) -> Result<Decoded, StatementError> {
    Ok(Decoded {
        format: Format::Xlsx,
        grids: xlsx::read_sheets(bytes)?,
        pages: None,
        row_pages: Vec::new(),
        form: false,
    })
}

#[cfg(not(feature = "xlsx"))]
fn decode_xlsx(_bytes: &[u8]) -> Result<Decoded, StatementError> {
    Err(StatementError::new(ErrorKind::XlsxNotSupported))
}

#[cfg(feature = "pdf")]
fn decode_pdf(bytes: &[u8], decoder: &dyn TextDecode) -> Result<Decoded, StatementError> {
    pdf::decode(bytes, decoder)
}

#[cfg(not(feature = "pdf"))]
fn decode_pdf(_bytes: &[u8], _decoder: &dyn TextDecode) -> Result<Decoded, StatementError> {
    Err(StatementError::new(ErrorKind::PdfNotSupported))
}

#[cfg(not(feature = "json"))]
fn read_json(
    _text: &str,
    _encoding: Encoding,
    _file_name: Option<&str>,
) -> Result<Statement, StatementError> {
    Err(StatementError::new(ErrorKind::JsonNotSupported))
}

/// Our own JSON (a serialised [`Statement`]); else a website's records with known keys, read
/// as a table; else refused with a hint to export a table.
#[cfg(feature = "json")]
fn read_json(
    text: &str,
    encoding: Encoding,
    file_name: Option<&str>,
) -> Result<Statement, StatementError> {
    let bad = |e: serde_json::Error| {
        StatementError::new(ErrorKind::BadJson {
            detail: e.to_string(),
        })
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
    let ours = value.get("source").is_some() || value.get("people").is_some();
    if !ours {
        return match json_table::json_to_grid(&value) {
            Some(grid) => read_grids(vec![grid], Format::Json, encoding, None, file_name),
            None => Err(StatementError::new(ErrorKind::WebsiteJson)),
        };
    }
    let mut s: Statement = serde_json::from_value(value).map_err(bad)?;
    check_json_amounts(&s)?;
    s.source.format = Format::Json;
    s.source.layout = crate::statement::Layout::NormalisedJson;
    s.source.encoding = encoding;
    Ok(s)
}

/// Our JSON may have been edited by hand: the same limits as a table's cells.
#[cfg(feature = "json")]
fn check_json_amounts(s: &Statement) -> Result<(), StatementError> {
    let limit = cells::MAX_MONTHLY_AMOUNT;
    for r in s.people.iter().flat_map(|p| &p.records) {
        for (name, v) in [
            ("缴费基数", r.base),
            ("个人缴费", r.personal),
            ("单位缴费", r.employer),
        ] {
            if let Some(v) = v.filter(|v| v.abs() > limit) {
                return Err(StatementError::new(ErrorKind::AmountTooLarge {
                    value: v.to_string(),
                    limit: limit.to_string(),
                })
                .at_row(r.row)
                .in_column(name));
            }
        }
    }
    Ok(())
}

/// Title texts above the header, one string per row.
fn titles(grid: &Grid, first_header_row: usize) -> Vec<String> {
    grid.rows[..first_header_row]
        .iter()
        .map(|r| {
            let mut texts: Vec<_> = r.non_blank().map(|c| c.display()).collect();
            // A title merged across the sheet fills every cell with the same text.
            texts.dedup();
            texts.join(" ")
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// A bill's month: from a title (`所属期：2016年10月`, `社保期间：201610`), else the file name.
fn title_month(titles: &[String], file_name: Option<&str>) -> Option<Month> {
    titles
        .iter()
        .filter(|t| !t.contains("打印") && !t.contains("制表"))
        .find_map(|t| month_text::find_month_in_text(t))
        .or_else(|| file_name.and_then(month_text::find_month_in_text))
}

/// Add what another grid of the same document read (title rows listed once).
fn merge(into: &mut Statement, more: Statement) {
    into.source.rows_read += more.source.rows_read;
    // Pension by assumption only when no part of the document names an insurance.
    into.source.insurance_assumed &= more.source.insurance_assumed;
    // Where each of `more`'s people is in `into`.
    let mut moved = Vec::with_capacity(more.people.len());
    for p in more.people {
        match into
            .people
            .iter()
            .position(|q| q.name == p.name && q.id == p.id)
        {
            Some(k) => {
                let q = &mut into.people[k];
                q.records.extend(p.records);
                q.coverage.extend(p.coverage);
                q.account_years.extend(p.account_years);
                moved.push(k);
            }
            None => {
                into.people.push(p);
                moved.push(into.people.len() - 1);
            }
        }
    }
    for mut r in more.source.rows_skipped {
        r.person = r.person.and_then(|i| moved.get(i).copied());
        if r.unreadable || !into.source.rows_skipped.iter().any(|x| x.row == r.row) {
            into.source.rows_skipped.push(r);
        }
    }
}

/// Fill blank cells of column `col` (rows from `first_row` on) with the cell above, in data
/// rows (a month in column `period`) of the same person (the `person` columns' cells, when
/// filled, the same as the row above's).
fn fill_down(
    grid: &mut Grid,
    col: usize,
    period: usize,
    person: &[Option<usize>],
    first_row: usize,
) {
    let mut above: Option<(grid::Cell, Vec<grid::Cell>)> = None;
    for row in grid.rows.iter_mut().skip(first_row) {
        if row.cell(period).is_blank() {
            continue;
        }
        let who: Vec<grid::Cell> = person
            .iter()
            .flatten()
            .map(|&i| row.cell(i).clone())
            .collect();
        if who.iter().any(|c| !c.is_blank()) && above.as_ref().is_some_and(|(_, w)| *w != who) {
            above = None;
        }
        match row.cells.get_mut(col) {
            Some(c) if !c.is_blank() => above = Some((c.clone(), who)),
            Some(c) => {
                if let Some((a, _)) = &above {
                    *c = a.clone();
                }
            }
            None => {}
        }
    }
}

fn read_grids(
    grids: Vec<Grid>,
    format: Format,
    encoding: Encoding,
    pages: Option<u32>,
    file_name: Option<&str>,
) -> Result<Statement, StatementError> {
    let mut first_failure: Option<StatementError> = None;
    let mut seen: Vec<String> = Vec::new();
    let mut done: Option<Statement> = None;
    for mut grid in grids {
        let Some(header) = header::find_header(&grid, format == Format::Pdf) else {
            if seen.is_empty() {
                seen = grid
                    .rows
                    .iter()
                    .flat_map(|r| r.non_blank().map(|c| c.display().into_owned()))
                    .take(12)
                    .collect();
            }
            continue;
        };
        let titles = titles(&grid, header.first);
        let month = title_month(&titles, file_name);
        let ctx = plan::PlanContext {
            titles: &titles,
            title_month: month,
            sheet: grid.sheet.as_deref(),
            file_name,
        };
        let plan = match plan::make_plan(&header, &ctx) {
            Ok(p) => p,
            Err(closest) => {
                let headers_seen = header
                    .columns
                    .iter()
                    .map(|c| c.label.clone())
                    .filter(|l| !l.is_empty())
                    .collect();
                let e = StatementError::new(ErrorKind::NoPeriodColumn {
                    headers_seen,
                    closest,
                })
                .at_row(grid.rows[header.last].number);
                first_failure.get_or_insert(e);
                continue;
            }
        };
        for s in &plan.segments {
            for col in [s.period, s.start, s.end].into_iter().flatten() {
                dot_months::resolve(&mut grid, col, header.last + 1);
            }
            // A web table's cell spanning rows (险种 once for its months) is copied as text
            // into the first of them only. (Not in a PDF, which prints it in the middle, nor
            // in text aligned by spaces, whose blank cells are gone.)
            if let (Some(col), Some(period), Format::Csv | Format::Tsv) =
                (s.insurance, s.period, format)
            {
                let person = [plan.name, plan.id];
                fill_down(&mut grid, col, period, &person, header.last + 1);
            }
        }
        let person = rows::person_from_titles(&grid.rows[..header.first]);
        let table = rows::read_rows(&grid, &header, &plan, person);
        if table.rows_read == 0 {
            let e = table.first_error.unwrap_or_else(|| {
                StatementError::new(ErrorKind::NoRecords).at_row(grid.rows[header.last].number)
            });
            first_failure.get_or_insert(e);
            continue;
        }
        let mut skipped: Vec<SkippedRow> = grid.rows[..header.first]
            .iter()
            .filter(|r| !r.is_blank())
            .map(|r| SkippedRow::not_data(r.number, "表头上方的标题行"))
            .collect();
        skipped.extend(table.skipped);
        let declared_period = titles
            .iter()
            .find_map(|t| month_text::find_range_in_text(t))
            .or(plan.bill_month.map(|m| (m, m)));
        let read = Statement {
            source: SourceInfo {
                format,
                encoding,
                layout: plan.layout,
                sheet: grid.sheet.clone(),
                pages,
                header_row: Some(grid.rows[header.last].number),
                rows_read: table.rows_read,
                rows_skipped: skipped,
                form: false,
                row_pages: Vec::new(),
                sheets_not_read: Vec::new(),
                rows_stated: table.rows_stated,
                insurance_assumed: plan.insurance_assumed && !table.insurance_by_section,
            },
            people: table.people,
            declared_period,
        };
        // A workbook's first sheet with records is the statement, and the other sheets with
        // records are named (their rows would share row numbers, and a summary sheet would
        // count the months twice), unless it only counts months (a 年度汇总 before the
        // detail): then the first sheet of monthly records is. A PDF is one document, whose
        // form blocks come as several grids (`form.rs`): all of them are read.
        match &mut done {
            Some(s) if format == Format::Pdf => merge(s, read),
            Some(s)
                if s.source.layout == Layout::Coverage
                    && read.source.layout != Layout::Coverage =>
            {
                let summary = std::mem::replace(s, read);
                let not_read = &mut s.source.sheets_not_read;
                not_read.extend(summary.source.sheet);
                not_read.extend(summary.source.sheets_not_read);
            }
            Some(s) => s.source.sheets_not_read.extend(read.source.sheet),
            None => done = Some(read),
        }
    }
    if let Some(s) = done {
        return Ok(s);
    }
    Err(first_failure
        .unwrap_or_else(|| StatementError::new(ErrorKind::NoHeader { headers_seen: seen })))
}
