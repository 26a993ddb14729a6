//! CSV and TSV (and text with columns as runs of spaces) into the grid. The delimiter is
//! sniffed: the candidate that splits the most lines into the same number of cells wins.

use super::grid::{Cell, Grid, GridRow};
use super::plain_text;
use crate::statement::Format;

/// How many non-blank lines the sniffer looks at.
const SNIFF_LINES: usize = 40;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Delim {
    Byte(u8),
    Spaces,
}

/// Fields per line for a delimiter (quotes respected for bytes).
fn count(line: &str, d: Delim) -> usize {
    match d {
        Delim::Byte(b) => {
            let mut quoted = false;
            let mut n = 0;
            for &c in line.as_bytes() {
                if c == b'"' {
                    quoted = !quoted;
                } else if c == b && !quoted {
                    n += 1;
                }
            }
            n
        }
        Delim::Spaces => plain_text::split_line(line, true).len().saturating_sub(1),
    }
}

fn sniff(text: &str) -> Delim {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
        .collect();
    let candidates = [
        Delim::Byte(b'\t'),
        Delim::Byte(b','),
        Delim::Byte(b';'),
        Delim::Byte(b'|'),
        Delim::Spaces,
    ];
    let mut best = (0usize, Delim::Spaces);
    for d in candidates {
        // How many lines share the most common non-zero count: the longest run of equal
        // counts once sorted (no map: this was the module's only B-tree).
        let mut counts: Vec<usize> = lines
            .iter()
            .map(|l| count(l, d))
            .filter(|&c| c > 0)
            .collect();
        crate::order::sort_by_key(&mut counts, |c| *c);
        let agree = counts
            .chunk_by(|a, b| a == b)
            .map(<[usize]>::len)
            .max()
            .unwrap_or(0);
        if agree > best.0 {
            best = (agree, d);
        }
    }
    best.1
}

/// Text to a grid and the format it turned out to be.
pub fn text_to_grid(text: &str) -> (Format, Grid) {
    match sniff(text) {
        Delim::Spaces => (Format::Text, plain_text::to_grid(text)),
        Delim::Byte(b) => {
            let format = if b == b'\t' { Format::Tsv } else { Format::Csv };
            (format, csv_grid(text, b))
        }
    }
}

/// A field written `="202401"`, as exporters write IDs and months so that Excel keeps them as
/// text: the text inside.
fn excel_text(field: &str) -> &str {
    field
        .trim()
        .strip_prefix("=\"")
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(field)
}

/// The rows of CSV/TSV text, each with its line number in the file.
///
/// `csv_core` directly rather than the `csv` crate's `Reader`: the text is already in
/// memory, and the reader's `io::Read` buffering, byte records and UTF-8 validation cost
/// ~1.5 KB gzip of wasm for nothing. Same dialect as `csv::Reader` with its defaults:
/// quotes with doubled `""`, any of CR, LF or CRLF ends a record, blank lines are skipped,
/// a leading UTF-8 BOM is dropped, records may have different lengths.
fn csv_grid(text: &str, delimiter: u8) -> Grid {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    // A field's text never grows in unquoting, so the output fits in the input's length.
    let mut out = vec![0u8; bytes.len()];
    let mut ends = vec![0usize; 16];
    let (mut pos, mut line, mut counted_to) = (0usize, 1usize, 0usize);
    loop {
        // The record's first line: the first byte that is not a line end (blank lines and
        // the LF of a CRLF are skipped by the reader).
        let first = bytes[pos..]
            .iter()
            .position(|&b| b != b'\n' && b != b'\r')
            .map_or(bytes.len(), |k| pos + k);
        line += bytes[counted_to..first]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = first;
        let (mut nout, mut nends) = (0, 0);
        let done = loop {
            let (res, nin, o, e) =
                reader.read_record(&bytes[pos..], &mut out[nout..], &mut ends[nends..]);
            pos += nin;
            nout += o;
            nends += e;
            match res {
                csv_core::ReadRecordResult::Record => break false,
                csv_core::ReadRecordResult::End => break true,
                csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                // Cannot happen (see `out`), but growing is the answer if it did.
                csv_core::ReadRecordResult::OutputFull => out.resize(out.len() * 2 + 16, 0),
                // Input exhausted mid-record: the next call, with empty input, ends it.
                csv_core::ReadRecordResult::InputEmpty => {}
            }
        };
        if done {
            break;
        }
        let mut start = 0;
        let mut cells = Vec::with_capacity(nends);
        for &end in &ends[..nends] {
            // Fields are split on ASCII bytes of valid UTF-8 text, so each is valid UTF-8.
            cells.push(Cell::text(excel_text(
                std::str::from_utf8(&out[start..end]).unwrap_or_default(),
            )));
            start = end;
        }
        rows.push(GridRow {
            number: line,
            cells,
        });
    }
    Grid {
        rows,
        sheet: None,
        ocr: false,
    }
}
