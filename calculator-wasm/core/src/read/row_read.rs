//! One data row of a record layout (long, one-amount, wide, 年/月, ranges, ticks, coverage,
//! bill) → records. Amounts in a range row are range totals: they are divided evenly over the
//! months only when that is exact to the cent; otherwise the months keep their base and the
//! amounts are unknown (`None`) — cents are never invented.

use super::cells::{
    amount_error, cell_amount, cell_count, cell_month, cell_month_of_year, cell_period_and_count,
    cell_text, cell_year, MAX_MONTHLY_AMOUNT,
};
use super::code_memo::CodeMemo;
use super::codes::{part_from_cell, InsuranceCell};
use super::grid::{Cell, GridRow};
use super::header::Header;
use super::month_text::{parse_month_list, Period};
use super::plan::{says_flexible, Group, Plan, Segment};
use super::row_emit::{as_fraction, emit, mark_status, Base, Values};
use crate::error::{ErrorKind, StatementError};
use crate::month::Month;
use crate::record::{CoverageSpan, Insurance, PayStatus, PaymentKind, Record, StatedRate};
use rust_decimal::Decimal;

/// What one row gave.
#[derive(Default)]
pub struct RowOutput {
    /// Records, each with `Some(is_personal)` when it is one part of a one-amount layout.
    pub records: Vec<(Record, Option<bool>)>,
    /// Coverage spans.
    pub coverage: Vec<CoverageSpan>,
    /// Set when the row is deliberately not read (e.g. 大额医疗): the reason.
    pub skip: Option<String>,
    /// Cells that could not be read while the rest of the row could, with their month and
    /// insurance: a year × month grid holds one month per cell and a wide row one insurance per
    /// group, and one bad cell must not hide the good ones.
    pub unreadable: Vec<(StatementError, Month, Insurance)>,
}

/// Which months a segment of a row covers.
pub(super) enum Months {
    One(Month),
    /// `count`: the months paid within the range, when the period cell says (参保情况).
    Range {
        from: Month,
        to: Month,
        star: bool,
        count: Option<u32>,
    },
    List(Vec<Month>),
    YearCount {
        year: u32,
        count: u32,
    },
}

impl Months {
    /// How many months the row's amounts may be for (a range's amounts are its totals).
    fn count(&self) -> u32 {
        match self {
            Months::One(_) => 1,
            Months::Range { from, to, .. } => from.span_to(*to),
            Months::List(l) => l.len() as u32,
            Months::YearCount { .. } => 12,
        }
    }

    /// The largest amount a cell of such a row can hold.
    fn amount_limit(&self) -> Decimal {
        MAX_MONTHLY_AMOUNT * Decimal::from(self.count().max(1))
    }
}

pub(super) struct RowReader<'a> {
    pub memo: &'a std::cell::RefCell<CodeMemo>,
    pub plan: &'a Plan,
    pub header: &'a Header,
    pub ocr: bool,
    pub row: &'a GridRow,
}

impl RowReader<'_> {
    fn err(&self, kind: ErrorKind, col: usize) -> StatementError {
        let e = StatementError::new(kind).at_row(self.row.number);
        match self.header.columns.get(col) {
            Some(c) => e.in_column(&c.label),
            None => e,
        }
    }

    fn amount(
        &self,
        col: Option<usize>,
        limit: Decimal,
    ) -> Result<Option<Decimal>, StatementError> {
        let Some(i) = col else { return Ok(None) };
        let cell = self.row.cell(i);
        cell_amount(cell, self.ocr, limit).map_err(|e| self.err(amount_error(e, cell, limit), i))
    }

    fn bad_month(&self, i: usize) -> StatementError {
        match self.text(i) {
            Ok(value) => self.err(
                ErrorKind::BadMonth {
                    value: value.into_owned(),
                },
                i,
            ),
            Err(e) => e,
        }
    }

    /// The text of cell `i` for a code or flag; a cell the decoder could not read (an Excel
    /// error value) is an error, never text that happens to contain 是 or 正常.
    fn text(&self, i: usize) -> Result<std::borrow::Cow<'_, str>, StatementError> {
        match self.row.cell(i) {
            Cell::Unreadable(why) => {
                Err(self.err(ErrorKind::UnreadableCell { why: why.clone() }, i))
            }
            c => Ok(c.display()),
        }
    }

    fn months(&self, s: &Segment) -> Result<Option<Months>, StatementError> {
        let period_col = s.period.or(s.range);
        if let Some(i) = period_col {
            let short_years = s.period.is_some();
            return match cell_period_and_count(self.row.cell(i), self.ocr, short_years) {
                Ok(None) => Ok(None),
                Ok(Some((Period::Single(m), _))) => Ok(Some(Months::One(m))),
                Ok(Some((Period::Range { from, to, star }, count))) => Ok(Some(Months::Range {
                    from,
                    to,
                    star,
                    count,
                })),
                Err(()) => Err(self.bad_month(i)),
            };
        }
        if let (Some(a), Some(b)) = (s.start, s.end) {
            let from = cell_month(self.row.cell(a), self.ocr).map_err(|_| self.bad_month(a))?;
            let to = cell_month(self.row.cell(b), self.ocr).map_err(|_| self.bad_month(b))?;
            return match (from, to) {
                (None, None) => Ok(None),
                (Some(f), Some(t)) if f <= t => Ok(Some(Months::Range {
                    from: f,
                    to: t,
                    star: false,
                    count: None,
                })),
                (Some(f), None) => Ok(Some(Months::One(f))),
                _ => Err(self.err(
                    ErrorKind::BadRange {
                        value: format!(
                            "{}-{}",
                            self.row.cell(a).display(),
                            self.row.cell(b).display()
                        ),
                    },
                    a,
                )),
            };
        }
        if let Some(y) = s.year {
            let ycell = self.row.cell(y);
            if ycell.is_blank() {
                return Ok(None);
            }
            // A 月 column may hold the whole month run together (`202301`), with its
            // four-digit year (`01-04` is a list of months, not April 2001).
            if let Some(mc) = s.month_of_year {
                let c = self.row.cell(mc);
                let full_year = match c {
                    Cell::Text(t) => t.trim().bytes().take(4).all(|b| b.is_ascii_digit()),
                    _ => true,
                };
                if let (true, Ok(Some(m))) = (full_year, cell_month(c, self.ocr)) {
                    return Ok(Some(Months::One(m)));
                }
            }
            let year = cell_year(ycell, self.ocr).ok_or_else(|| self.bad_month(y))?;
            if let Some(mc) = s.month_of_year {
                let c = self.row.cell(mc);
                if let Some(m) = cell_month_of_year(c, self.ocr) {
                    return Month::new(year, m)
                        .map(|m| Some(Months::One(m)))
                        .ok_or_else(|| self.bad_month(mc));
                }
                if let Some(list) = parse_month_list(&c.display()) {
                    return Ok(Some(Months::List(
                        list.into_iter()
                            .filter_map(|m| Month::new(year, m))
                            .collect(),
                    )));
                }
                if let Some(n) = cell_count(c).filter(|n| *n <= 12) {
                    return Ok(Some(Months::YearCount { year, count: n }));
                }
                return Err(self.bad_month(mc));
            }
            if let Some(n) = s.month_count.and_then(|i| cell_count(self.row.cell(i))) {
                return Ok(Some(Months::YearCount {
                    year,
                    count: n.min(12),
                }));
            }
            return Err(self.bad_month(y));
        }
        Ok(self.plan.bill_month.map(Months::One))
    }

    /// For a row that could not be read: its month, when the row is for one month and that
    /// cell reads, and its insurance when known (a wide row holds several: `None`).
    pub fn month_hint(&self) -> (Option<Month>, Option<Insurance>) {
        let Some(s) = self.plan.segments.first() else {
            return (None, None);
        };
        let month = match self.months(s) {
            Ok(Some(Months::One(m))) => Some(m),
            _ => None,
        };
        let insurance = match s.insurance {
            Some(i) => match self
                .memo
                .borrow_mut()
                .insurance(&self.row.cell(i).display(), self.plan.scheme)
            {
                InsuranceCell::Known(ins) => Some(ins),
                _ => None,
            },
            None if s.groups.is_empty() => Some(self.plan.default_insurance),
            None => None,
        };
        (month, month.and(insurance))
    }

    /// Read the whole row (all its record sets).
    pub fn read(&self) -> Result<RowOutput, StatementError> {
        let mut out = RowOutput::default();
        for (k, seg) in self.plan.segments.iter().enumerate() {
            let months = match self.months(seg)? {
                Some(m) => m,
                None if k == 0 && self.segment_has_values(seg) => {
                    let col = seg
                        .period
                        .or(seg.range)
                        .or(seg.start)
                        .or(seg.year)
                        .unwrap_or(0);
                    return Err(self.err(ErrorKind::MissingMonth, col));
                }
                None => continue,
            };
            self.read_segment(seg, months, &mut out)?;
            if out.skip.is_some() {
                return Ok(out);
            }
        }
        Ok(out)
    }

    fn segment_has_values(&self, s: &Segment) -> bool {
        let cols = [s.base, s.personal, s.employer, s.amount]
            .into_iter()
            .chain(
                s.groups
                    .iter()
                    .flat_map(|g| [g.base, g.personal, g.employer, g.amount, g.mark]),
            );
        cols.flatten().any(|i| !self.row.cell(i).is_blank())
    }

    fn read_segment(
        &self,
        s: &Segment,
        months: Months,
        out: &mut RowOutput,
    ) -> Result<(), StatementError> {
        let (mut status, mut kind) = (PayStatus::Paid, PaymentKind::Normal);
        if let Some(i) = s.status {
            let c = self.row.cell(i);
            if !c.is_blank() {
                let t = self.text(i)?;
                let (st, k) = self.memo.borrow_mut().status(&t).ok_or_else(|| {
                    self.err(
                        ErrorKind::UnknownStatus {
                            value: t.to_string(),
                        },
                        i,
                    )
                })?;
                status = st;
                kind = k.unwrap_or(kind);
            }
        }
        if let Some(i) = s.kind {
            if let Some(k) = self.memo.borrow_mut().kind(&self.text(i)?) {
                kind = k;
            }
        }
        if matches!(months, Months::Range { star: true, .. }) && kind == PaymentKind::Normal {
            kind = PaymentKind::BackPay;
        }
        let settled = match s.settled {
            Some(i) => cell_month(self.row.cell(i), self.ocr).map_err(|_| self.bad_month(i))?,
            None => None,
        };
        let mut base = Base {
            status,
            kind,
            settled,
            employer_name: s.employer_name.and_then(|i| cell_text(self.row.cell(i))),
            flexible: self.plan.flexible
                || s.insured_as
                    .is_some_and(|i| says_flexible(&self.row.cell(i).display())),
            paid_short: false,
            row: self.row.number,
        };
        if !s.groups.is_empty() && s.insurance.is_none() {
            for g in &s.groups {
                match (
                    self.read_group(s, g, &months, &base, out),
                    &months,
                    g.insurance,
                ) {
                    (Ok(()), ..) => {}
                    // One month, one insurance's cells: the other insurances are still read.
                    (Err(e), Months::One(m), Some(ins)) => out.unreadable.push((e, *m, ins)),
                    (Err(e), ..) => return Err(e),
                }
            }
            return Ok(());
        }
        let insurance = match s.insurance {
            Some(i) => match self
                .memo
                .borrow_mut()
                .insurance(&self.row.cell(i).display(), self.plan.scheme)
            {
                InsuranceCell::Known(ins) => ins,
                InsuranceCell::Other => {
                    out.skip = Some(format!(
                        "“{}”不是五险之一，未计入",
                        self.row.cell(i).display()
                    ));
                    return Ok(());
                }
                InsuranceCell::Ambiguous => {
                    return Err(self.err(
                        ErrorKind::AmbiguousInsuranceCode {
                            value: self.row.cell(i).display().into_owned(),
                        },
                        i,
                    ))
                }
                InsuranceCell::Unknown => {
                    return Err(self.err(
                        ErrorKind::UnknownInsurance {
                            value: self.row.cell(i).display().into_owned(),
                        },
                        i,
                    ))
                }
            },
            None => self.plan.default_insurance,
        };
        let limit = months.amount_limit();
        let money_base = self.amount(s.base, MAX_MONTHLY_AMOUNT)?;
        let (mut personal, mut employer) = (
            self.amount(s.personal, limit)?,
            self.amount(s.employer, limit)?,
        );
        // A flexibly employed person's payment is the amount column; the personal column
        // then holds only the part credited to the account (unknown payment without one).
        let mut personal_paid = s.personal_paid;
        let paid_whole = s.personal_is_credit && base.flexible;
        if paid_whole {
            personal = self.amount(s.amount, limit)?;
            personal_paid = personal_paid.or(s.amount_paid);
        }
        let mut part = None;
        let mut rate = None;
        if let Some(pc) = s.part {
            let c = self.row.cell(pc);
            let is_personal = part_from_cell(&c.display()).ok_or_else(|| {
                self.err(
                    ErrorKind::UnknownPart {
                        value: c.display().into_owned(),
                    },
                    pc,
                )
            })?;
            let value =
                self.amount(s.amount, limit)?
                    .or(if is_personal { personal } else { employer });
            (personal, employer) = if is_personal {
                (value, None)
            } else {
                (None, value)
            };
            part = Some(is_personal);
            if is_personal {
                rate = self
                    .amount(s.rate, MAX_MONTHLY_AMOUNT)?
                    .map(|r| StatedRate {
                        rate: as_fraction(r),
                        fixed: Decimal::ZERO,
                    });
            }
        }
        // In a one-amount file (征收品目) the row's one 实缴 is its part's.
        let one_paid = s.part.and(s.amount_paid);
        self.weigh_paid(
            self.filled(s.status),
            [
                (&mut personal, personal_paid.or(one_paid)),
                (&mut employer, s.employer_paid.or(one_paid)),
            ],
            limit,
            &mut base,
        )?;
        // A flexibly employed person pays both parts: a 单位 column then holds the pooled
        // part (12 % of the base) of what they paid, not an employer's money (already in
        // the amount column when that is what they paid).
        if base.flexible && part.is_none() {
            if let (Some(e), false) = (employer.take(), paid_whole) {
                let sum = personal.unwrap_or_default().checked_add(e);
                let too_large = || ErrorKind::UnreadableCell {
                    why: "个人和单位两部分的金额加起来太大".into(),
                };
                personal = Some(sum.ok_or_else(|| self.err(too_large(), s.employer.unwrap_or(0)))?);
            }
        }
        let count = s
            .month_count
            .and_then(|i| cell_count(self.row.cell(i)))
            .or(match months {
                Months::Range { count, .. } => count,
                _ => None,
            });
        let values = Values {
            insurance,
            base: money_base,
            personal,
            employer,
            rate,
            count,
        };
        emit(&months, &values, &base, part, out);
        Ok(())
    }

    /// Due and paid side by side: a month paid short of what was due is owed, as a status of
    /// 未足额到账 would say (a status cell, when there is one, has the last word); what did
    /// arrive is marked (`paid_short`). Otherwise the amount is what arrived: a negative paid
    /// figure is a refund, a larger one more than was due. Each pair is an amount due and the
    /// column of what was paid.
    fn weigh_paid(
        &self,
        status_given: bool,
        pairs: [(&mut Option<Decimal>, Option<usize>); 2],
        limit: Decimal,
        base: &mut Base,
    ) -> Result<(), StatementError> {
        if status_given {
            // The status says whether the month is paid; a paid month's amounts are what
            // arrived (a 已到账 row with 实缴 0.00 paid nothing, whatever was due). Not an
            // in-transit (在途) one: its 实缴 is often 0.00 until the money is booked.
            if base.status == PayStatus::Paid {
                for (amount, paid_col) in pairs {
                    if let (Some(_), Some(paid)) = (*amount, self.amount(paid_col, limit)?) {
                        *amount = Some(paid);
                    }
                }
            }
            return Ok(());
        }
        // Whether any money of the month arrived: the personal part paid in full while the
        // employer's is missing leaves the month owed, and that personal money in no total.
        let mut arrived = false;
        for (amount, paid_col) in pairs {
            let (Some(due), Some(col)) = (*amount, paid_col) else {
                continue;
            };
            let paid = self.amount(Some(col), limit)?.unwrap_or_default();
            arrived |= paid > Decimal::ZERO;
            if paid < due && !paid.is_sign_negative() {
                base.status = PayStatus::Unpaid;
            } else {
                // What arrived: a refund's negative figure, or more than was due (the amount
                // check then names the difference).
                *amount = Some(paid);
            }
        }
        base.paid_short |= base.status == PayStatus::Unpaid && arrived;
        Ok(())
    }

    /// Whether the row has something in column `col`.
    fn filled(&self, col: Option<usize>) -> bool {
        col.is_some_and(|i| !self.row.cell(i).is_blank())
    }

    fn read_group(
        &self,
        s: &Segment,
        g: &Group,
        months: &Months,
        base: &Base,
        out: &mut RowOutput,
    ) -> Result<(), StatementError> {
        let Some(insurance) = g.insurance else {
            return Ok(());
        };
        let own = [g.base, g.personal, g.employer, g.amount, g.mark];
        if own.iter().flatten().all(|&i| self.row.cell(i).is_blank()) {
            return Ok(());
        }
        let mut b = base.clone();
        if let Some(i) = g.status.filter(|&i| !self.row.cell(i).is_blank()) {
            let c = self.text(i)?;
            let (st, k) = self.memo.borrow_mut().status(&c).ok_or_else(|| {
                self.err(
                    ErrorKind::UnknownStatus {
                        value: c.to_string(),
                    },
                    i,
                )
            })?;
            b.status = st;
            b.kind = k.unwrap_or(b.kind);
        }
        let mut count = None;
        if let Some(i) = g.mark {
            let c = self.row.cell(i);
            let t = c.display();
            if let Some(n) = cell_count(c).filter(|_| !matches!(&*t, "1" | "0")) {
                count = Some(n);
            } else if let Some((st, _)) = mark_status(&t) {
                b.status = st;
            } else if !c.is_blank() {
                return Err(self.err(
                    ErrorKind::UnknownStatus {
                        value: t.into_owned(),
                    },
                    i,
                ));
            }
        }
        let limit = months.amount_limit();
        let (mut personal, mut employer) = (
            self.amount(g.personal, limit)?,
            self.amount(g.employer, limit)?,
        );
        self.weigh_paid(
            self.filled(g.status) || self.filled(s.status),
            [
                (&mut personal, g.personal_paid),
                (&mut employer, g.employer_paid),
            ],
            limit,
            &mut b,
        )?;
        let values = Values {
            insurance,
            base: self.amount(g.base.or(s.base), MAX_MONTHLY_AMOUNT)?,
            personal,
            employer,
            rate: g.rate.clone(),
            count: count.or_else(|| s.month_count.and_then(|i| cell_count(self.row.cell(i)))),
        };
        let months = match (count, months) {
            (Some(_), Months::One(m)) => &Months::Range {
                from: *m,
                to: *m,
                star: false,
                count: None,
            },
            _ => months,
        };
        emit(months, &values, &b, None, out);
        Ok(())
    }
}
