//! Text runs with positions → rows and columns, never content-stream order.
//!
//! 1. Runs on one baseline form a line; runs that touch (per-glyph producers such as Chromium
//!    print every glyph on its own) join into chunks.
//! 2. Page furniture goes: page numbers (第 N 页 共 M 页), 打印日期, 验证码.
//! 3. Columns are the x ranges covered by chunks of at least two lines with two chunks or
//!    more (one title line spanning several columns does not merge them); each chunk goes to
//!    the column it overlaps most, so a blank cell stays blank in its own column.
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
    // A chunk in no column (a note in one row only) is a column of its own.
    for l in lines {
        for c in &l.chunks {
            if !bands
                .iter()
                .any(|&(a, b)| c.x < b && c.end.max(c.x + 0.5) > a)
            {
                bands.push((c.x, c.end.max(c.x + 0.5)));
            }
        }
    }
    bands.sort_by(|a, b| a.0.total_cmp(&b.0));
    bands
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
    let widest = lines.iter().map(|r| filled(&r.cells)).max().unwrap_or(0);
    let fragment = |r: &Row| {
        let n = filled(&r.cells);
        n > 0 && n * 2 < widest && !r.cells.iter().any(|c| has_amount(c))
    };
    let is_fragment: Vec<bool> = lines.iter().map(fragment).collect();
    let near = |a: &Row, b: &Row| a.page == b.page && (a.y - b.y).abs() <= 1.5 * a.size.max(b.size);
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
            let page_break = lines[k].page != lines[i].page && next.is_none();
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
    let bands = columns(&lines);
    let rows = lines
        .iter()
        .map(|l| Row {
            page: l.page,
            y: l.y,
            size: l.size,
            cells: cells(l, &bands),
        })
        .collect();
    join_wrapped(drop_repeated_headers(rows))
        .into_iter()
        .map(|r| PdfRow {
            page: r.page,
            cells: r.cells,
        })
        .collect()
}

/// On pages after the first, the leading lines that repeat the first page's lines before its
/// data (title, person block, header row) go. A line with an amount is data and always stays;
/// so does a piece of a wrapped cell.
fn drop_repeated_headers(rows: Vec<Row>) -> Vec<Row> {
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
    let first_page_top: Vec<Vec<String>> = before_data[..header]
        .iter()
        .map(|r| r.cells.clone())
        .collect();
    let mut keep = Vec::with_capacity(rows.len());
    let mut page = 0;
    let mut leading = false;
    for r in rows {
        if r.page != page {
            page = r.page;
            leading = page > 1;
        }
        if leading {
            if first_page_top.contains(&r.cells) {
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
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["费款所属期", "缴费基数", "个人缴费"],
                vec!["202301", "5000.00", "400.00"],
                vec!["202302", "", "400.00"],
            ]
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
}
