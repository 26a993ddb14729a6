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

fn csv_grid(text: &str, delimiter: u8) -> Grid {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers are counted from byte offsets: the csv crate's line counter lags by one
    // over `\r\n` endings.
    let (mut line, mut counted_to) = (1usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let mut start = record
                    .position()
                    .map_or(counted_to, |p| p.byte() as usize)
                    .min(text.len());
                // After `\r` the reader stops before the `\n`: that `\n` ends the previous line.
                if text.as_bytes().get(start) == Some(&b'\n') {
                    start += 1;
                }
                if start > counted_to {
                    line += text.as_bytes()[counted_to..start]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                    counted_to = start;
                }
                rows.push(GridRow {
                    number: line,
                    cells: record.iter().map(Cell::text).collect(),
                });
            }
            Ok(false) => break,
            // A malformed record (the text is already valid UTF-8): keep going.
            Err(_) => continue,
        }
    }
    Grid {
        rows,
        sheet: None,
        ocr: false,
    }
}
