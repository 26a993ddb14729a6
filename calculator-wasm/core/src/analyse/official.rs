//! The official pension-account figures of a 权益记录单 reproduced: each year's two interest
//! lines and closing balance recomputed from the document's own opening and credited amounts
//! with the published crediting rate and the monthly weighting.

use super::account::{interest_on_credits, rate_used, year_rate, MonthCredits, YearCredits};
use super::text::{percent, yuan};
use crate::money::round_cents;
use crate::policy::Policy;
use crate::record::OfficialAccountYear;
use crate::report::{
    CheckStatus, Finding, FindingCode, OfficialAccountReport, OfficialFigures, OfficialYearCheck,
    RateStatus, RecomputedFigures,
};
use rust_decimal::Decimal;

/// Lines agreeing within one cent agree.
const TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// How to place a year's credited total over its months.
struct Weighting {
    /// Interest for the placement used as "expected".
    credits: MonthCredits,
    /// Another possible placement (months at the end of the year instead of the start).
    alternative: Option<MonthCredits>,
    /// Chinese description.
    text: String,
}

fn weighting(y: &OfficialAccountYear, monthly: Option<&MonthCredits>) -> Weighting {
    if let Some(m) = monthly {
        let sum: Decimal = m.values().sum();
        if (sum - y.credited).abs() <= TOLERANCE {
            return Weighting {
                credits: m.clone(),
                alternative: None,
                text: "按文件中该年逐月的养老个人缴费加权".into(),
            };
        }
    }
    let even = |months: std::ops::RangeInclusive<u32>| {
        let n = Decimal::from(months.clone().count() as u32);
        // `extend`, not `collect`: collecting a map sorts first, one more copy of std's sort.
        let mut credits = MonthCredits::new();
        credits.extend(months.map(|m| (m, y.credited / n)));
        credits
    };
    match y.months_credited {
        Some(n @ 1..=11) => Weighting {
            credits: even(1..=n),
            alternative: Some(even(13 - n..=12)),
            text: format!("记录单注明记账 {n} 个月，具体月份未知：按每月相同金额，在 1–{n} 月与 {}–12 月之间都算作一致", 13 - n),
        },
        Some(12) => Weighting { credits: even(1..=12), alternative: None, text: "全年 12 个月每月相同金额".into() },
        _ => Weighting {
            credits: even(1..=12),
            alternative: None,
            text: "记录单未注明记账月数：按全年 12 个月每月相同金额计算".into(),
        },
    }
}

fn check_year(
    policy: &Policy,
    y: &OfficialAccountYear,
    previous: Option<&OfficialAccountYear>,
    monthly: Option<&MonthCredits>,
) -> OfficialYearCheck {
    let (rate_status, fig) = year_rate(&policy.national, y.year);
    let w = weighting(y, monthly);
    let recomputed = match fig {
        Some(f) => {
            let i1 = round_cents(y.opening * f.value);
            let i2 = round_cents(interest_on_credits(&w.credits, f.value));
            RecomputedFigures {
                interest_on_opening: Some(i1),
                interest_on_credits: Some(i2),
                closing: Some(y.opening + y.credited + i1 + i2),
            }
        }
        None => RecomputedFigures {
            interest_on_opening: None,
            interest_on_credits: None,
            closing: None,
        },
    };
    let diff = |official: Decimal, ours: Option<Decimal>| ours.map(|o| official - o);
    let difference = RecomputedFigures {
        interest_on_opening: diff(y.interest_on_opening, recomputed.interest_on_opening),
        interest_on_credits: diff(y.interest_on_credits, recomputed.interest_on_credits),
        closing: diff(y.closing, recomputed.closing),
    };
    let close = |d: Option<Decimal>| d.is_some_and(|d| d.abs() <= TOLERANCE);
    // With unknown months the credits line may sit anywhere between the two placements.
    let in_range = match (fig, &w.alternative) {
        (Some(f), Some(alt)) => {
            let hi = round_cents(interest_on_credits(&w.credits, f.value));
            let lo = round_cents(interest_on_credits(alt, f.value));
            y.interest_on_credits >= lo - TOLERANCE && y.interest_on_credits <= hi + TOLERANCE
        }
        _ => false,
    };
    let lines_ok = close(difference.interest_on_opening) && close(difference.interest_on_credits);
    let closing_consistent = y.opening + y.credited + y.interest_on_opening + y.interest_on_credits;
    let arithmetic_difference = closing_consistent - y.closing;
    let arithmetic_ok = arithmetic_difference.abs() <= TOLERANCE;
    let status = match (rate_status, fig) {
        (_, None) => CheckStatus::CannotCheck,
        (RateStatus::Unconfirmed, Some(_)) if arithmetic_ok && (lines_ok || in_range) => {
            CheckStatus::AgreesWithUnconfirmedRate
        }
        (RateStatus::Unconfirmed, Some(_)) => CheckStatus::CannotCheck,
        _ if !arithmetic_ok => CheckStatus::Differs,
        _ if lines_ok => CheckStatus::Agrees,
        _ if close(difference.interest_on_opening) && in_range => CheckStatus::WithinRange,
        _ => CheckStatus::Differs,
    };
    let implied_rate =
        (!y.opening.is_zero()).then(|| super::text::round_dp(y.interest_on_opening / y.opening, 4));
    let continues_previous = previous
        .filter(|p| p.year + 1 == y.year)
        .map(|p| (p.closing - y.opening).abs() <= TOLERANCE);
    let message = message(
        y,
        status,
        fig.map(|f| f.value),
        &difference,
        arithmetic_difference,
        implied_rate,
    );
    OfficialYearCheck {
        year: y.year,
        row: y.row,
        rate_status,
        rate: fig.map(rate_used),
        implied_rate,
        official: OfficialFigures {
            opening: y.opening,
            credited: y.credited,
            interest_on_opening: y.interest_on_opening,
            interest_on_credits: y.interest_on_credits,
            closing: y.closing,
        },
        recomputed,
        difference,
        arithmetic_difference,
        continues_previous,
        weighting: w.text,
        status,
        message,
    }
}

fn message(
    y: &OfficialAccountYear,
    status: CheckStatus,
    rate: Option<Decimal>,
    d: &RecomputedFigures,
    arithmetic: Decimal,
    implied: Option<Decimal>,
) -> String {
    let year = y.year;
    let r = rate.map(percent).unwrap_or_default();
    let implied_zh = implied
        .map(|v| format!("按记录单上的利息反推，记账利率约为 {}。", percent(v)))
        .unwrap_or_default();
    match status {
        CheckStatus::Agrees => format!("{year} 年：按记账利率 {r} 重算，两项利息和年末余额 {} 与记录单一致。", yuan(y.closing)),
        CheckStatus::WithinRange => format!("{year} 年：按记账利率 {r} 重算，上年余额利息一致；当年记账金额的利息取决于具体记账月份，记录单数字在可能范围内。"),
        CheckStatus::AgreesWithUnconfirmedRate => format!("{year} 年的记账利率尚未正式确认；按第三方公布的 {r} 重算与记录单一致。"),
        CheckStatus::CannotCheck => format!("{year} 年的记账利率尚未公布或未确认，无法核对利息。{implied_zh}"),
        CheckStatus::Differs => {
            let mut parts = Vec::new();
            if !arithmetic.abs().is_zero() && arithmetic.abs() > TOLERANCE {
                parts.push(format!("记录单自身加总与年末余额相差 {}", yuan(arithmetic.abs())));
            }
            for (label, v) in [("上年末储存额的利息", d.interest_on_opening), ("当年记账金额的利息", d.interest_on_credits), ("年末余额", d.closing)] {
                if let Some(v) = v.filter(|v| v.abs() > TOLERANCE) {
                    let dir = if v > Decimal::ZERO { "多" } else { "少" };
                    parts.push(format!("{label}比重算结果{dir} {}", yuan(v.abs())));
                }
            }
            format!("{year} 年：按记账利率 {r} 重算，{}。可带记录单到社保经办机构询问。{implied_zh}", parts.join("；"))
        }
    }
}

/// Check every official year; also returns findings for years that differ.
pub fn reconcile(
    policy: &Policy,
    years: &[OfficialAccountYear],
    monthly_credits: &YearCredits,
) -> Option<(OfficialAccountReport, Vec<Finding>)> {
    if years.is_empty() {
        return None;
    }
    let mut sorted: Vec<&OfficialAccountYear> = years.iter().collect();
    crate::order::sort_by_key(&mut sorted, |y| y.year);
    let mut checks = Vec::new();
    let mut findings = Vec::new();
    for (i, y) in sorted.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| sorted[j]);
        let c = check_year(policy, y, prev, monthly_credits.get(&y.year));
        let finding = |code, message: String| {
            Finding::new(code, message)
                .insurance(crate::record::Insurance::Pension)
                .row(y.row)
        };
        if c.arithmetic_difference.abs() > TOLERANCE {
            findings.push(finding(
                FindingCode::OfficialAccountArithmetic,
                format!(
                    "{} 年权益记录单：上年末余额、当年记账金额和两项利息相加，与年末余额相差 {}。",
                    y.year,
                    yuan(c.arithmetic_difference.abs())
                ),
            ));
        } else if c.status == CheckStatus::Differs {
            findings.push(finding(
                FindingCode::OfficialAccountMismatch,
                c.message.clone(),
            ));
        }
        if c.continues_previous == Some(false) {
            findings.push(finding(
                FindingCode::OfficialAccountDiscontinuity,
                format!(
                    "{} 年记录单的上年末余额与 {} 年的年末余额不一致。",
                    y.year,
                    y.year - 1
                ),
            ));
        }
        checks.push(c);
    }
    let checkable: Vec<&OfficialYearCheck> = checks
        .iter()
        .filter(|c| c.status != CheckStatus::CannotCheck)
        .collect();
    let differing: Vec<String> = checks
        .iter()
        .filter(|c| c.status == CheckStatus::Differs)
        .map(|c| c.year.to_string())
        .collect();
    let all_agree = differing.is_empty()
        && !checkable.is_empty()
        && checks.iter().all(|c| c.continues_previous != Some(false));
    let summary = if checkable.is_empty() {
        "权益记录单上的年份都还没有正式公布的记账利率，无法核对利息。".to_string()
    } else if differing.is_empty() {
        format!(
            "权益记录单的个人账户数字已按官方方法重算：{} 个年份全部一致。",
            checkable.len()
        )
    } else {
        format!(
            "权益记录单的个人账户数字已按官方方法重算：{} 年与重算结果不一致，详见下表。",
            differing.join("、")
        )
    };
    Some((
        OfficialAccountReport {
            years: checks,
            all_agree,
            summary,
        },
        findings,
    ))
}
