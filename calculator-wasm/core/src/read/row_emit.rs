//! Turning one row's values into records: ranges expanded month by month, range totals split
//! only when exact to the cent, refunds made negative.

use super::row_read::{Months, RowOutput};
use crate::month::Month;
use crate::record::{CoverageSpan, Insurance, PayStatus, PaymentKind, Record, StatedRate};
use rust_decimal::Decimal;

/// `√`-style marks.
pub(super) fn mark_status(t: &str) -> Option<(PayStatus, ())> {
    match t.trim() {
        "√" | "✓" | "✔" | "是" | "已缴" | "有" | "Y" | "y" | "1" => {
            Some((PayStatus::Paid, ()))
        }
        "×" | "✗" | "X" | "x" | "否" | "未缴" | "欠缴" | "0" => {
            Some((PayStatus::Unpaid, ()))
        }
        _ => None,
    }
}

/// `8` or `8%` or `0.08` → 0.08.
pub(super) fn as_fraction(r: Decimal) -> Decimal {
    if r > Decimal::ONE {
        r / Decimal::from(100)
    } else {
        r
    }
}

#[derive(Clone)]
pub(super) struct Base {
    pub(super) status: PayStatus,
    pub(super) kind: PaymentKind,
    pub(super) settled: Option<Month>,
    pub(super) employer_name: Option<String>,
    pub(super) flexible: bool,
    pub(super) paid_short: bool,
    pub(super) row: usize,
}

pub(super) struct Values {
    pub(super) insurance: Insurance,
    pub(super) base: Option<Decimal>,
    pub(super) personal: Option<Decimal>,
    pub(super) employer: Option<Decimal>,
    pub(super) rate: Option<StatedRate>,
    pub(super) count: Option<u32>,
}

/// A range total spread evenly when exact to the cent, else unknown.
fn per_month(total: Option<Decimal>, n: u32) -> Option<Decimal> {
    let t = total?;
    if n <= 1 {
        return Some(t);
    }
    let each = t / Decimal::from(n);
    (each.round_dp(2) * Decimal::from(n) == t).then(|| each.round_dp(2))
}

pub(super) fn emit(months: &Months, v: &Values, b: &Base, part: Option<bool>, out: &mut RowOutput) {
    let (list, split): (Vec<Month>, u32) = match months {
        Months::One(m) => (vec![*m], 1),
        // A 视同缴费 range is deemed months, whatever count it states: never a coverage span.
        Months::Range { from, to, .. } if b.kind == PaymentKind::Deemed => {
            let n = from.span_to(*to);
            (
                (0..n).filter_map(|k| from.offset(i64::from(k))).collect(),
                n,
            )
        }
        Months::Range { from, to, .. } => {
            let n = from.span_to(*to);
            if let Some(c) = v.count.filter(|c| *c != n) {
                out.coverage.push(CoverageSpan {
                    insurance: v.insurance,
                    from: *from,
                    to: *to,
                    months: c,
                    row: b.row,
                });
                return;
            }
            if v.count.is_some()
                && v.base.is_none()
                && v.personal.is_none()
                && v.employer.is_none()
                && b.status == PayStatus::Paid
            {
                out.coverage.push(CoverageSpan {
                    insurance: v.insurance,
                    from: *from,
                    to: *to,
                    months: n,
                    row: b.row,
                });
                return;
            }
            (
                (0..n).filter_map(|k| from.offset(i64::from(k))).collect(),
                n,
            )
        }
        Months::List(l) => (l.clone(), l.len() as u32),
        Months::YearCount { year, count } => {
            if let (Some(from), Some(to)) = (Month::new(*year, 1), Month::new(*year, 12)) {
                out.coverage.push(CoverageSpan {
                    insurance: v.insurance,
                    from,
                    to,
                    months: *count,
                    row: b.row,
                });
            }
            return;
        }
    };
    let (mut personal, mut employer) = (per_month(v.personal, split), per_month(v.employer, split));
    let mut kind = b.kind;
    // Refunds subtract: a 退收 row's amounts are made negative; a negative amount is a refund.
    let negative =
        personal.is_some_and(|p| p < Decimal::ZERO) || employer.is_some_and(|e| e < Decimal::ZERO);
    if kind == PaymentKind::Refund {
        personal = personal.map(|p| -p.abs());
        employer = employer.map(|e| -e.abs());
    } else if negative && kind == PaymentKind::Normal {
        kind = PaymentKind::Refund;
    }
    for m in list {
        let r = Record {
            month: m,
            insurance: v.insurance,
            base: v.base,
            personal,
            employer,
            status: b.status,
            kind,
            settled: b.settled,
            stated_personal_rate: v.rate.clone(),
            employer_name: b.employer_name.clone(),
            flexible: b.flexible,
            paid_short: b.paid_short,
            row: b.row,
        };
        out.records.push((r, part));
    }
}
