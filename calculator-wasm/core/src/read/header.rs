//! Finding the header below title rows, flattening headers 1–8 rows deep (merged group
//! cells carried right), and saying what each column holds.

use super::amount::{parse_amount, split_stated_rate};
use super::codes::find_insurance_name;
use super::grid::{Cell, Grid, GridRow};
use super::month_text::{parse_month_of_year, parse_period};
use super::synonyms::{match_field, Field};
use super::text_norm::normalise_label;
use crate::record::{Insurance, StatedRate};

/// How far down the header may start (title blocks are short).
const HEADER_SEARCH_ROWS: usize = 60;
/// Deepest header accepted.
const MAX_HEADER_ROWS: usize = 8;

/// One column, as its header describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Position in the row.
    pub index: usize,
    /// The header text, header rows joined with `/` (for messages).
    pub label: String,
    /// What it holds, if recognised.
    pub field: Option<Field>,
    /// Preference among columns claiming the same field (lower wins).
    pub rank: usize,
    /// The insurance the column (or its group) names.
    pub insurance: Option<Insurance>,
    /// The group names a scheme outside the five (大额医疗): the column is not read.
    pub other_scheme: bool,
    /// The label is only an insurance name (cells hold `√` or a month count).
    pub insurance_only: bool,
    /// A rate stated in the header (`个人2%+3`).
    pub rate: Option<StatedRate>,
    /// `N月` in a year × month grid.
    pub grid_month: Option<u32>,
    /// A total column (`个人缴费合计`): the money field it totals. Not a month's figure, but
    /// a range row's amounts (see `plan::make_plan`).
    pub total_of: Option<Field>,
}

/// The header block and its columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Index (into `grid.rows`) of the first header row.
    pub first: usize,
    /// Index of the last header row; data starts below.
    pub last: usize,
    /// Every column.
    pub columns: Vec<Column>,
}

struct RowStats {
    recognised: usize,
    data_like: usize,
    non_blank: usize,
}

fn cell_recognised(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else { return false };
    let label = normalise_label(t);
    // `姓名：张三` above a table is a title field with its value, not a column's name (a PDF
    // may lay a title line's fields out over the table's columns).
    if label.is_empty()
        || label
            .split_once(':')
            .is_some_and(|(_, value)| !value.is_empty() && !value.contains('%'))
    {
        return false;
    }
    let stripped = split_stated_rate(&label)
        .map(|(p, _, _)| p.to_string())
        .unwrap_or_else(|| label.to_string());
    match_field(&stripped).is_some()
        || find_insurance_name(&stripped).is_some()
        || parse_month_of_year(&stripped, false).is_some() && stripped.ends_with(['月', '份'])
}

/// True for a cell that holds a value rather than a name.
pub fn cell_data_like(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => false,
        Cell::Number(_) | Cell::Date { .. } | Cell::Unreadable(_) => true,
        Cell::Text(t) => {
            matches!(parse_amount(t, false), Ok(Some(_)))
                || matches!(parse_period(t, false), Ok(Some(_)))
        }
    }
}

/// Counts over the row's cells, a run of equal cells counted once: XLSX merged cells are
/// filled with their value, so a title merged across the sheet (`XX市社会保险个人缴费记录`,
/// `所属期：2025年06月`) is one text, not a row of column names.
fn stats(row: &GridRow) -> RowStats {
    let mut s = RowStats {
        recognised: 0,
        data_like: 0,
        non_blank: 0,
    };
    let mut cells: Vec<&Cell> = row.non_blank().collect();
    cells.dedup();
    for c in cells {
        s.non_blank += 1;
        if cell_recognised(c) {
            s.recognised += 1;
        } else if cell_data_like(c) {
            s.data_like += 1;
        }
    }
    s
}

/// Find the header block. `None` if no row looks like one. `printed`: the grid comes from a
/// page's layout (a PDF), where two labels may touch and read as one.
pub fn find_header(grid: &Grid, printed: bool) -> Option<Header> {
    let limit = grid.rows.len().min(HEADER_SEARCH_ROWS);
    let first = (0..limit).find(|&i| {
        let s = stats(&grid.rows[i]);
        s.recognised >= 2 && s.recognised * 2 > s.non_blank && s.data_like == 0
    })?;
    let mut last = first;
    while last + 1 < grid.rows.len() && last + 1 - first < MAX_HEADER_ROWS {
        let s = stats(&grid.rows[last + 1]);
        if s.non_blank == 0
            || s.data_like > 0
            || s.recognised == 0
            || s.recognised * 2 <= s.non_blank
        {
            break;
        }
        last += 1;
    }
    let mut parts = header_parts(&grid.rows[first..=last]);
    if printed {
        // Which columns hold something in the rows below the header.
        let below = &grid.rows[last + 1..];
        let has_data: Vec<bool> = (0..parts.len())
            .map(|i| below.iter().take(50).any(|r| !r.cell(i).is_blank()))
            .collect();
        split_glued_labels(&mut parts, &has_data);
    }
    let columns = build_columns(parts);
    Some(Header {
        first,
        last,
        columns,
    })
}

/// The texts of the header rows, merged group cells carried right over the columns that
/// have a sub-header below them.
fn flatten(rows: &[GridRow]) -> Vec<Vec<String>> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            (0..width)
                .map(|i| r.cell(i).display().into_owned())
                .collect()
        })
        .collect();
    for r in 0..texts.len().saturating_sub(1) {
        let (upper, lower) = texts.split_at_mut(r + 1);
        align_group_labels(&mut upper[r], &lower[0]);
    }
    for r in 0..texts.len().saturating_sub(1) {
        for c in 1..width {
            let below_has_text = texts[r + 1..].iter().any(|row| !row[c].trim().is_empty());
            if texts[r][c].trim().is_empty() && below_has_text {
                texts[r][c] = texts[r][c - 1].clone();
            }
        }
    }
    texts
}

/// A group label centred over its columns, in a table whose figures are left-aligned (a web
/// page printed as it is), lands on the group's last column in a PDF, not its first: then the
/// columns just left of the first label hold sub-headers that the groups repeat (`单位缴纳`
/// before `养老保险` over `个人缴纳`), under no label. Every label above a sub-header moves left
/// by that many columns, so that each group starts where its sub-headers do.
fn align_group_labels(upper: &mut [String], lower: &[String]) {
    let blank = |t: &String| t.trim().is_empty();
    let labels: Vec<usize> = (0..upper.len())
        .filter(|&c| !blank(&upper[c]) && !blank(&lower[c]))
        .collect();
    let [first, second, ..] = labels[..] else {
        return;
    };
    let parts: Vec<&str> = (first..lower.len())
        .map(|c| lower[c].trim())
        .filter(|t| !t.is_empty())
        .collect();
    let orphans = (0..first)
        .rev()
        .take_while(|&c| blank(&upper[c]) && parts.contains(&lower[c].trim()))
        .count();
    if orphans == 0 || orphans >= second - first {
        return;
    }
    for &c in &labels {
        upper[c - orphans] = std::mem::take(&mut upper[c]);
    }
}

/// Each column's header texts, top to bottom (repeats of a merged group cell once).
fn header_parts(rows: &[GridRow]) -> Vec<Vec<String>> {
    let texts = flatten(rows);
    let width = texts.first().map_or(0, Vec::len);
    (0..width)
        .map(|i| {
            let mut parts: Vec<String> = Vec::new();
            for row in &texts {
                let t = row[i].trim();
                if !t.is_empty() && parts.last().map(String::as_str) != Some(t) {
                    parts.push(t.to_string());
                }
            }
            parts
        })
        .collect()
}

fn build_columns(parts: Vec<Vec<String>>) -> Vec<Column> {
    let mut columns: Vec<Column> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| describe(i, p))
        .collect();
    // With a year column, `月`/`月份` is the month of that year, not a full period.
    if columns.iter().any(|c| c.field == Some(Field::Year)) {
        for c in &mut columns {
            let l = normalise_label(&c.label);
            if c.field == Some(Field::Period) && matches!(&*l, "月份" | "缴费月份" | "月度")
            {
                c.field = Some(Field::MonthOfYear);
            }
        }
    }
    columns
}

/// The field a label names exactly (not one it merely contains).
fn exact_field(label: &str) -> Option<Field> {
    match_field(&normalise_label(label)).and_then(|(f, rank)| (rank < 100).then_some(f))
}

/// Two labels in one header cell, as a PDF printed with its columns touching gives them
/// (`parts`: each column's header texts, top to bottom; `has_data`: which columns hold
/// something below the header):
/// - `费款所属期缴费基数` over a column whose right neighbour has data but no header: each
///   column gets its own;
/// - `小计 缴费标志` over cells printed as one too (`1320已到账`): the column is the label
///   that is read, not the total.
fn split_glued_labels(parts: &mut [Vec<String>], has_data: &[bool]) {
    for i in 0..parts.len() {
        // One header row, and not a label the synonyms know as it is.
        let [label] = parts[i].as_slice() else {
            continue;
        };
        if exact_field(label).is_some() {
            continue;
        }
        let label = label.clone();
        let next_blank = parts.get(i + 1).is_some_and(Vec::is_empty)
            && has_data.get(i + 1).copied().unwrap_or(false);
        let glued = label.char_indices().skip(2).find_map(|(k, _)| {
            let (a, b) = label.split_at(k);
            (exact_field(a).is_some() && exact_field(b).is_some()).then_some((a, b))
        });
        if let (true, Some((a, b))) = (next_blank, glued) {
            parts[i] = vec![a.to_string()];
            parts[i + 1] = vec![b.to_string()];
            continue;
        }
        let Some((a, b)) = label.split_once(char::is_whitespace) else {
            continue;
        };
        let (a, b) = (a.trim(), b.trim());
        let kept = match (exact_field(a), exact_field(b)) {
            (Some(Field::Ignored), Some(f)) if f != Field::Ignored => b,
            (Some(f), Some(Field::Ignored)) if f != Field::Ignored => a,
            _ => continue,
        };
        parts[i] = vec![kept.to_string()];
    }
}

const INSURANCE_PREFIXES: &[&str] = &[
    "企业职工基本",
    "城镇职工基本",
    "职工基本",
    "企业职工",
    "城镇职工",
    "基本",
];
const INSURANCE_SUFFIXES: &[&str] = &["保险费", "保险", "险", "费", "补助"];

/// Describe one column from its header parts (top to bottom).
fn describe(index: usize, parts: &[String]) -> Column {
    let mut col = Column {
        index,
        label: parts.join("/"),
        field: None,
        rank: 0,
        insurance: None,
        other_scheme: false,
        insurance_only: false,
        rate: None,
        grid_month: None,
        total_of: None,
    };
    let mut named_only = false;
    for part in parts {
        let mut label = normalise_label(part);
        if let Some(m) =
            parse_month_of_year(&label, false).filter(|_| label.ends_with(['月', '份']))
        {
            col.grid_month = Some(m);
            continue;
        }
        if let Some((prefix, rate, fixed)) = split_stated_rate(&label) {
            col.rate = Some(StatedRate { rate, fixed });
            label = prefix.to_string().into();
        }
        if let Some((ins, start, end)) = find_insurance_name(&label) {
            if col.insurance.is_none() && !col.other_scheme {
                match ins {
                    Some(i) => col.insurance = Some(i),
                    None => col.other_scheme = true,
                }
            }
            let mut before = &label[..start];
            for p in INSURANCE_PREFIXES {
                if let Some(b) = before.strip_suffix(p) {
                    before = b;
                    break;
                }
            }
            let mut after = &label[end..];
            for s in INSURANCE_SUFFIXES {
                if let Some(a) = after.strip_prefix(s) {
                    after = a;
                    break;
                }
            }
            label = format!("{before}{after}").into();
            if label.is_empty() {
                named_only = true;
                continue;
            }
        }
        if let Some((f, rank)) = match_field(&label) {
            col.field = Some(f);
            col.rank = rank;
        }
        // A total column (`个人缴费合计`) is not a month's figure.
        if ["合计", "小计", "总计"].iter().any(|t| label.contains(t)) {
            col.total_of = col.field.filter(|f| f.is_money() && *f != Field::Base);
            col.field = Some(Field::Ignored);
        }
    }
    col.insurance_only = named_only && col.field.is_none() && col.insurance.is_some();
    col
}

#[cfg(test)]
#[path = "header_tests.rs"]
mod tests;
