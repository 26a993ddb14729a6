//! The data rows below the header: skip what is not data (blank, 合计/小计, footers, group
//! rows, repeated page headers, wrapped names), read the rest, and list every row not read.

use super::code_memo::CodeMemo;
use super::grid::{Cell, Grid, GridRow};
use super::header::{cell_data_like, Header};
use super::people::{damaged_id, People};
use super::plan::Plan;
use super::row_read::RowReader;
use super::row_special::{read_annual_row, read_grid_row};
use super::text_norm::normalise_label;
use crate::error::StatementError;
use crate::record::Person;
use crate::statement::{Layout, SkippedRow};

/// The outcome of reading the rows.
pub struct TableRead {
    /// People with their records.
    pub people: Vec<Person>,
    /// Rows that gave records.
    pub rows_read: usize,
    /// Rows not read.
    pub skipped: Vec<SkippedRow>,
    /// The first unreadable row's error (refused with it when nothing was readable).
    pub first_error: Option<StatementError>,
    /// Section headings (`二、医疗保险缴费情况`) named the insurance of the rows under them.
    pub insurance_by_section: bool,
    /// The number of records a line under the table states (`共 12 条记录，每页 10 条`),
    /// when it is more than the table lists: pages were left out.
    pub rows_stated: Option<usize>,
}

const TOTAL_WORDS: &[&str] = &["合计", "小计", "总计", "共计"];
const FOOTER_WORDS: &[&str] = &[
    "打印日期",
    "打印时间",
    "打印人",
    "制表",
    "经办人",
    "经办机构",
    "审核",
    "注：",
    "注:",
    "说明",
    "备注：",
    "备注:",
    "本证明",
    "查询日期",
    "查询时间",
    "数据截至",
    "数据截止",
    "盖章",
    "第",
    "温馨提示",
    "验证码",
    "证明编号",
];

/// A 合计 row: a cell that starts or ends with a total word (`合计：`, `单位部分合计`),
/// never one that merely contains it (`综合计算`).
fn is_total(row: &GridRow) -> bool {
    row.non_blank().any(|c| match c {
        // Every total word holds 计; most cells do not, and skip the normalising.
        Cell::Text(t) if t.contains('计') => {
            let n = normalise_label(t);
            let n = n.trim_end_matches([':', '：']);
            TOTAL_WORDS
                .iter()
                .any(|w| n.starts_with(w) || n.ends_with(w))
        }
        _ => false,
    })
}

fn is_footer(row: &GridRow) -> bool {
    let Some(Cell::Text(t)) = row.non_blank().next() else {
        return false;
    };
    if t.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let n = normalise_label(t);
    FOOTER_WORDS
        .iter()
        .any(|w| n.starts_with(w) && (*w != "第" || n.ends_with('页')))
}

/// A web page's pager copied with its table (`首页 上一页 1 2 下一页 尾页`).
fn is_pager(row: &GridRow) -> bool {
    row.non_blank().any(|c| {
        matches!(
            c.display().trim(),
            "上一页" | "下一页" | "首页" | "尾页" | "末页"
        )
    })
}

/// The count of `共 12 条记录` (a web page's line under its table).
fn stated_count(row: &GridRow) -> Option<usize> {
    let t = row.non_blank().next()?.display();
    let rest = t.trim().strip_prefix('共')?;
    let (count, after) = rest.trim_start().split_once('条')?;
    count
        .trim()
        .parse()
        .ok()
        .filter(|_| after.starts_with("记录"))
}

/// Labels of a person's name and of their ID number, as title rows print them.
const NAME_LABELS: [&str; 3] = ["姓名", "参保人姓名", "参保人"];
const ID_LABELS: [&str; 5] = [
    "公民身份号码",
    "身份证号码",
    "身份证号",
    "证件号码",
    "社会保障号码",
];

/// A page's person line repeated inside the data (`姓名：张三  身份证号：…` at the top of
/// every page of a PDF): a label and its value, never a name alone.
fn is_person_line(row: &GridRow) -> bool {
    let Some(Cell::Text(t)) = row.non_blank().next() else {
        return false;
    };
    let n = normalise_label(t);
    NAME_LABELS.iter().chain(&ID_LABELS).any(|k| {
        n.strip_prefix(k)
            .is_some_and(|rest| rest.starts_with([':', '：']))
    })
}

/// The normalised non-blank texts of a row.
fn row_texts(r: &GridRow) -> Vec<String> {
    r.cells
        .iter()
        .map(|c| normalise_label(&c.display()).into_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A page header repeated inside the data (text out of a multi-page PDF).
fn is_repeated_header(row: &GridRow, header_texts: &[String]) -> bool {
    // Cheap test first: the first cell must already match.
    let Some(first) = row.non_blank().next() else {
        return false;
    };
    if header_texts.first().map(String::as_str) != Some(&*normalise_label(&first.display())) {
        return false;
    }
    row_texts(row) == header_texts
}

/// Name and ID from title rows (`姓名：张三`, or `姓名 | 张三` in neighbouring cells).
pub fn person_from_titles(rows: &[GridRow]) -> (Option<String>, Option<String>) {
    let (mut name, mut id) = (None, None);
    for r in rows {
        let texts: Vec<String> = r.cells.iter().map(|c| c.display().into_owned()).collect();
        for (i, t) in texts.iter().enumerate() {
            for piece in t.split([' ', '\u{3000}']) {
                let n = normalise_label(piece);
                let value = |key: &str| -> Option<String> {
                    let rest = n.strip_prefix(key)?;
                    // `姓名：张三` or `姓名` alone (value in the next cell); never `参保人员…`.
                    let value = rest.strip_prefix([':', '：']).unwrap_or(rest);
                    if value.len() == rest.len() && !rest.is_empty() {
                        return None;
                    }
                    if !value.is_empty() {
                        return Some(value.to_string());
                    }
                    texts
                        .iter()
                        .skip(i + 1)
                        .find(|x| !x.trim().is_empty())
                        .map(|x| x.trim().to_string())
                };
                for key in NAME_LABELS {
                    if name.is_none() {
                        name = value(key);
                    }
                }
                for key in ID_LABELS {
                    if id.is_none() {
                        id = value(key);
                    }
                }
            }
        }
    }
    (name, id)
}

/// Read every row below the header.
pub fn read_rows(
    grid: &Grid,
    header: &Header,
    plan: &Plan,
    title_person: (Option<String>, Option<String>),
) -> TableRead {
    let mut people = People::default();
    let mut skipped = Vec::new();
    let mut first_error = None;
    let mut rows_read = 0;
    let default_person = people.person(title_person.0.as_deref(), title_person.1.as_deref());
    let mut current = default_person;
    let mut last_data: Option<usize> = None; // row number of the previous data row
    let mut interruptions = false;
    let mut rows_stated = None;
    // Rows that reach the row reader, whatever it makes of them.
    let mut rows_listed = 0;
    // The plan under the last section heading that named an insurance, if any.
    let mut section: Option<Plan> = None;
    let memo = std::cell::RefCell::new(CodeMemo::default());
    let header_texts = row_texts(&grid.rows[header.last]);
    let has_employer_name = plan
        .segments
        .first()
        .is_some_and(|s| s.employer_name.is_some());
    let skip = |skipped: &mut Vec<SkippedRow>, row: &GridRow, reason: &str| {
        skipped.push(SkippedRow::not_data(row.number, reason));
    };
    for row in &grid.rows[header.last + 1..] {
        let prev_data = last_data.take();
        if row.is_blank() {
            skip(&mut skipped, row, "空行");
            continue;
        }
        if interruptions {
            skip(&mut skipped, row, "中断时段，不是缴费记录");
            continue;
        }
        if is_total(row) {
            skip(&mut skipped, row, "合计或小计行");
            continue;
        }
        if is_footer(row) {
            skip(&mut skipped, row, "页脚或说明");
            continue;
        }
        if let Some(n) = stated_count(row) {
            rows_stated = Some(n);
            skip(&mut skipped, row, "记录条数");
            continue;
        }
        if is_pager(row) {
            skip(&mut skipped, row, "网页的翻页按钮");
            continue;
        }
        if is_repeated_header(row, &header_texts) {
            skip(&mut skipped, row, "重复的表头（分页处）");
            continue;
        }
        if is_person_line(row) {
            skip(&mut skipped, row, "重复的姓名和证件号（分页处）");
            continue;
        }
        let non_blank: Vec<&Cell> = row.non_blank().collect();
        if non_blank.len() == 1 && !cell_data_like(non_blank[0]) {
            let text = non_blank[0].display();
            if text.contains("中断") {
                interruptions = true;
                skip(&mut skipped, row, "中断时段，不是缴费记录");
                continue;
            }
            if let (Some(prev), true) = (prev_data, has_employer_name) {
                if people.append_employer_name(current, prev, text.trim()) {
                    skip(&mut skipped, row, "上一行单位名称的续行，已接上");
                    last_data = Some(prev);
                    continue;
                }
            }
            if let Some(p) = plan.for_section(&text) {
                skip(&mut skipped, row, "分节标题：下面的行属于这个险种");
                section = Some(p);
                continue;
            }
            skip(&mut skipped, row, "分组或说明行");
            continue;
        }
        let plan = section.as_ref().unwrap_or(plan);
        let name = plan.name.and_then(|i| nonblank_text(row.cell(i)));
        match plan.id.map(|i| row.cell(i)) {
            Some(c) if damaged_id(c) => {
                current = people.person_with_damaged_id(name.as_deref(), &c.display());
            }
            id_cell => {
                let id = id_cell.and_then(nonblank_text);
                if name.is_some() || id.is_some() {
                    current = people.person(name.as_deref(), id.as_deref());
                }
            }
        }
        rows_listed += 1;
        let reader = RowReader {
            memo: &memo,
            plan,
            header,
            ocr: grid.ocr,
            row,
        };
        let result = match plan.layout {
            Layout::MonthGrid => read_grid_row(plan, header, row, grid.ocr),
            Layout::AnnualRecord => match read_annual_row(plan, header, row, grid.ocr) {
                Ok(Some(y)) => {
                    people.push_account(current, y);
                    rows_read += 1;
                    continue;
                }
                Ok(None) => continue,
                Err(e) => Err(e),
            },
            _ => reader.read(),
        };
        match result {
            Ok(out) => {
                if let Some(reason) = out.skip {
                    skip(&mut skipped, row, &reason);
                    continue;
                }
                let some_unreadable = !out.unreadable.is_empty();
                for (e, month, insurance) in out.unreadable {
                    skipped.push(SkippedRow {
                        row: row.number,
                        reason: e.in_row_zh(),
                        unreadable: true,
                        month: Some(month),
                        insurance: Some(insurance),
                        person: Some(current),
                    });
                    first_error.get_or_insert(e);
                }
                if out.records.is_empty() && out.coverage.is_empty() {
                    if some_unreadable {
                        continue;
                    }
                    skip(&mut skipped, row, "这一行没有缴费数据");
                    continue;
                }
                rows_read += 1;
                last_data = Some(row.number);
                for (r, part) in out.records {
                    match part {
                        Some(p) => people.push_part(current, r, p),
                        None => people.push(current, r),
                    }
                }
                for c in out.coverage {
                    people.push_coverage(current, c);
                }
            }
            Err(e) => {
                let (month, insurance) = match plan.layout {
                    Layout::MonthGrid | Layout::AnnualRecord => (None, None),
                    _ => reader.month_hint(),
                };
                skipped.push(SkippedRow {
                    row: row.number,
                    reason: e.in_row_zh(),
                    unreadable: true,
                    month,
                    insurance,
                    person: Some(current),
                });
                first_error.get_or_insert(e);
            }
        }
    }
    let (people, moved) = people.finish();
    for k in &mut skipped {
        k.person = k.person.and_then(|i| moved.get(i).copied().flatten());
    }
    TableRead {
        people,
        rows_read,
        skipped,
        first_error,
        insurance_by_section: section.is_some(),
        rows_stated: rows_stated.filter(|&n| n > rows_listed),
    }
}

fn nonblank_text(c: &Cell) -> Option<String> {
    let t = c.display();
    (!t.is_empty()).then(|| t.into_owned())
}
