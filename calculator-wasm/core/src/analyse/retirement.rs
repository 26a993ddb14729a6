//! Retirement under the 2025 reform: the statutory month, the months divisor (interpolated by
//! months), the minimum years, and an estimate of the basic pension with its assumptions.

use super::text::{round_dp, yuan};
use crate::money::round_cents;
use crate::month::Month;
use crate::policy::lookup::Place;
use crate::policy::{NationalPolicy, RetirementRule, Track};
use crate::record::Insurance;
use crate::report::{PensionEstimate, RetirementReport};
use rust_decimal::Decimal;

/// Months of delay for a birth month: 0 before the first affected month, then
/// min(floor(d / step) + 1, max) with d = months since the first affected birth month.
pub fn delay_months(rule: &RetirementRule, birth: Month) -> u32 {
    let d = birth.index() - rule.first_affected_birth.index();
    if d < 0 {
        return 0;
    }
    let step = i64::from(rule.step_months.max(1));
    let delay = d / step + 1;
    delay.min(i64::from(rule.max_delay_months)) as u32
}

/// Statutory retirement age (years, months) and month.
pub fn retirement(rule: &RetirementRule, birth: Month) -> Option<(u32, u32, Month)> {
    let total = rule.base_age * 12 + delay_months(rule, birth);
    let month = birth.offset(i64::from(total))?;
    Some((total / 12, total % 12, month))
}

/// Months divisor for an age: M(a, m) = round1(M[a] − (M[a] − M[a+1]) × m/12).
pub fn months_divisor(national: &NationalPolicy, years: u32, months: u32) -> Option<Decimal> {
    let here = national.divisor(years)?.months.value;
    if months == 0 {
        return Some(round_dp(here, 1));
    }
    let next = national.divisor(years + 1)?.months.value;
    Some(round_dp(
        here - (here - next) * Decimal::from(months) / Decimal::from(12u32),
        1,
    ))
}

/// Inputs of the estimate that come from the person's records.
pub struct OwnFigures<'a> {
    /// Pension months paid.
    pub months: u32,
    /// `months` is a 权益记录单's 累计缴费月数 (years before the file included), not only the
    /// months the file lists.
    pub months_on_record: bool,
    /// 视同缴费 months included in `months`.
    pub deemed_months: u32,
    /// Effective pension base per month.
    pub bases: &'a super::bases::Bases,
    /// Account balance and where it comes from (Chinese).
    pub balance: Option<(Decimal, String)>,
}

/// Everything about retirement for one person.
pub fn report(
    national: &NationalPolicy,
    place: Place<'_>,
    birth: Month,
    track: Track,
    today: Option<Month>,
    own: &OwnFigures<'_>,
) -> Option<RetirementReport> {
    let rule = national.retirement_rule(track)?;
    let (age_years, age_months, month) = retirement(rule, birth)?;
    let divisor = months_divisor(national, age_years, age_months);
    let minimum = national.minimum_years(month.year()).map(|m| m.years.value);
    let meets = minimum.map(|y| Decimal::from(own.months) >= y * Decimal::from(12u32));
    let (estimate, no_estimate_reason) = match estimate(place, month, divisor, own) {
        Ok(e) => (Some(e), None),
        Err(why) => (None, Some(why)),
    };
    Some(RetirementReport {
        birth,
        track,
        base_age: rule.base_age,
        delay_months: delay_months(rule, birth),
        age_years,
        age_months,
        retirement_month: month,
        months_divisor: divisor,
        minimum_years: minimum.map(|m| m.normalize()),
        contribution_months: own.months,
        months_on_record: own.months_on_record,
        deemed_months: own.deemed_months,
        meets_minimum: meets,
        months_until: today.map(|t| month.index() - t.index()),
        estimate,
        no_estimate_reason,
    })
}

fn estimate(
    place: Place<'_>,
    retire: Month,
    divisor: Option<Decimal>,
    own: &OwnFigures<'_>,
) -> Result<PensionEstimate, String> {
    let province = place
        .province
        .ok_or("没有指定城市，不知道用哪个省的计发基数，所以没有估算养老金。")?;
    let (w_year, w) = province
        .latest_computation_base(retire.year())
        .ok_or_else(|| {
            format!(
                "{}的计发基数没有查到可靠来源，所以没有估算养老金。",
                province.name
            )
        })?;
    let divisor = divisor.ok_or("退休年龄超出计发月数表，无法估算。")?;
    if own.months == 0 {
        return Err("文件里没有养老保险缴费月份，无法估算。".into());
    }
    let mut assumptions = Vec::new();
    // The figure's document is named; its confidence only as a plain caveat when it is weak.
    let caveat = if w.confidence.is_confirmed() {
        ""
    } else {
        "；这个数字没有找到官方原文，仅供参考"
    };
    if w_year != retire.year() {
        assumptions.push(format!(
            "{} 年的计发基数还没有公布，用已知最近的 {w_year} 年 {}（{}{caveat}）；实际会随工资增长而变。",
            retire.year(),
            yuan(w.value),
            w.source,
        ));
    } else {
        assumptions.push(format!(
            "计发基数用 {w_year} 年 {}（{}{caveat}）。",
            yuan(w.value),
            w.source,
        ));
    }
    // Average index over months whose year's average wage is known.
    let mut sum = Decimal::ZERO;
    let mut n = 0u32;
    for ((ins, m), base) in own.bases {
        if *ins != Insurance::Pension {
            continue;
        }
        if let Some(wage) = province
            .year(m.year())
            .and_then(|y| y.average_wage.as_ref())
        {
            sum += *base / wage.value;
            n += 1;
        }
    }
    let index = if n == 0 {
        assumptions.push("文件里的年份都没有查到当地平均工资，平均缴费指数按 1.0 计。".into());
        Decimal::ONE
    } else {
        let idx = sum / Decimal::from(n);
        assumptions.push(format!(
            "平均缴费指数 = 各月缴费基数 ÷ 当年平均工资的平均数，只用了查得到平均工资的 {n} 个月。"
        ));
        idx
    };
    let years = Decimal::from(own.months) / Decimal::from(12u32);
    assumptions.push(if own.months_on_record {
        format!(
            "缴费年限按记录单写的累计缴费月数 {} 个月（{} 年）计。",
            own.months,
            round_dp(years, 2)
        )
    } else {
        // The file's 视同缴费 months are in `months`; deemed years the file does not list are not.
        format!(
            "缴费年限只算这个文件里的 {} 个月{}，即 {} 年；文件以外的缴费年限{}没有计入。",
            own.months,
            super::text::deemed_part_zh(own.deemed_months),
            round_dp(years, 2),
            if own.deemed_months > 0 {
                ""
            } else {
                "和视同缴费年限"
            }
        )
    });
    let basic = (w.value + w.value * index) / Decimal::TWO * years / Decimal::ONE_HUNDRED;
    let (balance, balance_note) = own
        .balance
        .clone()
        .unwrap_or((Decimal::ZERO, "没有个人账户数字，按 0 计。".into()));
    assumptions.push(balance_note);
    assumptions.push("个人账户余额没有推算到退休时，之后的缴费和利息没有计入。".into());
    assumptions.push("过渡性养老金（视同缴费年限部分）各省规定不同，没有计算。".into());
    let account = balance / divisor;
    Ok(PensionEstimate {
        computation_base: w.value,
        computation_base_year: w_year,
        average_index: round_dp(index, 4),
        contribution_years: round_dp(years, 2),
        basic_part: round_cents(basic),
        account_balance: balance,
        account_part: round_cents(account),
        total: round_cents(basic) + round_cents(account),
        assumptions,
    })
}
