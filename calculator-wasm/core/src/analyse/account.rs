//! The pension personal account from the records: yearly balance with the published crediting
//! rates and the official monthly weighting (a credit in month m earns (13 − m)/12 of a year's
//! interest). Years without a usable rate keep the balance without interest and say so.

use super::insurance::{is_paid, signed};
use super::text::percent;
use crate::money::round_cents;
use crate::policy::lookup::Place;
use crate::policy::{Figure, NationalPolicy, Policy, RatePart};
use crate::record::{Insurance, PaymentKind, Record};
use crate::report::{AccountYear, PensionAccount, RateStatus, RateUsed};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Credits per month of one year (month 1–12).
pub type MonthCredits = BTreeMap<u32, Decimal>;

/// Credits per year, each with its months.
pub type YearCredits = BTreeMap<u32, MonthCredits>;

/// Sum amounts per year and month.
pub fn credits_by_year(items: Vec<(crate::month::Month, Decimal)>) -> YearCredits {
    let mut out = YearCredits::new();
    for (m, c) in items {
        *out.entry(m.year())
            .or_default()
            .entry(m.month())
            .or_default() += c;
    }
    out
}

/// The first year of the national crediting rate; before it provinces set their own.
pub const FIRST_NATIONAL_RATE_YEAR: u32 = 2016;

/// The rate of a year and whether it may be used.
pub fn year_rate(national: &NationalPolicy, year: u32) -> (RateStatus, Option<&Figure>) {
    match national.crediting_rate(year) {
        Some(f) if f.confidence.is_confirmed() => (RateStatus::Published, Some(f)),
        Some(f) => (RateStatus::Unconfirmed, Some(f)),
        None if year < FIRST_NATIONAL_RATE_YEAR => (RateStatus::BeforeNational, None),
        None => (RateStatus::NotPublished, None),
    }
}

/// The rate for output.
pub fn rate_used(f: &Figure) -> RateUsed {
    RateUsed {
        value: f.value.normalize().to_string(),
        percent: percent(f.value),
        confidence: f.confidence,
        source: f.source.clone(),
    }
}

/// Interest on credits made in given months of a year: Σ credit × r × (13 − m)/12.
/// The monthly credit is not rounded before weighting.
pub fn interest_on_credits(credits: &MonthCredits, rate: Decimal) -> Decimal {
    let weighted: Decimal = credits
        .iter()
        .map(|(m, c)| *c * Decimal::from(13u32.saturating_sub(*m)))
        .sum();
    weighted * rate / Decimal::from(12u32)
}

/// What one pension record credits to the account, if that can be known: since 2006 the
/// whole personal contribution (for a flexibly employed person, 8 % of the base out of 20 %);
/// before 2006, the policy's credit share of the base.
fn credit(policy: &Policy, place: Place<'_>, r: &Record) -> Option<(Decimal, bool)> {
    let personal_all = policy
        .rate(Insurance::Pension, RatePart::AccountCredit, r.month, place)
        .rate
        .zip(
            policy
                .rate(Insurance::Pension, RatePart::Personal, r.month, place)
                .rate,
        )
        .is_some_and(|(credit, personal)| credit.value == personal.value);
    let flexible = policy
        .rate(Insurance::Pension, RatePart::Flexible, r.month, place)
        .rate;
    let flexible_credit = policy
        .rate(
            Insurance::Pension,
            RatePart::FlexibleCredited,
            r.month,
            place,
        )
        .rate;
    let no_employer = r.employer.is_none_or(|e| e.is_zero());
    if let (Some(base), Some(f), Some(fc)) = (r.base, flexible, flexible_credit) {
        // Flexibly employed: said by the file, or seen in 20 % of the base with no employer.
        let looks_flexible = no_employer
            && r.personal.is_some_and(|p| {
                (p.abs() - round_cents(base.abs() * f.value)).abs() <= Decimal::new(1, 2)
            });
        if r.flexible || looks_flexible {
            return Some((signed(r, base * fc.value), false));
        }
    }
    // Flexibly employed without a base: the credited share of what was paid.
    if let (true, Some(p), Some(f), Some(fc)) = (r.flexible, r.personal, flexible, flexible_credit)
    {
        return (!f.value.is_zero()).then(|| (signed(r, p * fc.value / f.value), false));
    }
    if personal_all {
        if let Some(p) = r.personal {
            return Some((signed(r, p), false));
        }
    }
    let share = policy
        .rate(Insurance::Pension, RatePart::AccountCredit, r.month, place)
        .rate?;
    // Derived from the base: flagged so the report can say so.
    r.base.map(|b| (signed(r, b * share.value), true))
}

/// Compute the account from the pension records; `None` when nothing is credited.
pub fn compute(
    policy: &Policy,
    place: Place<'_>,
    records: &[&Record],
    months_paid: u32,
) -> Option<PensionAccount> {
    let mut credited: Vec<(crate::month::Month, Decimal)> = Vec::new();
    let mut missing = 0usize;
    let mut derived = 0usize;
    for r in records
        .iter()
        .filter(|r| r.insurance == Insurance::Pension && is_paid(r))
    {
        if matches!(
            r.kind,
            PaymentKind::TransferOut | PaymentKind::RateTopUp | PaymentKind::Deemed
        ) {
            continue;
        }
        match credit(policy, place, r) {
            Some((c, from_base)) => {
                derived += usize::from(from_base);
                credited.push((r.month, c));
            }
            None => missing += 1,
        }
    }
    let by_year = credits_by_year(credited);
    let first = *by_year.keys().next()?;
    let last = *by_year.keys().next_back()?;
    let mut years = Vec::new();
    let mut balance = Decimal::ZERO;
    let mut complete = true;
    let empty = MonthCredits::new();
    for year in first..=last {
        let credits = by_year.get(&year).unwrap_or(&empty);
        let total: Decimal = credits.values().sum();
        let (status, fig) = year_rate(&policy.national, year);
        let (i_open, i_cred) = match (status, fig) {
            // Each year's interest lines are rounded to cents as an account statement prints
            // and carries them; the monthly credits inside are not rounded.
            (RateStatus::Published, Some(f)) => (
                Some(round_cents(balance * f.value)),
                Some(round_cents(interest_on_credits(credits, f.value))),
            ),
            _ => {
                complete = false;
                (None, None)
            }
        };
        let closing = balance + total + i_open.unwrap_or_default() + i_cred.unwrap_or_default();
        years.push(AccountYear {
            year,
            opening: balance,
            credits: total,
            // A month whose credits are refunds only (net below zero) credits no month.
            months_credited: credits
                .values()
                .filter(|c| c.is_sign_positive() && !c.is_zero())
                .count() as u32,
            rate_status: status,
            rate: fig.map(rate_used),
            interest_on_opening: i_open,
            interest_on_credits: i_cred,
            closing,
        });
        balance = closing;
    }
    let mut assumptions = vec![
        format!("从文件里最早的 {first} 年算起，期初余额按 0 计；之前年份的账户余额不在文件里。"),
        "利息按官方逐月加权：某月记入的金额当年得到 (13 − 月份)/12 年的利息；按费款所属月份记入，补缴记录实际记账时间可能更晚。".to_string(),
        "2006 年起个人缴费全部记入个人账户；灵活就业人员按基数的 8% 记入。".to_string(),
    ];
    if years
        .iter()
        .any(|y| y.rate_status == RateStatus::BeforeNational)
    {
        assumptions
            .push("2016 年以前记账利率由各省自定，本工具未收录，这些年份没有计利息。".into());
    }
    for y in years
        .iter()
        .filter(|y| y.rate_status == RateStatus::Unconfirmed)
    {
        let p = y
            .rate
            .as_ref()
            .map(|r| r.percent.clone())
            .unwrap_or_default();
        assumptions.push(format!(
            "{} 年记账利率尚未确认（第三方 {p}），这一年没有计利息。",
            y.year
        ));
    }
    for y in years
        .iter()
        .filter(|y| y.rate_status == RateStatus::NotPublished)
    {
        assumptions.push(format!("{} 年记账利率尚未公布，这一年没有计利息。", y.year));
    }
    if derived > 0 {
        assumptions.push(format!(
            "有 {derived} 条养老记录没有写个人缴费金额（或在 2006 年以前），记入金额按缴费基数 × 记账比例推算。"
        ));
    }
    if missing > 0 {
        assumptions.push(format!(
            "有 {missing} 条养老记录没有个人缴费金额也无法按基数推算，未计入账户。"
        ));
    }
    // Refunds of contributions made before the file's first year (退收 of older months) can
    // take the balance counted from zero below zero: say why, beside the figure.
    let below_zero = years.iter().any(|y| y.closing < Decimal::ZERO).then(|| {
        "有的年份年末余额是负数，是因为文件里退回（退收）的钱比文件所列年份记入的多：退的多半是文件以外更早年份的缴费。这不表示您欠钱；实际账户余额以社保机构的记录为准。".to_string()
    });
    Some(PensionAccount {
        below_zero,
        years,
        balance,
        complete,
        contribution_months: months_paid,
        contribution_years: months_paid / 12,
        contribution_extra_months: months_paid % 12,
        assumptions,
    })
}
