//! The contribution base per month as a line, against the province's published floor and
//! ceiling for each year (dashed; left out for years whose figures are not known), and the
//! same by year as a table. Coordinates are computed in `Decimal` like everything else.

use super::html::{escape, money};
use rust_decimal::Decimal;
use shebao_calc::money::format_cents;
use shebao_calc::month::Month;
use shebao_calc::policy::{Policy, ProvincePolicy};
use shebao_calc::record::{Insurance, PaymentKind, Person};
use shebao_calc::report::Report;
use std::fmt::Write;

const W: i64 = 400;
const H: i64 = 190;
const LEFT: i64 = 52;
const RIGHT: i64 = 12;
const TOP: i64 = 12;
const BOTTOM: i64 = 26;

/// Base per month, in month order, each month once: a sorted `Vec` rather than a map, so no
/// B-tree code for this key type lands in the wasm module.
pub type MonthlyBases = Vec<(Month, Decimal)>;

/// The base of each month: the pension base if the file has one, else the first insurance's.
/// Top-up and refund rows carry differences, not bases, so they are left out. A month with
/// several rows shows the largest base (of equal ones, the earlier row's figure).
pub fn monthly_bases(person: &Person) -> (Option<Insurance>, MonthlyBases) {
    for ins in Insurance::ALL {
        let mut list: MonthlyBases = person
            .records
            .iter()
            .filter(|r| r.insurance == ins)
            .filter(|r| {
                !matches!(
                    r.kind,
                    PaymentKind::BaseTopUp | PaymentKind::RateTopUp | PaymentKind::Refund
                )
            })
            .filter_map(|r| r.base.filter(|b| *b > Decimal::ZERO).map(|b| (r.month, b)))
            .collect();
        shebao_calc::order::sort_by_key(&mut list, |(m, _)| *m);
        list.dedup_by(|later, kept| {
            if later.0 != kept.0 {
                return false;
            }
            kept.1 = kept.1.max(later.1);
            true
        });
        if !list.is_empty() {
            return (Some(ins), list);
        }
    }
    (None, Vec::new())
}

/// The picture and its table.
pub fn render(h: &mut String, report: &Report, person: &Person, policy: &Policy, idx: usize) {
    let (ins, bases) = monthly_bases(person);
    let (Some(ins), Some(&(first, _)), Some(&(last, _))) = (ins, bases.first(), bases.last())
    else {
        return;
    };
    let province = report
        .place
        .as_ref()
        .and_then(|p| policy.place(&p.city))
        .and_then(|p| p.province);
    let limits = |year: u32| -> (Option<Decimal>, Option<Decimal>) {
        let y = province.and_then(|p: &ProvincePolicy| p.year(year));
        (
            y.and_then(|y| y.floor.as_ref()).map(|f| f.value),
            y.and_then(|y| y.ceiling.as_ref()).map(|f| f.value),
        )
    };
    let max_base = bases.iter().map(|(_, b)| *b).max().unwrap_or(Decimal::ONE);
    let min_base = bases.iter().map(|(_, b)| *b).min().unwrap_or(Decimal::ZERO);
    let years: Vec<u32> = (first.year()..=last.year()).collect();
    let floors: Vec<Decimal> = years.iter().filter_map(|y| limits(*y).0).collect();
    let max_ceiling = years.iter().filter_map(|y| limits(*y).1).max();
    // The axis spans the base and the floor with some room; the ceiling (about five times the
    // floor) would flatten the line, so it is drawn only when the base comes near it.
    let draw_ceiling = max_ceiling.is_some_and(|c| max_base * Decimal::TWO >= c);
    let mut hi = floors.iter().copied().fold(max_base, Decimal::max);
    if let (true, Some(c)) = (draw_ceiling, max_ceiling) {
        hi = hi.max(c);
    }
    let lo = floors.iter().copied().fold(min_base, Decimal::min);
    let pad = ((hi - lo) / Decimal::from(5)).max(hi / Decimal::from(10));
    let (ymin, ymax) = (hundreds((lo - pad).max(Decimal::ZERO)), hundreds(hi + pad));
    let ymax = if ymax <= ymin {
        ymin + Decimal::from(100)
    } else {
        ymax
    };
    let span = Decimal::from(first.span_to(last).max(2) - 1);
    let x = |m: Month| -> Decimal {
        Decimal::from(LEFT)
            + Decimal::from(m.index() - first.index()) * Decimal::from(W - LEFT - RIGHT) / span
    };
    let y = |v: Decimal| -> Decimal {
        Decimal::from(TOP) + (ymax - v) / (ymax - ymin) * Decimal::from(H - TOP - BOTTOM)
    };
    let p1 = |d: Decimal| d.round_dp(1).normalize().to_string();

    let _ = write!(
        h,
        "<h4>{}缴费基数和上下限</h4><ul class=\"legend\"><li><span class=\"key k-base\"></span>您的缴费基数</li>\
         <li><span class=\"key k-limit\"></span>当年公布的下限{}</li></ul>\
         <svg class=\"base-chart\" viewBox=\"0 0 {W} {H}\" width=\"{}\" role=\"img\" aria-labelledby=\"bc-{idx}\">\
         <title id=\"bc-{idx}\">每月缴费基数和当年上下限（同样的内容见下方表格）</title>",
        ins.name_zh(),
        if draw_ceiling { "和上限（虚线）" } else { "（虚线）" },
        W * 3 / 2
    );
    for v in [ymin, hundreds((ymin + ymax) / Decimal::TWO), ymax] {
        let _ = write!(
            h,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy}\" y2=\"{yy}\"/><text class=\"axis\" x=\"0\" y=\"{}\">{}</text>",
            W - RIGHT,
            p1(y(v) + Decimal::from(4)),
            money(&v.to_string()),
            yy = p1(y(v))
        );
    }
    for year in &years {
        let (from, to) = (
            Month::new(*year, 1).unwrap_or(first).max(first),
            Month::new(*year, 12).unwrap_or(last).min(last),
        );
        let _ = write!(
            h,
            "<text class=\"axis\" x=\"{}\" y=\"{}\">{year}</text>",
            p1(x(from)),
            H - 8
        );
        let (floor, ceiling) = limits(*year);
        let lines = [floor, if draw_ceiling { ceiling } else { None }];
        for v in lines.into_iter().flatten() {
            let _ = write!(
                h,
                "<line class=\"limit-line\" x1=\"{}\" x2=\"{}\" y1=\"{yy}\" y2=\"{yy}\"/>",
                p1(x(from)),
                p1(x(to).max(x(from) + Decimal::from(4))),
                yy = p1(y(v))
            );
        }
    }
    let points: Vec<String> = bases
        .iter()
        .map(|(m, b)| format!("{},{}", p1(x(*m)), p1(y(*b))))
        .collect();
    if points.len() == 1 {
        let _ = write!(
            h,
            "<circle class=\"base-dot\" cx=\"{}\" cy=\"{}\" r=\"4\"/>",
            p1(x(first)),
            p1(y(max_base))
        );
    }
    let _ = write!(
        h,
        "<polyline class=\"base-line\" points=\"{}\"/></svg>",
        points.join(" ")
    );
    table(h, &bases, &years, &limits);
}

/// Round to a multiple of 100 (axis labels people can read).
fn hundreds(v: Decimal) -> Decimal {
    (v / Decimal::ONE_HUNDRED).round() * Decimal::ONE_HUNDRED
}

type Limits<'a> = dyn Fn(u32) -> (Option<Decimal>, Option<Decimal>) + 'a;

fn table(h: &mut String, bases: &MonthlyBases, years: &[u32], limits: &Limits<'_>) {
    h.push_str(
        "<details><summary>用表格查看基数</summary><div class=\"table-scroll\"><table><thead><tr><th scope=\"col\">年份</th>\
         <th scope=\"col\" class=\"num\">您的基数</th><th scope=\"col\" class=\"num\">下限</th><th scope=\"col\" class=\"num\">上限</th>\
         <th scope=\"col\">结论</th></tr></thead><tbody>",
    );
    for year in years {
        let in_year: Vec<Decimal> = bases
            .iter()
            .filter(|(m, _)| m.year() == *year)
            .map(|(_, b)| *b)
            .collect();
        let (Some(lo), Some(hi)) = (in_year.iter().min(), in_year.iter().max()) else {
            continue;
        };
        let range = if lo == hi {
            money(&format_cents(*lo))
        } else {
            format!(
                "{}–{}",
                money(&format_cents(*lo)),
                money(&format_cents(*hi))
            )
        };
        let (floor, ceiling) = limits(*year);
        let verdict = match (floor, ceiling) {
            (Some(f), _) if *lo < f => "<span class=\"bad\">低于下限</span>",
            (_, Some(c)) if *hi > c => "<span class=\"bad\">高于上限</span>",
            (Some(_), Some(_)) => "<span class=\"ok\">在范围内</span>",
            _ => "当年上下限未公布或未收录",
        };
        let show = |v: Option<Decimal>| {
            v.map(|v| money(&format_cents(v)))
                .unwrap_or_else(|| "—".into())
        };
        let _ = write!(
            h,
            "<tr data-base-year=\"{year}\"><th scope=\"row\">{year}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&range),
            show(floor),
            show(ceiling),
            verdict
        );
    }
    h.push_str("</tbody></table></div></details>");
}

#[cfg(test)]
#[path = "base_chart_tests.rs"]
mod tests;
