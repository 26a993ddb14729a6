//! Coverage-only certificates (month counts per span, no amounts): what they show and what
//! they cannot show.

use super::runs::runs_where;
use super::unreadable::Unread;
use crate::record::{CoverageSpan, Insurance};
use crate::report::{CoverageReport, InsuranceReport, Span};

/// One insurance summarised from its coverage spans: months are the certificate's counts, gaps
/// only between spans (inside a span the missing months are not listed).
pub fn summarise(kind: Insurance, spans: &[&CoverageSpan], unread: &Unread) -> InsuranceReport {
    let first = spans.iter().map(|s| s.from).min();
    let last = spans.iter().map(|s| s.to).max();
    let outside = |m| !spans.iter().any(|s| s.from <= m && m <= s.to);
    let (gaps, unreadable) = match (first, last) {
        (Some(f), Some(l)) => (
            runs_where(f, l, |m| outside(m) && !unread.may_hold(kind, m))
                .into_iter()
                .map(|(a, b)| Span::new(a, b))
                .collect(),
            unread.runs(kind, f, l, outside),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let coverage = reports(spans);
    InsuranceReport {
        kind,
        name: kind.name_zh().to_string(),
        months_paid: spans.iter().map(|s| s.months).sum(),
        paid: spans
            .iter()
            .filter(|s| s.months >= s.from.span_to(s.to))
            .map(|s| Span::new(s.from, s.to))
            .collect(),
        first_month: first,
        last_month: last,
        personal_total: None,
        employer_total: None,
        personal_refunded: None,
        totals_with_duplicates: Vec::new(),
        gaps,
        unreadable,
        unread_rows: unread.rows_for(kind),
        refunded: Vec::new(),
        deemed: Vec::new(),
        paid_nothing: Vec::new(),
        arrears: Vec::new(),
        interrupted: Vec::new(),
        not_booked_yet: None,
        unrecorded_start: None,
        coverage,
        months_total: None,
    }
}

/// The spans as the report lists them, in month order.
pub fn reports(spans: &[&CoverageSpan]) -> Vec<CoverageReport> {
    let mut coverage: Vec<CoverageReport> = spans
        .iter()
        .map(|s| {
            let span_months = s.from.span_to(s.to);
            CoverageReport {
                from: s.from,
                to: s.to,
                months: s.months,
                span_months,
                complete: s.months >= span_months,
                row: s.row,
            }
        })
        .collect();
    crate::order::sort_by_key(&mut coverage, |c| (c.from, c.to, c.row));
    coverage
}

/// Plain sentences on what a coverage-only file cannot tell.
pub fn cannot_check(reports: &[InsuranceReport]) -> Vec<String> {
    let mut out = vec![
        "这份证明按时间段列出参保月数，没有逐月的缴费基数和金额：无法核对每个月的基数是否在上下限之内、个人缴费是否算对，也无法计算个人账户。".to_string(),
    ];
    let incomplete: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.coverage.iter().filter(|c| !c.complete).map(move |c| {
                format!(
                    "{} {} 至 {} 共 {} 个月只缴了 {} 个月",
                    r.name, c.from, c.to, c.span_months, c.months
                )
            })
        })
        .collect();
    if incomplete.is_empty() {
        out.push("每个起止区间内的月份都已缴满；区间之间没有列出的月份算作缺月。".into());
    } else {
        out.push(format!(
            "{}：证明没有写出是哪几个月没缴，所以这些缺月找不出具体月份，可向社保经办机构要逐月明细。",
            incomplete.join("；")
        ));
    }
    out
}
