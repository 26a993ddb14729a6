//! The annual 个人权益记录单 as a form (a PDF's page, or the same form saved as a spreadsheet):
//! not one table but blocks, one year after another, each year opened by its title
//! (`…（2024年度）`):
//! - the pension account, labels with the amounts beside them (`截止上年末个人账户累计储存额 |
//!   56888.22 | 当年记账金额 | 4800.00`) → the year's [`OfficialAccountYear`];
//! - one line per insurance under `险种 | 当年缴费月数 | 累计缴费月数 | 缴费基数 | 单位缴费 |
//!   个人缴费` → [`InsuranceYear`];
//! - the 12-month grid `险种 | 1月 | … | 12月`, a row per insurance (or per item: 缴费基数,
//!   个人缴费, 单位缴费) → monthly records. A month is read from its own column, never by
//!   order: a blank cell is an unpaid month. When the year's 当年缴费月数 says more months
//!   were paid than the grid shows, its blank months are unreadable, not gaps.

use super::cells::{
    amount_error, cell_amount, cell_count, cell_year, MAX_ACCOUNT_AMOUNT, MAX_MONTHLY_AMOUNT,
};
use super::codes::find_insurance_name;
use super::grid::{Cell, Grid, GridRow};
use super::month_text::parse_month_of_year;
use super::people::People;
use super::rows::person_from_titles;
use crate::error::StatementError;
use crate::month::Month;
use crate::record::{
    Insurance, InsuranceYear, OfficialAccountYear, PayStatus, PaymentKind, Person, Record,
};
use crate::statement::SkippedRow;
use rust_decimal::Decimal;

/// What a form holds, for the statement.
pub struct FormRead {
    /// The person (one form, one person).
    pub people: Vec<Person>,
    /// Rows read: account blocks, insurance lines and grid rows with a month.
    pub rows_read: usize,
    /// Unreadable months (with month and insurance) and rows not read.
    pub skipped: Vec<SkippedRow>,
    /// The first block's first row.
    pub first_row: usize,
}

/// The labels of the pension-account block, in the order of [`OfficialAccountYear`]'s
/// figures, each with the spellings seen.
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

/// Columns of the insurance lines: (label, which figure).
const INSURANCE_LABELS: [(&str, Figure); 8] = [
    ("当年缴费月数", Figure::MonthsPaid),
    ("当年实际缴费月数", Figure::MonthsPaid),
    ("累计缴费月数", Figure::MonthsTotal),
    ("实际缴费月数", Figure::MonthsTotal),
    ("缴费基数", Figure::Base),
    ("月缴费基数", Figure::Base),
    ("单位缴费", Figure::Employer),
    ("个人缴费", Figure::Personal),
];

#[derive(Copy, Clone, PartialEq)]
enum Figure {
    MonthsPaid,
    MonthsTotal,
    Base,
    Employer,
    Personal,
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .collect()
}

fn texts(row: &GridRow) -> Vec<String> {
    row.cells.iter().map(|c| squeeze(&c.display())).collect()
}

/// A year opened in a row: `2024年度` in a title, or `年度` and the year in the next cell.
fn year_in(row: &GridRow) -> Option<u32> {
    let t = texts(row);
    t.iter().enumerate().find_map(|(i, text)| {
        let at = text.find("年度")?;
        let digits: Vec<char> = text[..at].chars().rev().take(4).collect();
        if digits.len() == 4 && digits.iter().all(char::is_ascii_digit) {
            return digits.iter().rev().collect::<String>().parse().ok();
        }
        let after = &text[at + "年度".len()..];
        let next = if after.is_empty() {
            t.get(i + 1)?
        } else {
            after
        };
        let year: String = next.chars().take_while(char::is_ascii_digit).collect();
        (year.len() == 4).then(|| year.parse().ok()).flatten()
    })
}

/// Read a 权益记录单 form, or `None` when the grid is not one (no title saying so, or none of
/// its blocks).
pub fn read_form(grid: &Grid) -> Option<FormRead> {
    let is_record = grid.rows.iter().any(|r| {
        r.cells
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if t.contains("权益记录")))
    });
    if !is_record {
        return None;
    }
    let default_insurance = grid
        .rows
        .iter()
        .find_map(|r| r.cells.iter().find_map(|c| title_insurance(&c.display())))
        .unwrap_or(Insurance::Pension);
    let mut form = Form {
        ocr: grid.ocr,
        default_insurance,
        people: People::default(),
        person: 0,
        rows_read: 0,
        skipped: Vec::new(),
        first_row: None,
    };
    let (name, id) = person_from_titles(&grid.rows);
    form.person = form.people.person(name.as_deref(), id.as_deref());
    // Years: each opened by the row that names it.
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (i, r) in grid.rows.iter().enumerate() {
        if let Some(y) = year_in(r) {
            if starts.last().is_none_or(|(_, last)| *last != y) {
                starts.push((i, y));
            }
        }
    }
    for (k, &(from, year)) in starts.iter().enumerate() {
        let to = starts.get(k + 1).map_or(grid.rows.len(), |s| s.0);
        form.year(year, &grid.rows[from..to]);
    }
    let first_row = form.first_row?;
    Some(FormRead {
        people: form.people.finish(),
        rows_read: form.rows_read,
        skipped: form.skipped,
        first_row,
    })
}

/// The insurance a form's title names (`职工基本养老保险个人权益记录单`); none for a form of
/// all insurances (`社会保险个人权益记录单`).
fn title_insurance(text: &str) -> Option<Insurance> {
    text.contains("权益记录")
        .then(|| find_insurance_name(text))
        .flatten()
        .and_then(|(ins, _, _)| ins)
}

struct Form {
    ocr: bool,
    default_insurance: Insurance,
    people: People,
    person: usize,
    rows_read: usize,
    skipped: Vec<SkippedRow>,
    first_row: Option<usize>,
}

/// One month of one insurance in the grid, from its item rows (缴费基数, 个人缴费…).
#[derive(Clone)]
struct MonthCell {
    insurance: Insurance,
    month: Month,
    base: Option<Decimal>,
    personal: Option<Decimal>,
    employer: Option<Decimal>,
    unpaid: bool,
    /// Item rows with something in this month, and without.
    filled: usize,
    blank: usize,
    /// A cell could not be read (already listed).
    unreadable: bool,
    /// The first row with something in this month.
    row: usize,
}

impl Form {
    fn read(&mut self, row: usize) {
        self.rows_read += 1;
        self.first_row.get_or_insert(row);
    }

    fn unreadable(&mut self, row: usize, reason: String, month: Month, insurance: Insurance) {
        self.skipped.push(SkippedRow {
            row,
            reason,
            unreadable: true,
            month: Some(month),
            insurance: Some(insurance),
        });
    }

    fn year(&mut self, year: u32, rows: &[GridRow]) {
        let insurances = self.insurance_lines(year, rows);
        let pension_months = insurances
            .iter()
            .find(|y| y.insurance == Insurance::Pension)
            .and_then(|y| y.months_paid);
        let account_months = self.account(year, rows, pension_months);
        self.month_grid(year, rows, &insurances, account_months);
        for y in insurances {
            self.people.push_insurance_year(self.person, y);
        }
    }

    /// The pension-account block; returns the months it says were paid (`当年实际缴费月数`).
    fn account(&mut self, year: u32, rows: &[GridRow], pension_months: Option<u32>) -> Option<u32> {
        let mut figures: [Option<(Decimal, usize)>; 5] = [None; 5];
        let mut months = pension_months;
        for row in rows {
            let t = texts(row);
            for (i, text) in t.iter().enumerate() {
                // The figure to the label's right (a header row of labels is a table).
                let Some(v) = row.cells[i + 1..].iter().find(|c| !c.is_blank()) else {
                    continue;
                };
                if text == "当年实际缴费月数" || text == "当年缴费月数" {
                    months = months.or(cell_count(v));
                }
                let Some(k) = ACCOUNT_LABELS
                    .iter()
                    .position(|l| l.contains(&text.as_str()))
                else {
                    continue;
                };
                if figures[k].is_some() || !v.display().chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                match cell_amount(v, self.ocr, MAX_ACCOUNT_AMOUNT) {
                    Ok(Some(a)) => figures[k] = Some((a, row.number)),
                    Ok(None) => {}
                    Err(e) => {
                        let kind = amount_error(e, v, MAX_ACCOUNT_AMOUNT);
                        let e = StatementError::new(kind).at_row(row.number).in_column(text);
                        self.skipped.push(SkippedRow {
                            row: row.number,
                            reason: e.message_zh(),
                            unreadable: true,
                            month: None,
                            insurance: None,
                        });
                    }
                }
            }
        }
        let [Some(opening), Some(credited), Some(on_opening), Some(on_credits), Some(closing)] =
            figures
        else {
            return months;
        };
        self.read(opening.1);
        self.people.push_account(
            self.person,
            OfficialAccountYear {
                year,
                opening: opening.0,
                credited: credited.0,
                interest_on_opening: on_opening.0,
                interest_on_credits: on_credits.0,
                closing: closing.0,
                months_credited: months,
                row: opening.1,
            },
        );
        months
    }

    /// The lines under `险种 | 当年缴费月数 | 累计缴费月数 | …`.
    fn insurance_lines(&mut self, year: u32, rows: &[GridRow]) -> Vec<InsuranceYear> {
        let mut out = Vec::new();
        let Some(h) = rows.iter().position(|r| {
            texts(r)
                .iter()
                .filter(|t| INSURANCE_LABELS.iter().any(|(l, _)| l == t))
                .count()
                >= 2
        }) else {
            return out;
        };
        let columns: Vec<(usize, Figure)> = texts(&rows[h])
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let f = INSURANCE_LABELS.iter().find(|(l, _)| l == t)?.1;
                Some((i, f))
            })
            .collect();
        for row in &rows[h + 1..] {
            let Some(insurance) = row.cells.iter().find_map(|c| label_insurance(&c.display()))
            else {
                break;
            };
            let mut line = InsuranceYear {
                year,
                insurance,
                months_paid: None,
                months_total: None,
                base: None,
                employer: None,
                personal: None,
                row: row.number,
            };
            for &(i, f) in &columns {
                let cell = row.cell(i);
                match f {
                    Figure::MonthsPaid => line.months_paid = cell_count(cell),
                    Figure::MonthsTotal => line.months_total = cell_count(cell),
                    Figure::Base | Figure::Employer | Figure::Personal => {
                        let Ok(v) = cell_amount(cell, self.ocr, MAX_ACCOUNT_AMOUNT) else {
                            continue;
                        };
                        match f {
                            Figure::Base => line.base = v,
                            Figure::Employer => line.employer = v,
                            _ => line.personal = v,
                        }
                    }
                }
            }
            self.read(row.number);
            out.push(line);
        }
        out
    }

    /// The 12-month grid: records from each month's own column.
    fn month_grid(
        &mut self,
        year: u32,
        rows: &[GridRow],
        insurances: &[InsuranceYear],
        pension_months: Option<u32>,
    ) {
        let Some(h) = rows.iter().position(|r| month_columns(r).len() >= 6) else {
            return;
        };
        let header = &rows[h];
        let columns = month_columns(header);
        let year = cell_year(header.cell(0), self.ocr).unwrap_or(year);
        let mut cells: Vec<MonthCell> = Vec::new();
        let mut current = self.default_insurance;
        for row in &rows[h + 1..] {
            let Some((insurance, item)) = grid_label(&squeeze(&row.cell(0).display()), current)
            else {
                break;
            };
            current = insurance;
            let mut any = false;
            for &(col, m) in &columns {
                let Some(month) = Month::new(year, m) else {
                    continue;
                };
                let k = match cells
                    .iter()
                    .position(|c| c.insurance == insurance && c.month == month)
                {
                    Some(k) => k,
                    None => {
                        cells.push(MonthCell::new(insurance, month));
                        cells.len() - 1
                    }
                };
                let c = row.cell(col);
                let cell = &mut cells[k];
                if c.is_blank() {
                    cell.blank += 1;
                    continue;
                }
                any = true;
                cell.filled += 1;
                if cell.row == 0 {
                    cell.row = row.number;
                }
                match squeeze(&c.display()).as_str() {
                    "√" | "✓" | "✔" | "已缴" | "已到账" | "是" => {}
                    "欠缴" | "未缴" | "未到账" | "×" => cell.unpaid = true,
                    _ => match cell_amount(c, self.ocr, MAX_MONTHLY_AMOUNT) {
                        Ok(v) => match item {
                            Item::Base => cell.base = v,
                            Item::Employer => cell.employer = v,
                            Item::Personal => cell.personal = v,
                        },
                        Err(e) => {
                            cell.unreadable = true;
                            let kind = amount_error(e, c, MAX_MONTHLY_AMOUNT);
                            let e = StatementError::new(kind)
                                .at_row(row.number)
                                .in_column(&header.cell(col).display());
                            self.unreadable(row.number, e.message_zh(), month, insurance);
                        }
                    },
                }
            }
            if any {
                self.read(row.number);
            }
        }
        self.emit(
            year,
            header.number,
            &columns,
            cells,
            insurances,
            pension_months,
        );
    }

    /// Records from the grid's months; months that cannot be told apart from paid ones are
    /// listed as unreadable.
    fn emit(
        &mut self,
        year: u32,
        header_row: usize,
        columns: &[(usize, u32)],
        cells: Vec<MonthCell>,
        insurances: &[InsuranceYear],
        pension_months: Option<u32>,
    ) {
        let mut seen: Vec<Insurance> = Vec::new();
        for c in &cells {
            if !seen.contains(&c.insurance) {
                seen.push(c.insurance);
            }
        }
        for ins in seen {
            // A month without a column in the header (its heading was not read) may hold
            // anything.
            for m in (1..=12).filter(|m| !columns.iter().any(|c| c.1 == *m)) {
                if let Some(month) = Month::new(year, m) {
                    let why = format!("逐月表的表头里没有读到“{m}月”这一列。");
                    self.unreadable(header_row, why, month, ins);
                }
            }
            let line = insurances.iter().find(|y| y.insurance == ins);
            let mine = cells.iter().filter(|c| c.insurance == ins);
            let mut known = 0;
            for c in mine.clone() {
                if c.unreadable {
                    known += 1;
                } else if c.filled > 0 && c.blank > 0 {
                    known += 1;
                    let why = "这个月在逐月表里只有部分项目有数（比如有缴费基数、没有个人缴费），读不准。";
                    self.unreadable(c.row, why.to_string(), c.month, ins);
                } else if c.filled > 0 {
                    known += 1;
                    // The year's base stands for each month when the grid has no base row.
                    let mut record = c.record();
                    record.base = record.base.or(line.and_then(|l| l.base));
                    self.people.push(self.person, record);
                }
            }
            // The year's own count of months paid: blank months are unpaid only when the
            // grid shows as many.
            let stated = line.and_then(|y| y.months_paid).or(match ins {
                Insurance::Pension => pension_months,
                _ => None,
            });
            if let Some(n) = stated.filter(|n| known < *n) {
                for c in mine.filter(|c| c.filled == 0 && !c.unreadable) {
                    let why = format!(
                        "权益记录单写{year}年{}缴费 {n} 个月，逐月表里只读到 {known} 个月，空白的月份不能算作断缴。",
                        ins.name_zh()
                    );
                    self.unreadable(header_row, why, c.month, ins);
                }
            }
        }
    }
}

impl MonthCell {
    fn new(insurance: Insurance, month: Month) -> MonthCell {
        MonthCell {
            insurance,
            month,
            base: None,
            personal: None,
            employer: None,
            unpaid: false,
            filled: 0,
            blank: 0,
            unreadable: false,
            row: 0,
        }
    }

    fn record(&self) -> Record {
        Record {
            month: self.month,
            insurance: self.insurance,
            base: self.base,
            personal: self.personal,
            employer: self.employer,
            status: if self.unpaid {
                PayStatus::Unpaid
            } else {
                PayStatus::Paid
            },
            kind: PaymentKind::Normal,
            settled: None,
            stated_personal_rate: None,
            employer_name: None,
            row: self.row,
        }
    }
}

/// What a grid row's numbers are.
#[derive(Copy, Clone, PartialEq)]
enum Item {
    Base,
    Personal,
    Employer,
}

/// An insurance named as a row label: a name, not a sentence (`注：养老保险…` is a note).
fn label_insurance(text: &str) -> Option<Insurance> {
    let t = squeeze(text);
    let (ins, start, _) = find_insurance_name(&t)?;
    (start == 0 || t.starts_with("企业") || t.starts_with("职工") || t.starts_with("基本"))
        .then_some(ins)
        .flatten()
        .filter(|_| t.chars().count() <= 14)
}

/// A grid row's label → its insurance and item, or `None` for a row that ends the grid.
fn grid_label(label: &str, current: Insurance) -> Option<(Insurance, Item)> {
    let item = if label.contains("基数") {
        Some(Item::Base)
    } else if label.contains("单位") {
        Some(Item::Employer)
    } else if label.contains("个人") || label.contains("缴费") || label.contains("金额") {
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

/// The month columns of a grid header row: (column, month).
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
