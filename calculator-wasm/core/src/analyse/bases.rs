//! Contribution bases: below the floor / above the ceiling of the year, limits unknown,
//! different bases across insurances in one month, and duplicate records for one month.

use super::group;
use super::insurance::{is_paid, pays_month, pays_nothing};
use super::runs::runs;
use super::text::{period_zh, rows_at_zh, yuan};
use crate::month::Month;
use crate::policy::lookup::Place;
use crate::policy::Figure;
use crate::record::{Insurance, PayStatus, PaymentKind, Record};
use crate::report::{BaseHistory, BaseStatus, BaseYear, Finding, FindingCode, MonthBase, Quantity};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Effective bases, one per (insurance, month).
pub type Bases = BTreeMap<(Insurance, Month), Decimal>;

/// The base a month was finally assessed on: the regular record's base (a paid one when the
/// month has several) plus every base top-up (调整补收, whose base is the difference).
pub fn effective_bases(records: &[&Record]) -> Bases {
    let mut out = Bases::new();
    for (key, rows) in group::by_month(records) {
        let regular: Vec<&Record> = rows
            .iter()
            .copied()
            .filter(|r| {
                // An interrupted (中断) month's base, often 0, is no contribution's.
                matches!(
                    r.kind,
                    PaymentKind::Normal | PaymentKind::BackPay | PaymentKind::TransferIn
                ) && r.base.is_some()
                    && r.status != PayStatus::Interrupted
            })
            .collect();
        // The first paid regular record, else the first regular one.
        let base = regular
            .iter()
            .find(|r| pays_month(r))
            .or(regular.first())
            .and_then(|r| r.base);
        let top_ups: Vec<Decimal> = rows
            .iter()
            .filter(|r| r.kind == PaymentKind::BaseTopUp)
            .filter_map(|r| r.base)
            .collect();
        if base.is_none() && top_ups.is_empty() {
            continue;
        }
        let value = top_ups
            .iter()
            .fold(base.unwrap_or(Decimal::ZERO), |sum, t| sum + *t);
        out.insert(key, value);
    }
    out
}

/// How one month's base compares with its year's published limits: the one rule behind the
/// findings and the base chart.
fn judge(base: Decimal, floor: Option<&Figure>, ceiling: Option<&Figure>) -> BaseStatus {
    match (floor, ceiling) {
        (Some(f), _) if base < f.value => BaseStatus::BelowFloor,
        (_, Some(c)) if base > c.value => BaseStatus::AboveCeiling,
        (Some(_), Some(_)) => BaseStatus::Within,
        _ => BaseStatus::LimitsUnknown,
    }
}

/// The base each month was judged on, and each year's limits and verdict, for the chart: the
/// pension base when the file has one (the base the limits judge), else the first insurance's
/// (then shown without a verdict).
pub fn history(place: Place<'_>, bases: &Bases) -> Option<BaseHistory> {
    let insurance = Insurance::ALL
        .into_iter()
        .find(|ins| bases.keys().any(|(i, _)| i == ins))?;
    let months: Vec<MonthBase> = bases
        .iter()
        .filter(|((i, _), _)| *i == insurance)
        .map(|((_, month), base)| MonthBase {
            month: *month,
            base: *base,
        })
        .collect();
    let mut years: Vec<BaseYear> = Vec::new();
    for m in &months {
        let year = m.month.year();
        let figures = place.province.and_then(|p| p.year(year));
        let floor = figures.and_then(|y| y.floor.as_ref());
        let ceiling = figures.and_then(|y| y.ceiling.as_ref());
        let status = if insurance == Insurance::Pension && place.province.is_some() {
            judge(m.base, floor, ceiling)
        } else {
            BaseStatus::NotChecked
        };
        match years.last_mut() {
            Some(y) if y.year == year => {
                y.lowest = y.lowest.min(m.base);
                y.highest = y.highest.max(m.base);
                // The worst month of the year decides (below the floor before above the ceiling).
                y.status = y.status.max(status);
            }
            _ => years.push(BaseYear {
                year,
                lowest: m.base,
                highest: m.base,
                floor: floor.map(|f| f.value),
                ceiling: ceiling.map(|f| f.value),
                status,
            }),
        }
    }
    Some(BaseHistory {
        insurance,
        months,
        years,
    })
}

fn cite(f: &Figure) -> String {
    format!("{}，可信度：{}", f.source, f.confidence.label_zh())
}

/// Pension bases against the province's published floor and ceiling of each year.
pub fn limits(place: Place<'_>, bases: &Bases) -> Vec<Finding> {
    let pension: Vec<(Month, Decimal)> = bases
        .iter()
        .filter(|((i, _), _)| *i == Insurance::Pension)
        .map(|((_, m), b)| (*m, *b))
        .collect();
    if pension.is_empty() {
        return Vec::new();
    }
    let Some(province) = place.province else {
        return vec![Finding::new(
            FindingCode::CityNotGiven,
            "没有指定城市，所以没有核对缴费基数的上下限和当地费率（选择城市后可以核对）。".into(),
        )];
    };
    let mut out = Vec::new();
    // (first year, last year, first month, last month) of runs of consecutive years without
    // both limits (a long history would otherwise list thirty years one by one); `pension` is
    // in month order, so the years arrive in order and a Vec needs no map.
    let mut unknown_years: Vec<(u32, u32, Month, Month)> = Vec::new();
    // (code, limit, base) per month, merged into runs.
    let mut hits: Vec<(Month, (FindingCode, Decimal, Decimal))> = Vec::new();
    for (m, base) in &pension {
        let year = province.year(m.year());
        let floor = year.and_then(|y| y.floor.as_ref());
        let ceiling = year.and_then(|y| y.ceiling.as_ref());
        if floor.is_none() || ceiling.is_none() {
            match unknown_years.last_mut() {
                Some((_, y, _, last)) if *y == m.year() || *y + 1 == m.year() => {
                    *y = m.year();
                    *last = *m;
                }
                _ => unknown_years.push((m.year(), m.year(), *m, *m)),
            }
        }
        match (judge(*base, floor, ceiling), floor, ceiling) {
            (BaseStatus::BelowFloor, Some(f), _) => {
                hits.push((*m, (FindingCode::BaseBelowFloor, f.value, *base)));
            }
            (BaseStatus::AboveCeiling, _, Some(c)) => {
                hits.push((*m, (FindingCode::BaseAboveCeiling, c.value, *base)));
            }
            _ => {}
        }
    }
    for (from, to, (code, limit, base)) in runs(hits) {
        let year = province.year(from.year());
        let fig = year.and_then(|y| {
            if code == FindingCode::BaseBelowFloor {
                y.floor.as_ref()
            } else {
                y.ceiling.as_ref()
            }
        });
        let (word, advice) = if code == FindingCode::BaseBelowFloor {
            ("低于", "当年通知常在年中公布并追溯到 1 月，之后会有补差记录；若一直没有，请问单位或社保经办机构。")
        } else {
            ("高于", "超出上限的部分一般不计缴费，请核对。")
        };
        let message = format!(
            "{} 养老保险缴费基数 {} {}{}{}年{}{}（{}）。{advice}",
            period_zh(from, to),
            yuan(base),
            word,
            province.name,
            from.year(),
            if code == FindingCode::BaseBelowFloor {
                "下限 "
            } else {
                "上限 "
            },
            yuan(limit),
            fig.map(cite).unwrap_or_default(),
        );
        out.push(
            Finding::new(code, message)
                .insurance(Insurance::Pension)
                .months(from, to)
                .compare(Quantity::Money(limit), Quantity::Money(base)),
        );
    }
    for (first, last, from, to) in unknown_years {
        let message = if first == last {
            format!(
                "{}{first}年的缴费基数上下限没有查到可靠来源，这一年的基数没有核对。",
                province.name
            )
        } else {
            format!(
                "{}{first}—{last}年的缴费基数上下限没有查到可靠来源，这些年的基数没有核对。",
                province.name
            )
        };
        out.push(
            Finding::new(FindingCode::BaseLimitsUnknown, message)
                .insurance(Insurance::Pension)
                .months(from, to),
        );
    }
    out
}

/// Months whose insurances were assessed on different bases.
pub fn differing(bases: &Bases) -> Vec<Finding> {
    let mut by_month: BTreeMap<Month, Vec<(Insurance, Decimal)>> = BTreeMap::new();
    for ((ins, month), base) in bases {
        by_month.entry(*month).or_default().push((*ins, *base));
    }
    let items: Vec<(Month, Vec<(Insurance, Decimal)>)> = by_month
        .into_iter()
        .filter(|(_, v)| v.iter().any(|(_, b)| *b != v[0].1))
        .collect();
    runs(items)
        .into_iter()
        .map(|(from, to, v)| {
            let list: Vec<String> =
                v.iter().map(|(i, b)| format!("{} {}", i.name_zh(), yuan(*b))).collect();
            let message = format!(
                "{} 各险种的缴费基数不同（{}）。有的地方医疗等险种基数本来就不同，如不确定请问单位。",
                period_zh(from, to),
                list.join("，")
            );
            Finding::new(FindingCode::BaseDiffersBetweenInsurances, message).months(from, to)
        })
        .collect()
}

/// More than one regular paid record for one month and insurance (top-ups are not duplicates;
/// a refund cancels one); rows named with their pages in a PDF (`row_pages`).
pub fn duplicates(records: &[&Record], row_pages: &[(usize, u32)]) -> Vec<Finding> {
    let mut count = Vec::new();
    for (key, rows) in group::by_month(records) {
        let mut e: (i64, Vec<usize>) = (0, Vec::new());
        for r in rows {
            match r.kind {
                // A row that pays nothing (a back-payment of interest only) is not a second
                // payment of the month.
                PaymentKind::Normal | PaymentKind::BackPay if is_paid(r) && !pays_nothing(r) => {
                    e.0 += 1;
                    e.1.push(r.row);
                }
                PaymentKind::Refund => e.0 -= 1,
                _ => {}
            }
        }
        count.push((key, e));
    }
    count
        .into_iter()
        .filter(|(_, (n, _))| *n > 1)
        .map(|((ins, m), (n, rows))| {
            let message = format!(
                "{m} {}有 {n} 条已缴费的正常记录，在文件{}：可能重复记账，也可能同月在两处缴费，请核对。",
                ins.name_zh(),
                rows_at_zh(&rows, row_pages)
            );
            Finding::new(FindingCode::DuplicateMonth, message)
                .insurance(ins)
                .month(m)
                .compare(Quantity::Count(1), Quantity::Count(u32::try_from(n).unwrap_or(u32::MAX)))
        })
        .collect()
}

#[cfg(test)]
#[path = "bases_tests.rs"]
mod tests;
