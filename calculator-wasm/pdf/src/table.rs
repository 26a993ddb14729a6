//! Text runs with positions → rows and columns, never content-stream order.
//!
//! 1. Runs on one baseline form a line; runs that touch (per-glyph producers such as Chromium
//!    print every glyph on its own) join into chunks.
//! 2. Page furniture goes: page numbers (第 N 页 共 M 页), 打印日期, 验证码.
//! 3. Columns are the x ranges covered by chunks of at least two lines with two chunks or
//!    more (one title line spanning several columns does not merge them): of the lines with
//!    figures when there are some, as headers and a person line above may straddle the
//!    figures' columns. Each chunk goes to the column it overlaps most, so a blank cell stays
//!    blank in its own column; header cells that reach no column (centred or left-aligned
//!    over figures right-aligned in a wide column, or centred over figures left-aligned)
//!    join the columns beside them on the side where more of them find one that no other
//!    cell of the line heads, else each is a column of its own (over a column left blank).
//!    Columns are found per region: a form's blocks (split at section headings `一、…`, unless
//!    the heading opens another table with the header above: one table per insurance) and
//!    each 12-month grid, whose month columns come from its header line (`1月` … `12月`).
//! 4. A line holding only a few cells right under a full row, no amount among them, is the
//!    rest of wrapped cells (a company name on two lines) and joins that row.
//! 5. On every page after the first, the lines that repeat the first page's title and header
//!    before the data go.

use crate::runs::Run;
use crate::PdfRow;

/// Runs on one line, joined.
#[derive(Clone, Debug)]
struct Chunk {
    x: f64,
    end: f64,
    text: String,
}

#[derive(Clone, Debug)]
struct Line {
    page: u32,
    y: f64,
    size: f64,
    chunks: Vec<Chunk>,
}

/// A money figure: digits, a point and two digits (`4500.00`, `1,280.00`).
pub fn has_amount(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    }) && !b
        .windows(5)
        .any(|w| w[0] == b'.' && w[1..4].iter().all(u8::is_ascii_digit) && w[4].is_ascii_digit())
}

fn is_cjk(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Join two pieces of one cell: no space between CJK characters, one between words.
fn join(a: &mut String, b: &str) {
    let last = a.chars().last();
    let first = b.chars().next();
    if let (Some(l), Some(f)) = (last, first) {
        if !(is_cjk(l) || is_cjk(f) || l == ' ' || f == ' ') {
            a.push(' ');
        }
    }
    a.push_str(b);
}

fn lines_of_page(page: u32, runs: &[Run]) -> Vec<Line> {
    let mut runs: Vec<&Run> = runs
        .iter()
        .filter(|r| r.x.is_finite() && r.y.is_finite())
        .collect();
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f64, f64, Vec<&Run>)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, size, members)) if (*y - r.y).abs() <= 0.35 * size.max(r.size) => {
                members.push(r);
                *size = size.max(r.size);
            }
            _ => lines.push((r.y, r.size, vec![r])),
        }
    }
    lines
        .into_iter()
        .map(|(y, size, mut members)| {
            members.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut chunks: Vec<Chunk> = Vec::new();
            for r in members {
                match chunks.last_mut() {
                    Some(c) if r.x - c.end <= 0.35 * size => {
                        if r.x - c.end > 0.2 * size {
                            c.text.push(' ');
                        }
                        c.text.push_str(&r.text);
                        c.end = c.end.max(r.end);
                    }
                    _ => chunks.push(Chunk {
                        x: r.x,
                        end: r.end.max(r.x),
                        text: r.text.clone(),
                    }),
                }
            }
            for c in &mut chunks {
                c.text = c.text.trim().to_string();
            }
            Line {
                page,
                y,
                size,
                chunks,
            }
        })
        .collect()
}

/// Page numbers, print dates and verification codes: furniture, not data.
fn is_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.chars().any(|c| c.is_ascii_digit());
    let page_number = digits
        && t.contains('页')
        && (t.starts_with('第') || t.starts_with('共') || t.contains("页共"));
    // `2/3` (page 2 of 3); `2023/01` is a month.
    let slash_number = t.split_once('/').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    });
    let labels = [
        "打印日期",
        "打印时间",
        "验证码",
        "校验码",
        "查询时间",
        "查询日期",
    ];
    page_number || slash_number || labels.iter().any(|l| t.starts_with(l))
}

/// Column ranges, left to right.
fn columns(lines: &[Line]) -> Vec<(f64, f64)> {
    let multi: Vec<&Line> = lines.iter().filter(|l| l.chunks.len() >= 2).collect();
    // The rows with figures are the table: when there are some, they alone say where the
    // columns are. Header cells (centred, or left-aligned over right-aligned figures) and a
    // person line above them may straddle the figures' columns; they are placed after.
    let figures: Vec<&Line> = multi
        .iter()
        .copied()
        .filter(|l| l.chunks.iter().any(|c| has_amount(&c.text)))
        .collect();
    let multi = if figures.len() >= 2 { figures } else { multi };
    // A title block repeated on every page must not bridge columns: a range is a column when
    // a tenth of the lines (at least two) cover it.
    let threshold = if multi.len() >= 6 {
        (multi.len() as u32).div_ceil(10).max(2)
    } else {
        1
    };
    let width = lines
        .iter()
        .flat_map(|l| l.chunks.iter().map(|c| c.end))
        .fold(0.0f64, f64::max)
        .clamp(0.0, 5000.0)
        .ceil() as usize
        + 2;
    let mut cover = vec![0u32; width];
    for l in &multi {
        for c in &l.chunks {
            let (a, b) = (
                c.x.max(0.0) as usize,
                (c.end.max(0.0).ceil() as usize).min(width - 1),
            );
            for v in cover.iter_mut().take(b + 1).skip(a) {
                *v += 1;
            }
        }
    }
    let mut bands: Vec<(f64, f64)> = Vec::new();
    let mut start = None;
    for (x, &n) in cover.iter().enumerate() {
        match (n >= threshold, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                bands.push((s as f64, x as f64));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        bands.push((s as f64, width as f64));
    }
    bands.sort_by(|a, b| a.0.total_cmp(&b.0));
    for l in lines {
        place_strays(l, &mut bands);
    }
    bands
}

/// The chunks of `line` that reach no column. A header cell centred (or left-aligned) over a
/// wide column lies left of figures right-aligned in it, and a centred one right of figures
/// left-aligned (a web page printed as it is). So on a header line (three cells or more, no
/// figures) every such cell joins the column beside it on one side, the side on which more
/// of them find a column that no other cell of the line heads (the right one on a tie).
/// Any other chunk (a note in one row only, the header of a column left blank) is a column
/// of its own.
fn place_strays(line: &Line, bands: &mut Vec<(f64, f64)>) {
    let strays: Vec<&Chunk> = line
        .chunks
        .iter()
        .filter(|c| !bands.iter().any(|&b| overlap(c, b) > 0.0))
        .collect();
    if strays.is_empty() {
        return;
    }
    let header_like = line.chunks.len() >= 3 && !line.chunks.iter().any(|c| has_amount(&c.text));
    // Each stray's column on one side: the neighbour there, if no cell of the line heads it
    // and no other stray took it. `bands` is sorted.
    let homes = |right: bool| -> Vec<Option<usize>> {
        let mut taken: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for c in &strays {
            let at = bands.partition_point(|b| b.0 < c.x);
            let home = if right { Some(at) } else { at.checked_sub(1) }.filter(|&i| {
                i < bands.len()
                    && !taken.contains(&i)
                    && !line.chunks.iter().any(|o| overlap(o, bands[i]) > 0.0)
            });
            taken.extend(home);
            out.push(home);
        }
        out
    };
    let found = |homes: &[Option<usize>]| homes.iter().flatten().count();
    let (right, left) = (homes(true), homes(false));
    let chosen = match header_like {
        false => vec![None; strays.len()],
        true if found(&left) > found(&right) => left,
        true => right,
    };
    let mut own = Vec::new();
    for (c, home) in strays.iter().zip(chosen) {
        let end = c.end.max(c.x + 0.5);
        match home {
            Some(i) => bands[i] = (bands[i].0.min(c.x), bands[i].1.max(end)),
            None => own.push((c.x, end)),
        }
    }
    for band in own {
        let at = bands.partition_point(|b| b.0 < band.0);
        bands.insert(at, band);
    }
}

fn overlap(c: &Chunk, band: (f64, f64)) -> f64 {
    c.end.max(c.x + 0.5).min(band.1) - c.x.max(band.0)
}

/// A line's cells, one per column.
fn cells(line: &Line, bands: &[(f64, f64)]) -> Vec<String> {
    let mut out = vec![String::new(); bands.len()];
    for c in &line.chunks {
        let best = bands
            .iter()
            .enumerate()
            .max_by(|a, b| overlap(c, *a.1).total_cmp(&overlap(c, *b.1)))
            .map(|(i, _)| i);
        if let Some(i) = best {
            // Separate pieces of text in one column stay apart (`姓名：张三 身份证号：…`).
            if !out[i].is_empty() {
                out[i].push(' ');
            }
            out[i].push_str(&c.text);
        }
    }
    out
}

struct Row {
    page: u32,
    y: f64,
    size: f64,
    /// The region whose columns the cells follow.
    region: usize,
    /// A row of a 12-month grid: never a piece of a wrapped cell (a row with one paid month
    /// has few cells and may hold no amount: `√`).
    month_grid: bool,
    cells: Vec<String>,
}

fn filled(cells: &[String]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

/// Where a piece of a wrapped cell belongs.
#[derive(Clone, Copy, PartialEq)]
enum Home {
    /// A row of its own.
    Own,
    /// The start of the next full row's cells (cells centred vertically: the first line of
    /// a wrapped name sits above the row's other cells).
    Next(usize),
    /// The end of the previous full row's cells.
    Previous(usize),
}

/// Rows from lines: a line with few cells and no amount, within one and a half lines of a
/// full row, is part of that row's wrapped cells: of the nearer of the next full row
/// (vertically centred cells start above the row's baseline) and the previous one
/// (top-aligned cells go on below it).
fn join_wrapped(lines: Vec<Row>) -> Vec<Row> {
    // The widest row of each region (regions have columns of their own).
    let mut widest = vec![0; lines.last().map_or(0, |r| r.region + 1)];
    for r in &lines {
        widest[r.region] = widest[r.region].max(filled(&r.cells));
    }
    // A section heading (`二、医疗保险缴费情况` at the top of a page) is never a piece of a
    // cell, nor a total row (`合计` with figures a spreadsheet printed as `6667.5`; the
    // engine's own list of total words is `TOTAL_WORDS` in read/rows.rs, which this crate
    // does not depend on).
    let is_total = |c: &str| {
        ["合计", "小计", "总计", "共计"]
            .iter()
            .any(|w| c.starts_with(w))
    };
    let fragment = |r: &Row| {
        let n = filled(&r.cells);
        !r.month_grid
            && n > 0
            && n * 2 < widest[r.region]
            && !r
                .cells
                .iter()
                .any(|c| has_amount(c) || is_heading_text(c) || is_total(c))
    };
    let is_fragment: Vec<bool> = lines.iter().map(fragment).collect();
    let near = |a: &Row, b: &Row| {
        a.page == b.page && a.region == b.region && (a.y - b.y).abs() <= 1.5 * a.size.max(b.size)
    };
    let mut homes = vec![Home::Own; lines.len()];
    for i in 0..lines.len() {
        if !is_fragment[i] {
            continue;
        }
        let next = (i + 1..lines.len())
            .find(|&k| !is_fragment[k])
            .filter(|&k| near(&lines[i], &lines[k]));
        // The previous line, or the previous fragment already joined to a full row.
        // A row split by a page break goes on at the top of the next page.
        let previous = i.checked_sub(1).and_then(|k| {
            let target = match homes[k] {
                Home::Previous(t) => Some(t),
                Home::Own if !is_fragment[k] => Some(k),
                _ => None,
            };
            let page_break = lines[k].page != lines[i].page
                && lines[k].region == lines[i].region
                && next.is_none();
            target.filter(|_| near(&lines[i], &lines[k]) || page_break)
        });
        let dy = |k: usize| {
            if lines[k].page == lines[i].page {
                (lines[i].y - lines[k].y).abs()
            } else {
                f64::INFINITY
            }
        };
        homes[i] = match (next, previous) {
            (Some(n), Some(p)) if dy(n) < dy(p) => Home::Next(n),
            (_, Some(p)) => Home::Previous(p),
            (Some(n), None) => Home::Next(n),
            (None, None) => Home::Own,
        };
    }
    let mut rows: Vec<Option<Row>> = lines.iter().map(|_| None).collect();
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for (i, h) in homes.iter().enumerate() {
        match *h {
            Home::Next(t) => before[t].push(i),
            Home::Previous(t) => after[t].push(i),
            Home::Own => {}
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if homes[i] != Home::Own {
            continue;
        }
        let mut cells = vec![String::new(); line.cells.len()];
        for k in before[i].iter().chain([&i]).chain(after[i].iter()) {
            for (c, piece) in cells.iter_mut().zip(&lines[*k].cells) {
                if !piece.is_empty() {
                    join(c, piece);
                }
            }
        }
        rows[i] = Some(Row {
            page: line.page,
            y: line.y,
            size: line.size,
            region: line.region,
            month_grid: line.month_grid,
            cells,
        });
    }
    rows.into_iter().flatten().collect()
}

/// Rows of the whole document from the runs of each page (page numbers from 1).
pub fn rows(pages: &[Vec<Run>]) -> Vec<PdfRow> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, runs) in pages.iter().enumerate() {
        for mut l in lines_of_page(i as u32 + 1, runs) {
            l.chunks
                .retain(|c| !c.text.is_empty() && !is_furniture(&c.text));
            if !l.chunks.is_empty() {
                lines.push(l);
            }
        }
    }
    let mut rows = Vec::with_capacity(lines.len());
    for (region, r) in regions(&lines).into_iter().enumerate() {
        let part = &lines[r.lines];
        let bands = match &r.months {
            Some(_) => Vec::new(),
            None => columns(part),
        };
        rows.extend(part.iter().map(|l| Row {
            page: l.page,
            y: l.y,
            size: l.size,
            region,
            month_grid: r.months.is_some(),
            cells: match &r.months {
                Some(slots) => month_cells(l, slots),
                None => cells(l, &bands),
            },
        }));
    }
    join_wrapped(drop_repeated_headers(rows))
        .into_iter()
        .map(|r| PdfRow {
            page: r.page,
            cells: r.cells,
        })
        .collect()
}

/// A stretch of lines with columns of its own: a form's blocks (a key-value block, a table of
/// insurances, a 12-month grid) each have their own, and columns found for the whole page
/// would merge two month columns through a block above them.
struct Region {
    lines: std::ops::Range<usize>,
    /// For a 12-month grid: each month column's x range (slot), left to right.
    months: Option<Vec<(f64, f64)>>,
}

/// `1月` … `12月` (`01月`, `1月份`): the month of a grid header cell.
fn month_label(text: &str) -> Option<u32> {
    let t = text.trim().strip_suffix('份').unwrap_or(text.trim());
    let digits = t.strip_suffix('月')?;
    if !(1..=2).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|m| (1..=12).contains(m))
}

/// The month columns of a grid's header line (at least six months, in order), as slots that
/// reach half-way to their neighbours.
fn month_slots(line: &Line) -> Option<Vec<(f64, f64)>> {
    let heads: Vec<&Chunk> = line
        .chunks
        .iter()
        .filter(|c| month_label(&c.text).is_some())
        .collect();
    let months: Vec<u32> = heads.iter().filter_map(|c| month_label(&c.text)).collect();
    if heads.len() < 6 || months.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let pitch = (heads[heads.len() - 1].x - heads[0].x) / (heads.len() - 1) as f64;
    let slots = heads
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let left = match k {
                0 => h.x - pitch / 2.0,
                _ => (heads[k - 1].end + h.x) / 2.0,
            };
            let right = match heads.get(k + 1) {
                Some(n) => (h.end + n.x) / 2.0,
                None => h.end + pitch / 2.0,
            };
            (left, right)
        })
        .collect();
    Some(slots)
}

/// Whether the section heading that ends `region` (its lines so far, then the heading)
/// opens another table like the one above it: the line after the heading repeats a table
/// header of the region (a certificate printing one table per insurance, each under
/// `二、医疗保险缴费情况`). Such sections keep one set of columns, so their rows line up under
/// the one header the reader finds; a form's blocks each have their own.
fn same_table_goes_on(region: &[Line], next: Option<&Line>) -> bool {
    let texts = |l: &Line| l.chunks.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    let Some(next) = next.filter(|l| l.chunks.len() >= 3) else {
        return false;
    };
    let header = texts(next);
    region.iter().any(|l| texts(l) == header)
}

/// A section heading of a form: `一、…`, `（二）…` alone on its line.
fn is_section_heading(line: &Line) -> bool {
    let [only] = line.chunks.as_slice() else {
        return false;
    };
    is_heading_text(&only.text)
}

/// `一、…`, `（二）…`: the text of a section heading.
fn is_heading_text(text: &str) -> bool {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let t = text.trim_start_matches(['（', '(']);
    let n = t.chars().take_while(|c| numeral(*c)).count();
    n > 0
        && t.chars()
            .nth(n)
            .is_some_and(|c| matches!(c, '、' | '）' | ')'))
}

/// Whether `line` is a row of the 12-month grid whose header is `header`: same page, and no
/// text reaching across from the label column into the months (a note under the grid).
fn in_month_grid(line: &Line, header: &Line, slots: &[(f64, f64)]) -> bool {
    let first = slots[0].0;
    let last = slots[slots.len() - 1].1;
    line.page == header.page
        && !is_section_heading(line)
        && month_slots(line).is_none()
        && line
            .chunks
            .iter()
            .all(|c| (c.end <= first || c.x >= first) && c.x < last)
}

fn regions(lines: &[Line]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < lines.len() {
        if let Some(slots) = month_slots(&lines[i]) {
            if start < i {
                out.push(Region {
                    lines: start..i,
                    months: None,
                });
            }
            let mut end = i + 1;
            while end < lines.len() && in_month_grid(&lines[end], &lines[i], &slots) {
                end += 1;
            }
            out.push(Region {
                lines: i..end,
                months: Some(slots),
            });
            (start, i) = (end, end);
            continue;
        }
        if is_section_heading(&lines[i])
            && start < i
            && !same_table_goes_on(&lines[start..i], lines.get(i + 1))
        {
            out.push(Region {
                lines: start..i,
                months: None,
            });
            start = i;
        }
        i += 1;
    }
    if start < lines.len() {
        out.push(Region {
            lines: start..lines.len(),
            months: None,
        });
    }
    out
}

/// The mark before a figure that could not be placed in one month's column: the engine's
/// form reader turns such a cell into an unreadable one.
pub const UNPLACED: &str = "位置不明：";

/// A grid line's cells: the label, then one per month slot. Text that does not sit clearly
/// in one month's slot (between two, or across two) cannot be placed: every month it may
/// belong to gets it marked [`UNPLACED`], so that month is unreadable, never a gap or a wrong
/// month.
fn month_cells(line: &Line, slots: &[(f64, f64)]) -> Vec<String> {
    let mut out = vec![String::new(); slots.len() + 1];
    let put = |out: &mut Vec<String>, i: usize, text: &str| {
        if !out[i].is_empty() {
            out[i].push(' ');
        }
        out[i].push_str(text);
    };
    for c in &line.chunks {
        if c.end <= slots[0].0 {
            put(&mut out, 0, &c.text);
            continue;
        }
        let width = (c.end - c.x).max(0.5);
        let mut overlaps: Vec<(usize, f64)> = slots
            .iter()
            .enumerate()
            .map(|(k, s)| (k, c.end.max(c.x + 0.5).min(s.1) - c.x.max(s.0)))
            .filter(|(_, o)| *o > 0.0)
            .collect();
        overlaps.sort_by(|a, b| b.1.total_cmp(&a.1));
        let inside = overlaps.first().is_some_and(|(_, o)| *o >= width * 0.99);
        let clear = match overlaps.as_slice() {
            [(_, best), rest @ ..] => {
                c.x >= slots[0].0 && (inside || rest.first().is_none_or(|(_, o)| *o < best / 3.0))
            }
            [] => false,
        };
        if clear {
            put(&mut out, overlaps[0].0 + 1, &c.text);
            continue;
        }
        // The months it may belong to: those it touches, else the nearest slot.
        let mut candidates: Vec<usize> = overlaps.iter().map(|(k, _)| *k).collect();
        if candidates.is_empty() {
            let centre = (c.x + c.end) / 2.0;
            let nearest = slots
                .iter()
                .enumerate()
                .min_by(|a, b| {
                    let d = |s: &(f64, f64)| (centre - (s.0 + s.1) / 2.0).abs();
                    d(a.1).total_cmp(&d(b.1))
                })
                .map_or(0, |(k, _)| k);
            candidates.push(nearest);
        }
        for k in candidates {
            put(&mut out, k + 1, &format!("{UNPLACED}{}", c.text));
        }
    }
    out
}

/// On pages after the first, the leading lines that repeat the first page's lines before its
/// data (title, person block, header row) go. A line with an amount is data and always stays;
/// so does a piece of a wrapped cell. Lines are compared by their texts, not by their cells:
/// a title above a section heading has columns of its own.
fn drop_repeated_headers(rows: Vec<Row>) -> Vec<Row> {
    let texts =
        |r: &Row| -> Vec<String> { r.cells.iter().filter(|c| !c.is_empty()).cloned().collect() };
    let widest = rows.iter().map(|r| filled(&r.cells)).max().unwrap_or(0);
    // Page 1 up to its header: the last wide line before the first amount (not the pieces of
    // a wrapped cell that may follow it).
    let before_data: Vec<&Row> = rows
        .iter()
        .filter(|r| r.page == 1)
        .take_while(|r| !r.cells.iter().any(|c| has_amount(c)))
        .collect();
    let header = before_data
        .iter()
        .rposition(|r| filled(&r.cells) * 2 >= widest)
        .map_or(0, |i| i + 1);
    let first_page_top: Vec<Vec<String>> = before_data[..header].iter().map(|r| texts(r)).collect();
    let mut keep = Vec::with_capacity(rows.len());
    let mut page = 0;
    let mut leading = false;
    for r in rows {
        if r.page != page {
            page = r.page;
            leading = page > 1;
        }
        if leading {
            if first_page_top.contains(&texts(&r)) {
                continue;
            }
            leading = false;
        }
        keep.push(r);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, text: &str) -> Run {
        let w = text
            .chars()
            .map(|c| if c.is_ascii() { 5.0 } else { 10.0 })
            .sum::<f64>();
        Run {
            x,
            end: x + w,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    #[test]
    fn amounts() {
        assert!(has_amount("4500.00"));
        assert!(has_amount("1,280.00"));
        assert!(!has_amount("2023-01"));
        assert!(!has_amount("3.14159"));
        assert!(!has_amount("个人8%"));
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("第 1 页 共 3 页"));
        assert!(is_furniture("第1页/共3页"));
        assert!(is_furniture("共 3 页"));
        assert!(is_furniture("打印日期：2026-11-20"));
        assert!(is_furniture("验证码：7F3K9Q2M"));
        assert!(is_furniture("2/3"));
        assert!(!is_furniture("2023-01"));
        assert!(!is_furniture("202301"));
        assert!(!is_furniture("2023/01"));
        assert!(!is_furniture("单位名称"));
    }

    /// Cells land in their column by position, whatever the stream order, and a blank month
    /// cell stays blank in its own column.
    #[test]
    fn columns_from_positions_not_order() {
        let page = vec![
            run(200.0, 700.0, "个人缴费"),
            run(100.0, 700.0, "缴费基数"),
            run(10.0, 700.0, "费款所属期"),
            run(10.0, 680.0, "202301"),
            run(210.0, 680.0, "400.00"),
            run(100.0, 680.0, "5000.00"),
            run(10.0, 660.0, "202302"),
            run(210.0, 660.0, "400.00"),
        ];
        let rows = rows(&[page]);
        assert_eq!(
            cells_of(&rows),
            vec![
                vec!["费款所属期", "缴费基数", "个人缴费"],
                vec!["202301", "5000.00", "400.00"],
                vec!["202302", "", "400.00"],
            ]
        );
    }

    fn cells_of(rows: &[PdfRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    /// A header line at `header` positions, then three rows: a month at `month_x`, then
    /// `cells` at their positions.
    fn table_page(header: &[(f64, &str)], month_x: f64, cells: &[(f64, &str)]) -> Vec<Run> {
        let mut page: Vec<Run> = header.iter().map(|&(x, t)| run(x, 750.0, t)).collect();
        for (i, y) in [735.0, 720.0, 705.0].into_iter().enumerate() {
            page.push(run(month_x, y, &format!("2025-0{}", i + 1)));
            page.extend(cells.iter().map(|&(x, t)| run(x, y, t)));
        }
        page
    }

    /// Wide columns: headers centred (or left-aligned) over figures right-aligned at the
    /// column's end do not reach them, and a person line above bridges the gaps. The figures
    /// say where the columns are; each header joins the column beside it that no other header
    /// heads, and a header over a column left blank keeps a column of its own.
    #[test]
    fn headers_that_miss_their_right_aligned_figures_still_head_them() {
        let mut page = vec![
            run(40.0, 770.0, "姓名：王五"),
            run(103.0, 770.0, "身份证号：330106********123X"),
        ];
        page.extend(table_page(
            &[
                (57.0, "费款所属期"),
                (147.0, "缴费基数"),
                (230.0, "个人缴纳"),
                (327.0, "单位缴纳"),
                (412.0, "缴费状态"),
            ],
            42.0,
            &[(173.0, "5000.00"), (275.0, "25.00"), (416.0, "已到账")],
        ));
        let rows = rows(&[page]);
        let cells = cells_of(&rows);
        let header = cells
            .iter()
            .position(|r| r.contains(&"费款所属期"))
            .unwrap();
        let column = |text: &str| cells[header].iter().position(|c| *c == text).unwrap();
        let data = &cells[header + 1];
        assert_eq!(data[column("缴费基数")], "5000.00", "{cells:?}");
        assert_eq!(data[column("个人缴纳")], "25.00", "{cells:?}");
        assert_eq!(data[column("单位缴纳")], "", "{cells:?}");
        assert_eq!(data[column("缴费状态")], "已到账", "{cells:?}");
    }

    /// A web page's table printed as it is: headers centred over wide columns, figures
    /// left-aligned at the columns' starts, so every header lies right of its figures and
    /// nearer the next column's. The whole header line goes to the side where every header
    /// finds a column: left here.
    #[test]
    fn centred_headers_over_left_aligned_figures_head_the_column_left_of_them() {
        let page = table_page(
            &[
                (72.0, "费款所属期"),
                (193.0, "缴费基数"),
                (297.0, "个人缴纳"),
                (401.0, "单位缴纳"),
                (506.0, "缴费状态"),
            ],
            34.0,
            &[
                (138.0, "5000.00"),
                (242.0, "25.00"),
                (346.0, "40.00"),
                (450.0, "已到账"),
            ],
        );
        let rows = rows(&[page]);
        let cells = cells_of(&rows);
        assert_eq!(
            cells[..2],
            [
                vec!["费款所属期", "缴费基数", "个人缴纳", "单位缴纳", "缴费状态"],
                vec!["2025-01", "5000.00", "25.00", "40.00", "已到账"],
            ],
            "{cells:?}"
        );
    }

    #[test]
    fn wrapped_cells_join_and_repeated_headers_go() {
        let header = |y| {
            vec![
                run(10.0, y, "年月"),
                run(80.0, y, "金额"),
                run(150.0, y, "单位名称"),
            ]
        };
        let mut p1 = header(700.0);
        p1.extend([
            run(10.0, 685.0, "202301"),
            run(80.0, 685.0, "400.00"),
            run(150.0, 685.0, "某某机械"),
            run(150.0, 674.0, "有限公司"),
            run(10.0, 655.0, "202302"),
            run(80.0, 655.0, "400.00"),
            run(150.0, 655.0, "某某机械有限公司"),
            run(100.0, 40.0, "第 1 页 共 2 页"),
        ]);
        let mut p2 = header(700.0);
        p2.extend([
            run(10.0, 685.0, "202303"),
            run(80.0, 685.0, "400.00"),
            run(150.0, 685.0, "某某机械有限公司"),
            run(100.0, 40.0, "第 2 页 共 2 页"),
        ]);
        let rows = rows(&[p1, p2]);
        let text: Vec<String> = rows.iter().map(|r| r.cells.join("|")).collect();
        assert_eq!(
            text,
            vec![
                "年月|金额|单位名称",
                "202301|400.00|某某机械有限公司",
                "202302|400.00|某某机械有限公司",
                "202303|400.00|某某机械有限公司",
            ]
        );
        assert_eq!(rows[3].page, 2);
    }

    /// A form: a key-value block above a 12-month grid keeps the grid's month columns apart,
    /// blank months stay blank in their own column, and a figure between two months is
    /// marked unplaceable in both.
    #[test]
    fn month_grid_keeps_blank_months_in_their_columns() {
        let mut page = vec![
            run(10.0, 760.0, "一、养老保险个人账户"),
            run(10.0, 740.0, "截止上年末个人账户累计储存额"),
            run(190.0, 740.0, "56888.22"),
            run(300.0, 740.0, "当年记账金额"),
            run(420.0, 740.0, "4800.00"),
            run(10.0, 710.0, "二、本年度缴费情况"),
            run(10.0, 690.0, "险种"),
        ];
        for m in 1..=12 {
            page.push(run(60.0 + m as f64 * 40.0, 690.0, &format!("{m}月")));
        }
        page.push(run(10.0, 670.0, "养老保险"));
        for m in [1, 2, 3, 4, 5, 6, 9, 10, 11, 12] {
            page.push(run(58.0 + m as f64 * 40.0, 670.0, "400.00"));
        }
        page.push(run(10.0, 650.0, "失业保险"));
        page.push(run(100.0, 650.0, "√"));
        // Half-way between 7月 and 8月: it cannot be placed.
        page.push(run(355.0, 650.0, "25.00"));
        let rows = rows(&[page]);
        let text: Vec<String> = rows.iter().map(|r| r.cells.join("|")).collect();
        assert_eq!(
            text[1],
            "截止上年末个人账户累计储存额|56888.22|当年记账金额|4800.00"
        );
        assert_eq!(
            text[3],
            "险种|1月|2月|3月|4月|5月|6月|7月|8月|9月|10月|11月|12月"
        );
        assert_eq!(
            text[4],
            "养老保险|400.00|400.00|400.00|400.00|400.00|400.00|||400.00|400.00|400.00|400.00"
        );
        assert_eq!(
            text[5],
            "失业保险|√||||||位置不明：25.00|位置不明：25.00||||"
        );
    }
}
