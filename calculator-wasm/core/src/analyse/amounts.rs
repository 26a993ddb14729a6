//! `personal_amount_mismatch`: a personal amount that is not base × the personal rate
//! (plus a fixed sum where a header states one or the province has one).

use super::runs::runs;
use super::text::{percent, period_zh, yuan};
use crate::money::round_cents;
use crate::policy::lookup::Place;
use crate::policy::{Policy, RatePart};
use crate::record::{Insurance, PayStatus, PaymentKind, Record};
use crate::report::{Finding, FindingCode, Quantity};
use rust_decimal::Decimal;

/// Rounding differences up to one cent are not findings.
const TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Accepted ways the amount may have been computed, best explanation first.
struct Expectation {
    rate: Decimal,
    fixed: Decimal,
    /// Also accept the amount without the fixed part (a province's fixed sum is often a
    /// separate line on statements).
    fixed_optional: bool,
    /// Also accept the flexible-employment rate (20 % of the base, no employer part).
    flexible: Option<Decimal>,
}

impl Expectation {
    /// The amount to show as expected on `base` (without an optional fixed part), and
    /// whether `actual` is one of the accepted ways of computing it.
    fn judge(&self, base: Decimal, actual: Decimal) -> (Decimal, bool) {
        let plain = round_cents(base * self.rate);
        let with_fixed = round_cents(base * self.rate + self.fixed);
        let mut accepted = vec![with_fixed];
        if self.fixed_optional && !self.fixed.is_zero() {
            accepted.push(plain);
        }
        if let Some(f) = self.flexible {
            accepted.push(round_cents(base * f));
        }
        let fits = accepted
            .iter()
            .any(|e| (actual.abs() - e.abs()).abs() <= TOLERANCE);
        (
            if self.fixed_optional {
                plain
            } else {
                with_fixed
            },
            fits,
        )
    }
}

/// The base and personal amount of a record whose amount is base × rate: not refunds,
/// rate top-ups or transfers, not an interrupted month (中断: its 0.00 is not a short
/// payment), not a back-payment of 0.00 on both sides (its interest is in a column not read).
fn checkable(r: &Record) -> Option<(Decimal, Decimal)> {
    let kind_checked = matches!(
        r.kind,
        PaymentKind::Normal | PaymentKind::BackPay | PaymentKind::BaseTopUp
    );
    let owes_nothing = r.status == PayStatus::Interrupted
        || r.kind == PaymentKind::BackPay && super::insurance::pays_nothing(r);
    if !kind_checked || owes_nothing {
        return None;
    }
    Some((r.base?, r.personal?))
}

/// Whether `r`'s personal amount is base × the personal rate of insurance `ins`: `None`
/// when it has no base and amount to check or no rate rule covers its month.
pub fn explained_as(policy: &Policy, place: Place<'_>, r: &Record, ins: Insurance) -> Option<bool> {
    let (base, actual) = checkable(r)?;
    Some(expectation(policy, place, r, ins)?.judge(base, actual).1)
}

/// How `r`'s personal amount may have been computed were it of insurance `ins`.
fn expectation(
    policy: &Policy,
    place: Place<'_>,
    r: &Record,
    ins: Insurance,
) -> Option<Expectation> {
    if let Some(s) = &r.stated_personal_rate {
        return Some(Expectation {
            rate: s.rate,
            fixed: s.fixed,
            fixed_optional: false,
            flexible: None,
        });
    }
    // A flexibly employed person's pension is the flexible rate of the base; their other
    // insurances follow local rules not in the policy data, so they are not checked.
    if r.flexible {
        let f = policy.rate(Insurance::Pension, RatePart::Flexible, r.month, place);
        return (ins == Insurance::Pension)
            .then_some(f.rate)
            .flatten()
            .map(|f| Expectation {
                rate: f.value,
                fixed: Decimal::ZERO,
                fixed_optional: false,
                flexible: None,
            });
    }
    let resolved = policy.rate(ins, RatePart::Personal, r.month, place);
    let rate = resolved.rate?.value;
    let no_employer = r.employer.is_none_or(|e| e.is_zero());
    let flexible = (ins == Insurance::Pension && no_employer)
        .then(|| {
            policy
                .rate(ins, RatePart::Flexible, r.month, place)
                .rate
                .map(|f| f.value)
        })
        .flatten();
    Some(Expectation {
        rate,
        fixed: resolved.fixed.map_or(Decimal::ZERO, |f| f.value),
        fixed_optional: true,
        flexible,
    })
}

/// Every record whose personal amount cannot be explained, grouped into runs of months with
/// the same base and amounts.
pub fn check(policy: &Policy, place: Place<'_>, records: &[&Record]) -> Vec<Finding> {
    // (insurance, base, actual, expected, rate, stated fixed sum, top-up row or 0)
    type Key = (
        Insurance,
        Decimal,
        Decimal,
        Decimal,
        Decimal,
        Decimal,
        usize,
    );
    let mut items: Vec<(crate::month::Month, Key)> = Vec::new();
    // Months with an amount to check but no rate rule that covers them.
    let mut no_rule: Vec<(crate::month::Month, Insurance)> = Vec::new();
    for r in records {
        let Some((base, actual)) = checkable(r) else {
            continue;
        };
        let Some(exp) = expectation(policy, place, r, r.insurance) else {
            no_rule.push((r.month, r.insurance));
            continue;
        };
        let (expected, fits) = exp.judge(base, actual);
        if fits {
            continue;
        }
        let fixed_shown = if exp.fixed_optional {
            Decimal::ZERO
        } else {
            exp.fixed
        };
        // Keep single-record rows apart only for top-ups, which people look up by row.
        let row_key = if r.kind == PaymentKind::BaseTopUp {
            r.row
        } else {
            0
        };
        items.push((
            r.month,
            (
                r.insurance,
                base,
                actual,
                expected,
                exp.rate,
                fixed_shown,
                row_key,
            ),
        ));
    }
    let mut out = Vec::new();
    for ins in Insurance::ALL {
        let months: Vec<_> = no_rule
            .iter()
            .filter(|(_, i)| *i == ins)
            .map(|(m, _)| (*m, ()))
            .collect();
        for (from, to, ()) in runs(months) {
            let message = format!(
                "{} {}：没有查到这段时间有可靠来源的个人费率，个人缴费没有核对。",
                period_zh(from, to),
                ins.name_zh()
            );
            out.push(
                Finding::new(FindingCode::RatesUnknown, message)
                    .insurance(ins)
                    .months(from, to),
            );
        }
    }
    for ins in Insurance::ALL {
        let group: Vec<_> = items.iter().filter(|(_, k)| k.0 == ins).cloned().collect();
        for (from, to, (ins, base, actual, expected, rate, fixed, row)) in runs(group) {
            let what = if row != 0 {
                "（缴费基数调整补收行，基数为差额）"
            } else {
                ""
            };
            let plus = if fixed.is_zero() {
                String::new()
            } else {
                format!(" + {}", yuan(fixed))
            };
            // Work injury and maternity have a 0 personal rate: "× 0%" would only puzzle.
            let rule = if rate.is_zero() && fixed.is_zero() {
                "职工个人不缴这项保险，应为".to_string()
            } else {
                format!("按缴费基数 {} × {}{plus} 应为", yuan(base), percent(rate))
            };
            let message = format!(
                "{} {}{what}：个人缴费 {}，{rule} {}，相差 {}。",
                period_zh(from, to),
                ins.name_zh(),
                yuan(actual),
                yuan(expected),
                yuan((actual - expected).abs()),
            );
            let mut finding = Finding::new(FindingCode::PersonalAmountMismatch, message)
                .insurance(ins)
                .months(from, to)
                .compare(Quantity::Money(expected), Quantity::Money(actual));
            if row != 0 {
                finding = finding.row(row);
            }
            out.push(finding);
        }
    }
    out
}
