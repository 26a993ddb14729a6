//! Per insurance: months paid, first and last month, totals, gaps, arrears (open or settled),
//! interruptions and the declared period's not-yet-booked month.

use super::runs::{runs, runs_where};
use crate::month::Month;
use crate::record::{CoverageSpan, Insurance, PayStatus, PaymentKind, Record};
use crate::report::{ArrearsRun, InsuranceReport, Span};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Whether the money of a record arrived (在途 = paid, not yet booked).
pub fn is_paid(r: &Record) -> bool {
    matches!(r.status, PayStatus::Paid | PayStatus::InTransit)
}

/// A row whose personal and employer amounts are both 0.00: whatever its flag says, nothing
/// was paid here. Not owed either: such rows list an insurance the person is not in (工伤,
/// 生育, a retiree's medical), a relief month, or a back-payment of interest only.
pub fn pays_nothing(r: &Record) -> bool {
    r.personal.is_some_and(|p| p.is_zero()) && r.employer.is_some_and(|e| e.is_zero())
}

/// Whether a paid record makes its month a paid month (a refund, a transfer-out, a deemed
/// month or a row that pays nothing does not).
pub fn pays_month(r: &Record) -> bool {
    is_paid(r)
        && !pays_nothing(r)
        && !matches!(
            r.kind,
            PaymentKind::Refund | PaymentKind::TransferOut | PaymentKind::Deemed
        )
}

/// A record's amount as it counts in totals: refunds subtract whatever sign the file used.
pub fn signed(r: &Record, amount: Decimal) -> Decimal {
    if r.kind == PaymentKind::Refund {
        -amount.abs()
    } else {
        amount
    }
}

/// The one rule for a paid month, used by every figure (months paid, arrears settled, the
/// pension account's months, retirement): a month with a record whose money arrived, unless
/// refunds cancel it — its paid amounts net to zero or less, or a refund row without amounts.
/// A partial refund (a base correction) leaves the month paid.
pub fn paid_months(records: &[&Record]) -> BTreeSet<Month> {
    let paid: Vec<&Record> = records.iter().copied().filter(|r| is_paid(r)).collect();
    let months = super::group::by_month(&paid)
        .into_iter()
        .filter(|(_, rows)| rows.iter().any(|r| pays_month(r)))
        .filter(|(_, rows)| {
            let mut refunds = rows
                .iter()
                .filter(|r| r.kind == PaymentKind::Refund)
                .peekable();
            let cancelled = refunds.peek().is_some()
                && (refunds.any(|r| r.personal.is_none() && r.employer.is_none())
                    || net_amount(rows) <= Decimal::ZERO);
            !cancelled
        })
        .map(|((_, month), _)| month);
    // `extend`, not `collect`: collecting a set sorts first, one more copy of std's sort.
    let mut set = BTreeSet::new();
    set.extend(months);
    set
}

/// Personal plus employer amounts of paid records, refunds subtracted.
fn net_amount(records: &[&Record]) -> Decimal {
    records
        .iter()
        .filter(|r| is_paid(r))
        .map(|r| {
            let p = r.personal.map_or(Decimal::ZERO, |a| signed(r, a));
            let e = r.employer.map_or(Decimal::ZERO, |a| signed(r, a));
            p + e
        })
        .sum()
}

/// Months (any order, repeats allowed) as runs of consecutive months. Not generic over the
/// iterator: one copy in the calculator page, not four (1 KB gzip).
fn month_spans(months: Vec<Month>) -> Vec<Span> {
    runs(months.into_iter().map(|m| (m, ())).collect())
        .into_iter()
        .map(|(a, b, ())| Span::new(a, b))
        .collect()
}

/// The spans of `kind` (rows giving a range and a count of months, no month list) that lie
/// beside its records: no record falls in them. One that overlaps records is not counted
/// (its months may be those records'; `analyse` says so).
pub fn spans_beside<'a>(records: &[&Record], spans: &[&'a CoverageSpan]) -> Vec<&'a CoverageSpan> {
    spans
        .iter()
        .copied()
        .filter(|s| !records.iter().any(|r| s.from <= r.month && r.month <= s.to))
        .collect()
}

/// Summarise the records of one insurance (all for `kind`), given the declared period, the
/// months that may sit on rows the reader could not read (never called gaps), and the spans
/// beside the records ([`spans_beside`]): their months count as paid and are no gaps, though
/// which of a span's months were paid is not known.
pub fn summarise(
    kind: Insurance,
    records: &[&Record],
    spans: &[&CoverageSpan],
    declared: Option<(Month, Month)>,
    unread: &super::unreadable::Unread,
) -> InsuranceReport {
    let mut all = BTreeSet::new();
    all.extend(records.iter().map(|r| r.month));
    let in_span = |m: Month| spans.iter().any(|s| s.from <= m && m <= s.to);
    // A month with a record, or inside a span: never a gap.
    let covered = |m: Month| all.contains(&m) || in_span(m);
    let paid = paid_months(records);
    let mut bounds: Vec<Month> = Vec::new();
    bounds.extend(all.first());
    bounds.extend(all.last());
    for s in spans {
        bounds.extend([s.from, s.to]);
    }
    let first = bounds.iter().min().copied();
    let last = bounds.iter().max().copied();

    let mut personal: Option<Decimal> = None;
    let mut employer: Option<Decimal> = None;
    let mut personal_refunded: Option<Decimal> = None;
    // Deemed (视同缴费) rows' figures are not payments.
    for r in records
        .iter()
        .filter(|r| is_paid(r) && r.kind != PaymentKind::Deemed)
    {
        if let Some(p) = r.personal {
            *personal.get_or_insert(Decimal::ZERO) += signed(r, p);
            if r.kind == PaymentKind::Refund && !p.is_zero() {
                *personal_refunded.get_or_insert(Decimal::ZERO) += p.abs();
            }
        }
        if let Some(e) = r.employer {
            *employer.get_or_insert(Decimal::ZERO) += signed(r, e);
        }
    }

    // The declared period's last month with no record is "not booked yet" (unless an
    // unreadable row may hold it: then it is unreadable); months between the last record and
    // it are gaps like any other.
    let declared_end = match (declared, last) {
        (Some((_, end)), Some(l)) if end > l => Some(end),
        _ => None,
    };
    let not_booked_yet = declared_end.filter(|end| !unread.may_hold(kind, *end));
    // The declared period may open before the first record (or an earlier unreadable row's
    // month, from which gaps are counted below): said, not called a gap.
    let first_seen = first.map(|f| unread.known_months(kind).fold(f, Month::min));
    let unrecorded_start = match (declared, first_seen) {
        (Some((start, _)), Some(f)) if start < f => f.offset(-1).map(|to| Span::new(start, to)),
        _ => None,
    };
    let gap_end = match (not_booked_yet, declared_end) {
        (Some(nb), _) => nb.offset(-1),
        (None, Some(end)) => Some(end),
        (None, None) => last,
    };
    // A month without any record is a gap, unless an unreadable row may hold it. An
    // unreadable row's known month may lie beyond the records read (the file's first or
    // last row): it is named too, or the person would take the months read for the whole,
    // and the months between it and the records with no row at all are gaps like any other.
    let (gaps, unreadable) = match (first, gap_end) {
        (Some(f), Some(e)) => {
            let (lo, hi) = unread
                .known_months(kind)
                .fold((f, e), |(lo, hi), m| (lo.min(m), hi.max(m)));
            (
                runs_where(lo, hi, |m| !covered(m) && !unread.may_hold(kind, m))
                    .into_iter()
                    .map(|(a, b)| Span::new(a, b))
                    .collect(),
                unread.runs(kind, lo, hi, |m| !covered(m)),
            )
        }
        _ => (Vec::new(), Vec::new()),
    };

    let refunded = month_spans(
        records
            .iter()
            .filter(|r| r.kind == PaymentKind::Refund && is_paid(r) && !paid.contains(&r.month))
            .map(|r| r.month)
            .collect(),
    );

    // Arrears: months with an unpaid row, each with the latest month it was settled in.
    // And whether some of it arrived (paid short): that part is in no total.
    let mut unpaid: BTreeMap<Month, (Option<Month>, bool)> = BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| r.status == PayStatus::Unpaid && r.kind != PaymentKind::Refund)
    {
        let (settled, short) = unpaid.entry(r.month).or_default();
        *settled = (*settled).max(r.settled);
        *short |= r.paid_short;
    }
    let arrears = runs(
        unpaid
            .into_iter()
            .map(|(m, (settled_in, paid_short))| {
                let settled = paid.contains(&m);
                (
                    m,
                    (settled, if settled { settled_in } else { None }, paid_short),
                )
            })
            .collect(),
    )
    .into_iter()
    .map(|(from, to, (settled, settled_in, paid_short))| ArrearsRun {
        from,
        to,
        months: from.span_to(to),
        settled,
        settled_in,
        paid_short,
    })
    .collect();

    // 视同缴费 months: not paid, not gaps (their rows are in `all`), said apart.
    let deemed = month_spans(
        records
            .iter()
            .filter(|r| r.kind == PaymentKind::Deemed && !paid.contains(&r.month))
            .map(|r| r.month)
            .collect(),
    );

    // Months whose every row is marked paid with 0.00 on both sides (any other row, a
    // payment, a debt, a refund, decides the month).
    let pays_zero = |r: &Record| {
        is_paid(r)
            && pays_nothing(r)
            && matches!(
                r.kind,
                PaymentKind::Normal | PaymentKind::BackPay | PaymentKind::BaseTopUp
            )
    };
    let paid_nothing = month_spans(
        records
            .iter()
            .filter(|r| {
                pays_zero(r)
                    && records
                        .iter()
                        .filter(|o| o.month == r.month)
                        .all(|o| pays_zero(o))
            })
            .map(|r| r.month)
            .collect(),
    );

    let interrupted = month_spans(
        records
            .iter()
            .filter(|r| r.status == PayStatus::Interrupted && !paid.contains(&r.month))
            .map(|r| r.month)
            .collect(),
    );

    // A span every month of which was paid is paid months like any record's.
    let mut paid_list: Vec<Month> = paid.iter().copied().collect();
    for s in spans.iter().filter(|s| s.months >= s.from.span_to(s.to)) {
        paid_list.extend((0..s.from.span_to(s.to)).filter_map(|k| s.from.offset(i64::from(k))));
    }
    let paid_runs = month_spans(paid_list);
    let span_months: u32 = spans.iter().map(|s| s.months).sum();

    InsuranceReport {
        kind,
        name: kind.name_zh().to_string(),
        months_paid: paid.len() as u32 + span_months,
        paid: paid_runs,
        first_month: first,
        last_month: last,
        personal_total: personal,
        employer_total: employer,
        personal_refunded,
        deemed,
        totals_with_duplicates: Vec::new(),
        gaps,
        unreadable,
        unread_rows: unread.rows_for(kind),
        refunded,
        paid_nothing,
        arrears,
        interrupted,
        not_booked_yet,
        unrecorded_start,
        coverage: super::coverage::reports(spans),
        months_total: None,
    }
}
