//! The annual 个人权益记录单 printed as a form (feature `pdf`): not one table but blocks, one
//! year after another, each year opened by its title (`…（2024年度）`):
//! - the pension account, labels with the amounts beside them (`截止上年末个人账户累计储存额 |
//!   56888.22 | 当年记账金额 | 4800.00`);
//! - one line per insurance under `险种 | 当年缴费月数 | 累计缴费月数 | 缴费基数 | 单位缴费 |
//!   个人缴费`, or a block per insurance (`养老保险`, then `当年缴费月数 | 12 | 累计缴费月数 | 130`);
//! - the 12-month grid `险种 | 1月 | … | 12月`, a row per insurance (or per item: 缴费基数,
//!   个人缴费, 单位缴费), each month in its own column (blank: not paid).
//!
//! [`form_grids`] rewrites them as the tables the reader knows: an `annual_record` table (年度,
//! the five account figures, 当年缴费月数, 累计缴费月数 of the pension) and a `long` table (one
//! row per month and insurance); `read_grids` reads both grids of a PDF as one statement.
//! It runs in the PDF decoder (natively and in the browser's PDF module), so the main wasm
//! module carries none of it. Cells are copied, not parsed: the engine reads every figure.
//! A month that cannot be told apart from a paid one gets a row whose 个人缴费 says why (no
//! amount reader accepts it), so it is unreadable, never a gap: a figure the positions step
//! could not place (marked [`shebao_pdf::table::UNPLACED`]), an item row filled where another is blank, a month without
//! a column, and every blank month of a year whose 当年缴费月数 is more than the grid shows.

use super::cells::cell_count;
use super::codes::find_insurance_name;
use super::grid::{Cell, Grid, GridRow};
use super::month_text::parse_month_of_year;
use crate::record::Insurance;

/// The account block's labels, in the `annual_record` columns' order, with the spellings seen.
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

/// The insurance lines' columns.
#[derive(Copy, Clone, PartialEq)]
enum Figure {
    MonthsPaid,
    MonthsTotal,
    Base,
}

const LINE_LABELS: [(&str, Option<Figure>); 6] = [
    ("当年缴费月数", Some(Figure::MonthsPaid)),
    ("累计缴费月数", Some(Figure::MonthsTotal)),
    ("缴费基数", Some(Figure::Base)),
    ("月缴费基数", Some(Figure::Base)),
    ("单位缴费", None),
    ("个人缴费", None),
];

/// What a grid row's figures are.
#[derive(Copy, Clone, PartialEq)]
enum Item {
    Base = 2,
    Personal = 3,
    Employer = 4,
}

/// The long table's header; a month's row has its cells in this order.
const LONG_HEADER: [&str; 6] = [
    "费款所属期",
    "险种",
    "缴费基数",
    "个人缴费",
    "单位缴费",
    "缴费标志",
];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .collect()
}

fn texts(row: &GridRow) -> Vec<String> {
    row.cells.iter().map(|c| squeeze(&c.display())).collect()
}

fn row(number: usize, cells: Vec<Cell>) -> GridRow {
    GridRow { number, cells }
}

fn text_row(number: usize, texts: &[&str]) -> GridRow {
    row(number, texts.iter().map(|t| Cell::text(t)).collect())
}

/// A year opened in a row: `2024年度` in a title, or `年度` and the year in the next cell.
fn year_in(row: &GridRow) -> Option<u32> {
    let t = texts(row);
    t.iter().enumerate().find_map(|(i, text)| {
        let at = text.find("年度")?;
        let before: Vec<char> = text[..at].chars().rev().take(4).collect();
        let year: String = if before.len() == 4 && before.iter().all(char::is_ascii_digit) {
            before.iter().rev().collect()
        } else {
            let after = &text[at + "年度".len()..];
            let next = if after.is_empty() {
                t.get(i + 1)?
            } else {
                after
            };
            next.chars().take_while(char::is_ascii_digit).collect()
        };
        (year.len() == 4).then(|| year.parse().ok()).flatten()
    })
}

/// The form's blocks as an `annual_record` grid and a `long` grid (each with the title rows
/// above its header), or `None` when the grid is not a 权益记录单 form.
pub fn form_grids(grid: &Grid) -> Option<Vec<Grid>> {
    let has = |word: &str| {
        grid.rows
            .iter()
            .position(|r| r.cells.iter().any(|c| c.display().contains(word)))
    };
    let title = has("权益记录")?;
    let mut titles = vec![grid.rows[title].clone()];
    if let Some(person) = has("姓名").filter(|p| *p != title) {
        titles.push(grid.rows[person].clone());
    }
    // The form's own insurance (`职工基本养老保险个人权益记录单`), else pension.
    let default_insurance = find_insurance_name(
        &grid.rows[title]
            .cells
            .iter()
            .map(|c| c.display())
            .collect::<String>(),
    )
    .and_then(|(ins, _, _)| ins)
    .unwrap_or(Insurance::Pension);
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (i, r) in grid.rows.iter().enumerate() {
        if let Some(y) = year_in(r).filter(|y| starts.last().is_none_or(|s| s.1 != *y)) {
            starts.push((i, y));
        }
    }
    let mut form = Form {
        default_insurance,
        annual: Vec::new(),
        long: Vec::new(),
    };
    for (k, &(from, year)) in starts.iter().enumerate() {
        let to = starts.get(k + 1).map_or(grid.rows.len(), |s| s.0);
        form.year(year, &grid.rows[from..to]);
    }
    let mut out = Vec::new();
    for (header, rows) in [
        (
            &[
                "年度",
                ACCOUNT_LABELS[0][0],
                ACCOUNT_LABELS[1][0],
                ACCOUNT_LABELS[2][0],
                ACCOUNT_LABELS[3][0],
                ACCOUNT_LABELS[4][0],
                "当年缴费月数",
                "累计缴费月数",
            ][..],
            form.annual,
        ),
        (&LONG_HEADER[..], form.long),
    ] {
        let Some(first) = rows.first() else { continue };
        let mut g = titles.clone();
        g.push(text_row(first.number, header));
        g.extend(rows);
        out.push(Grid {
            rows: g,
            sheet: None,
            ocr: grid.ocr,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// One insurance's line of a year.
struct Line {
    insurance: Insurance,
    months_paid: Option<u32>,
    months_total: Cell,
    base: Cell,
}

struct Form {
    default_insurance: Insurance,
    annual: Vec<GridRow>,
    long: Vec<GridRow>,
}

impl Form {
    fn year(&mut self, year: u32, rows: &[GridRow]) {
        let lines = insurance_lines(rows);
        let pension = lines.iter().find(|l| l.insurance == Insurance::Pension);
        let months = self.account(year, rows, pension);
        self.month_grid(year, rows, &lines, months);
    }

    /// The account block as an `annual_record` row; returns the months it says were paid.
    fn account(&mut self, year: u32, rows: &[GridRow], pension: Option<&Line>) -> Option<u32> {
        let mut figures: [Option<(Cell, usize)>; 5] = Default::default();
        let mut months = None;
        for row in rows {
            for (i, text) in texts(row).iter().enumerate() {
                // The figure to the label's right (a header row of labels is a table).
                let Some(v) = row.cells[i + 1..].iter().find(|c| !c.is_blank()) else {
                    continue;
                };
                if !v.display().chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                if text == "当年实际缴费月数" || text == "当年缴费月数" {
                    months = months.or(cell_count(v));
                }
                if let Some(k) = ACCOUNT_LABELS
                    .iter()
                    .position(|l| l.contains(&text.as_str()))
                {
                    figures[k].get_or_insert((v.clone(), row.number));
                }
            }
        }
        let months = pension.and_then(|p| p.months_paid).or(months);
        let figures: Vec<(Cell, usize)> = figures.into_iter().collect::<Option<_>>()?;
        let number = figures[0].1;
        let mut cells = vec![Cell::text(&year.to_string())];
        cells.extend(figures.into_iter().map(|f| f.0));
        cells.push(months.map_or(Cell::Empty, |m| Cell::text(&m.to_string())));
        cells.push(pension.map_or(Cell::Empty, |p| p.months_total.clone()));
        self.annual.push(row(number, cells));
        months
    }

    /// The 12-month grid as `long` rows, each month read from its own column.
    fn month_grid(&mut self, year: u32, rows: &[GridRow], lines: &[Line], months: Option<u32>) {
        let Some(h) = rows.iter().position(|r| month_columns(r).len() >= 6) else {
            return;
        };
        let header = &rows[h];
        let columns = month_columns(header);
        let year = super::cells::cell_year(header.cell(0), false).unwrap_or(year);
        let mut entries: Vec<MonthEntry> = Vec::new();
        let mut current = self.default_insurance;
        let mut with_base: Vec<Insurance> = Vec::new();
        for r in &rows[h + 1..] {
            let Some((insurance, item)) = grid_label(&squeeze(&r.cell(0).display()), current)
            else {
                break;
            };
            current = insurance;
            if item == Item::Base {
                with_base.push(insurance);
            }
            for &(col, m) in &columns {
                let k = match entries
                    .iter()
                    .position(|e| e.insurance == insurance && e.month == m)
                {
                    Some(k) => k,
                    None => {
                        entries.push(MonthEntry::new(year, insurance, m, r.number));
                        entries.len() - 1
                    }
                };
                entries[k].add(r.cell(col), item, r.number);
            }
        }
        let mut seen: Vec<Insurance> = Vec::new();
        for e in &entries {
            if !seen.contains(&e.insurance) {
                seen.push(e.insurance);
            }
        }
        for ins in seen {
            let line = lines.iter().find(|l| l.insurance == ins);
            let stated = line
                .and_then(|l| l.months_paid)
                .or(months.filter(|_| ins == Insurance::Pension));
            let mine: Vec<&MonthEntry> = entries.iter().filter(|e| e.insurance == ins).collect();
            // Months the grid shows clearly (a figure that could not be placed may stand in
            // two columns: not counted).
            let clear = mine.iter().filter(|e| e.is_clear()).count() as u32;
            let doubt = |number: usize, m: u32, why: String| {
                let mut e = MonthEntry::new(year, ins, m, number);
                e.cells[3] = Cell::Unreadable(why);
                row(number, e.cells)
            };
            // Several months share a row of the form, so each reason names its months; the
            // blank months of a year share one reason, said once.
            for m in (1..=12).filter(|m| !columns.iter().any(|c| c.1 == *m)) {
                let why = format!("{year} 年 {m} 月：逐月表的表头里没有这一月");
                self.long.push(doubt(header.number, m, why));
            }
            let blank: Vec<String> = mine
                .iter()
                .filter(|e| e.filled == 0)
                .map(|e| format!("{} 月", e.month))
                .collect();
            for e in mine {
                if e.filled > 0 && e.blank > 0 {
                    let why = format!("{year} 年 {} 月：逐月表里只有部分项目有数", e.month);
                    self.long.push(doubt(e.row, e.month, why));
                } else if e.filled > 0 {
                    let mut cells = e.cells.clone();
                    if !with_base.contains(&ins) {
                        // The year's base stands for each month when the grid has none.
                        cells[2] = line.map_or(Cell::Empty, |l| l.base.clone());
                    }
                    if cells[5].is_blank() {
                        cells[5] = Cell::text("已到账");
                    }
                    self.long.push(row(e.row, cells));
                } else if let Some(n) = stated.filter(|n| clear < *n) {
                    let why = format!(
                        "{year} 年逐月表里 {}是空白，但记录单写当年缴费 {n} 个月，表里只有 {clear} 个月清楚有数，分不清是哪几个月没缴",
                        blank.join("、")
                    );
                    self.long.push(doubt(header.number, e.month, why));
                }
            }
        }
    }
}

/// One month of one insurance in the grid, gathered from its item rows.
struct MonthEntry {
    insurance: Insurance,
    month: u32,
    /// The `long` row's cells ([`LONG_HEADER`]).
    cells: Vec<Cell>,
    /// Item rows with something in this month, and without.
    filled: usize,
    blank: usize,
    /// The first row with something in this month.
    row: usize,
}

impl MonthEntry {
    fn new(year: u32, insurance: Insurance, month: u32, row: usize) -> MonthEntry {
        let mut cells = vec![Cell::Empty; LONG_HEADER.len()];
        cells[0] = Cell::text(&format!("{year}{month:02}"));
        cells[1] = Cell::text(insurance.name_zh());
        MonthEntry {
            insurance,
            month,
            cells,
            filled: 0,
            blank: 0,
            row,
        }
    }

    fn add(&mut self, cell: &Cell, item: Item, row: usize) {
        if cell.is_blank() {
            self.blank += 1;
            return;
        }
        if self.filled == 0 {
            self.row = row;
        }
        self.filled += 1;
        if let Some(figure) = cell.display().strip_prefix(shebao_pdf::table::UNPLACED) {
            self.cells[item as usize] = Cell::Unreadable(format!(
                "数字 {} 在逐月表里的位置分不清是哪一月",
                figure.trim()
            ));
            return;
        }
        match squeeze(&cell.display()).as_str() {
            "√" | "✓" | "✔" | "已缴" | "已到账" | "是" => {}
            "欠缴" | "未缴" | "未到账" | "×" => self.cells[5] = Cell::text("欠缴"),
            _ => self.cells[item as usize] = cell.clone(),
        }
    }

    fn is_clear(&self) -> bool {
        self.filled > 0
            && self.blank == 0
            && !self.cells.iter().any(|c| matches!(c, Cell::Unreadable(_)))
    }
}

impl Line {
    fn new(insurance: Insurance) -> Line {
        Line {
            insurance,
            months_paid: None,
            months_total: Cell::Empty,
            base: Cell::Empty,
        }
    }

    fn set(&mut self, figure: Figure, cell: &Cell) {
        match figure {
            Figure::MonthsPaid => self.months_paid = cell_count(cell),
            Figure::MonthsTotal => self.months_total = cell.clone(),
            Figure::Base => self.base = cell.clone(),
        }
    }
}

fn line_figure(text: &str) -> Option<Figure> {
    LINE_LABELS.iter().find(|(l, _)| *l == text)?.1
}

/// Each insurance's line: under a table header `险种 | 当年缴费月数 | 累计缴费月数 | …`, or
/// in a block per insurance (see [`insurance_blocks`]).
fn insurance_lines(rows: &[GridRow]) -> Vec<Line> {
    // A table header: two labels or more and no figure (a block's row has its figures).
    let is_header = |t: &Vec<String>| {
        t.iter()
            .filter(|x| LINE_LABELS.iter().any(|(l, _)| l == *x))
            .count()
            >= 2
            && !t.iter().any(|x| x.bytes().any(|b| b.is_ascii_digit()))
    };
    let Some(h) = rows.iter().position(|r| is_header(&texts(r))) else {
        return insurance_blocks(rows);
    };
    let header = texts(&rows[h]);
    let mut out = Vec::new();
    for r in &rows[h + 1..] {
        let Some(insurance) = r.cells.iter().find_map(|c| label_insurance(&c.display())) else {
            break;
        };
        let mut line = Line::new(insurance);
        for (i, t) in header.iter().enumerate() {
            if let Some(f) = line_figure(t) {
                line.set(f, r.cell(i));
            }
        }
        out.push(line);
    }
    out
}

/// Blocks per insurance: a row naming only the insurance (`养老保险`), then rows of labels
/// with their figures beside them (`当年缴费月数 | 12 | 累计缴费月数 | 130`), above the grid.
fn insurance_blocks(rows: &[GridRow]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for r in rows.iter().take_while(|r| month_columns(r).len() < 6) {
        let t = texts(r);
        let mut filled = t.iter().filter(|x| !x.is_empty());
        if let (Some(only), None) = (filled.next(), filled.next()) {
            if let Some(ins) = label_insurance(only) {
                out.push(Line::new(ins));
                continue;
            }
        }
        let Some(line) = out.last_mut() else { continue };
        for (i, text) in t.iter().enumerate() {
            let value = r.cells[i + 1..].iter().find(|c| !c.is_blank());
            if let (Some(f), Some(v)) = (line_figure(text), value) {
                line.set(f, v);
            }
        }
    }
    out
}

/// An insurance named as a row label: a name, not a sentence (`注：养老保险…` is a note).
fn label_insurance(text: &str) -> Option<Insurance> {
    let t = squeeze(text);
    let (ins, start, _) = find_insurance_name(&t)?;
    let named = start == 0 || ["企业", "职工", "基本"].iter().any(|p| t.starts_with(p));
    ins.filter(|_| named && t.chars().count() <= 14)
}

/// A grid row's label → its insurance and item, or `None` for a row that ends the grid.
fn grid_label(label: &str, current: Insurance) -> Option<(Insurance, Item)> {
    let item = if label.contains("基数") {
        Some(Item::Base)
    } else if label.contains("单位") {
        Some(Item::Employer)
    } else if ["个人", "缴费", "金额"].iter().any(|w| label.contains(w)) {
        Some(Item::Personal)
    } else {
        None
    };
    match (label_insurance(label), item) {
        (Some(ins), item) => Some((ins, item.unwrap_or(Item::Personal))),
        (None, Some(item)) if label.chars().count() <= 8 => Some((current, item)),
        _ => None,
    }
}

/// The month columns of a grid header row, in order: (column, month).
fn month_columns(row: &GridRow) -> Vec<(usize, u32)> {
    let cols: Vec<(usize, u32)> = row
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let t = c.display();
            t.contains('月')
                .then(|| parse_month_of_year(&t, false))
                .flatten()
                .map(|m| (i, m))
        })
        .collect();
    if cols.windows(2).any(|w| w[0].1 >= w[1].1) {
        return Vec::new();
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::month::Month;
    use crate::read::{read_decoded, Decoded};
    use crate::statement::Format;

    /// `险种 | 1月 | … | 12月`.
    fn month_header() -> Vec<String> {
        let mut header = vec!["险种".to_string()];
        header.extend((1..=12).map(|m| format!("{m}月")));
        header
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| text_row(i + 1, r))
                .collect(),
            sheet: None,
            ocr: false,
        }
    }

    /// Months placed by column: a blank month is a gap, a figure the positions step could not
    /// place makes its months unreadable, never paid or a gap.
    #[test]
    fn months_come_from_their_own_columns() {
        let months: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
        let mut header = vec!["险种"];
        header.extend(months.iter().map(String::as_str));
        let paid = "400.00";
        let unplaced = "位置不明：25.00";
        let g = grid(&[
            &["社会保险个人权益记录单（2024年度）"],
            &["姓名：张三"],
            &header,
            &[
                "养老保险",
                paid,
                paid,
                paid,
                paid,
                paid,
                paid,
                "",
                "",
                paid,
                paid,
                paid,
                paid,
            ],
            &[
                "失业保险",
                "25.00",
                "25.00",
                "",
                "25.00",
                "25.00",
                "25.00",
                unplaced,
                unplaced,
                "25.00",
                "25.00",
                "25.00",
                "25.00",
            ],
        ]);
        let grids = form_grids(&g).unwrap();
        let s = read_decoded(
            Decoded {
                format: Format::Pdf,
                grids,
                pages: Some(1),
                row_pages: Vec::new(),
                form: true,
            },
            None,
        )
        .unwrap();
        let person = &s.people[0];
        assert_eq!(person.name.as_deref(), Some("张三"));
        let months_of = |ins: Insurance| -> Vec<u32> {
            person
                .records
                .iter()
                .filter(|r| r.insurance == ins)
                .map(|r| r.month.month())
                .collect()
        };
        assert_eq!(
            months_of(Insurance::Pension),
            [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]
        );
        assert_eq!(
            months_of(Insurance::Unemployment),
            [1, 2, 4, 5, 6, 9, 10, 11, 12]
        );
        let unreadable: Vec<Month> = s
            .source
            .rows_skipped
            .iter()
            .filter(|r| r.unreadable && r.insurance == Some(Insurance::Unemployment))
            .filter_map(|r| r.month)
            .collect();
        assert_eq!(
            unreadable,
            [Month::new(2024, 7).unwrap(), Month::new(2024, 8).unwrap()]
        );
    }

    /// Per-insurance blocks of labels and figures count as much as a table: 当年缴费月数
    /// above what the grid shows makes the blanks unreadable.
    #[test]
    fn insurance_blocks_give_the_months_paid() {
        let header = month_header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut grid_row = vec!["医疗保险"];
        grid_row.extend(["100.00"; 11]);
        grid_row.push("");
        let g = grid(&[
            &["社会保险个人权益记录单（2024年度）"],
            &["医疗保险"],
            &["当年缴费月数", "12", "累计缴费月数", "130"],
            &["缴费基数", "5000.00", "个人缴费", "1200.00"],
            &header,
            &grid_row,
        ]);
        let grids = form_grids(&g).unwrap();
        let long = &grids[0];
        let december = long.rows.last().unwrap();
        assert_eq!(december.cell(0).display(), "202412");
        assert_eq!(december.cell(1).display(), "医疗保险");
        assert!(matches!(december.cell(3), Cell::Unreadable(why) if why.contains("是空白")));
        // The block's base stands for each month.
        assert_eq!(long.rows[2].cell(2).display(), "5000.00");
    }

    /// A figure marked in two months is one figure: with 当年缴费月数 10, eight clear months
    /// and one figure between July and August, the blank November and December may hide a
    /// paid month, so they are unreadable, not gaps.
    #[test]
    fn an_unplaced_figure_does_not_count_twice() {
        let header = month_header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut grid_row = vec!["养老保险"];
        grid_row.extend(["400.00"; 6]);
        grid_row.extend(["位置不明：400.00"; 2]);
        grid_row.extend(["400.00", "400.00", "", ""]);
        let g = grid(&[
            &["社会保险个人权益记录单（2024年度）"],
            &["养老保险"],
            &["当年缴费月数", "10"],
            &header,
            &grid_row,
        ]);
        let long = &form_grids(&g).unwrap()[0];
        let doubtful: Vec<String> = long
            .rows
            .iter()
            .filter(|r| r.cell(3).display().contains("是空白"))
            .map(|r| r.cell(0).display().into_owned())
            .collect();
        assert_eq!(doubtful, ["202411", "202412"]);
    }
}
