//! The contribution base per month as the analysis judged it (`PersonReport::base_history`),
//! against the province's published floor and ceiling for each year (dashed; left out for years
//! whose figures are not known), and the same by year as a table with the analysis's verdict.
//! Nothing here judges a base. Coordinates are whole yuan and tenths of a drawing unit in
//! integers: drawing needs no cents, and rust_decimal's operators would be compiled again
//! into this crate (about 2 KB gzip of the calculator page).

use super::html::{escape, money};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shebao_calc::money::format_cents;
use shebao_calc::month::Month;
use shebao_calc::report::{BaseHistory, BaseStatus, BaseYear, PersonReport};
use std::fmt::Write;

// Drawn narrow (200 units, text 15 units: site CSS) so that at the narrowest layout, a 390 px
// phone at 200 % zoom in 长辈模式 (about 168 px for the chart), the text is still ≥ 12 px.
const W: i64 = 200;
const H: i64 = 140;
const LEFT: i64 = 50;
const RIGHT: i64 = 6;
const TOP: i64 = 10;
const BOTTOM: i64 = 24;
/// Room a year label takes on the x axis ("2024" at 15 units, and a gap).
const YEAR_LABEL: i64 = 40;

/// The picture and its table.
pub fn render(h: &mut String, p: &PersonReport, idx: usize) {
    let Some(history) = &p.base_history else {
        return;
    };
    let BaseHistory {
        insurance: ins,
        months,
        years: year_rows,
    } = history;
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return;
    };
    let (first, last) = (first.month, last.month);
    let limits = |year: u32| -> (Option<i64>, Option<i64>) {
        year_rows
            .iter()
            .find(|y| y.year == year)
            .map_or((None, None), |y| (y.floor.map(whole), y.ceiling.map(whole)))
    };
    let max_base = months.iter().map(|m| whole(m.base)).max().unwrap_or(1);
    let min_base = months.iter().map(|m| whole(m.base)).min().unwrap_or(0);
    let years: Vec<u32> = (first.year()..=last.year()).collect();
    let floors: Vec<i64> = years.iter().filter_map(|y| limits(*y).0).collect();
    let max_ceiling = years.iter().filter_map(|y| limits(*y).1).max();
    // The axis spans the base and the floor with some room; the ceiling (about five times the
    // floor) would flatten the line, so it is drawn only when the base comes near it.
    let draw_ceiling = max_ceiling.is_some_and(|c| max_base * 2 >= c);
    let mut hi = floors.iter().copied().fold(max_base, i64::max);
    if let (true, Some(c)) = (draw_ceiling, max_ceiling) {
        hi = hi.max(c);
    }
    let lo = floors.iter().copied().fold(min_base, i64::min);
    let pad = ((hi - lo) / 5).max(hi / 10);
    let (ymin, ymax) = (hundreds((lo - pad).max(0)), hundreds(hi + pad));
    let ymax = if ymax <= ymin { ymin + 100 } else { ymax };
    let span = i64::from(first.span_to(last).max(2) - 1);
    // Both in tenths of a drawing unit.
    let x = |m: Month| -> i64 {
        LEFT * 10 + div_round((m.index() - first.index()) * (W - LEFT - RIGHT) * 10, span)
    };
    let y =
        |v: i64| -> i64 { TOP * 10 + div_round((ymax - v) * (H - TOP - BOTTOM) * 10, ymax - ymin) };

    // The limits' key only when a limit is drawn (none without a city, or before they are known).
    let limit_key = match (floors.is_empty(), draw_ceiling) {
        (true, false) => "",
        (false, false) => "<li><span class=\"key k-limit\"></span>当年公布的下限（虚线）</li>",
        (_, true) => "<li><span class=\"key k-limit\"></span>当年公布的下限和上限（虚线）</li>",
    };
    let _ = write!(
        h,
        "<h4>{}缴费基数和上下限</h4><ul class=\"legend\"><li><span class=\"key k-base\"></span>您的缴费基数</li>{limit_key}</ul>\
         <svg class=\"base-chart\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-labelledby=\"bc-{idx}\">\
         <title id=\"bc-{idx}\">每月缴费基数和当年上下限（同样的内容见下方表格）</title>",
        ins.name_zh(),
    );
    for v in [ymin, hundreds((ymin + ymax) / 2), ymax] {
        let _ = write!(
            h,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{yy}\" y2=\"{yy}\"/><text class=\"axis\" x=\"0\" y=\"{}\">{}</text>",
            W - RIGHT,
            tenths(y(v) + 50),
            money(&v.to_string()),
            yy = tenths(y(v))
        );
    }
    // Year labels left to right, each where its year starts, leaving out those that would
    // touch the one before or run off the chart (the table below lists every year).
    let mut last_label: Option<i64> = None;
    for year in &years {
        let (from, to) = (
            Month::new(*year, 1).unwrap_or(first).max(first),
            Month::new(*year, 12).unwrap_or(last).min(last),
        );
        let at = x(from);
        let clear = last_label.is_none_or(|l| at - l >= YEAR_LABEL * 10);
        if clear && at + (YEAR_LABEL - 6) * 10 <= W * 10 {
            let _ = write!(
                h,
                "<text class=\"axis\" x=\"{}\" y=\"{}\">{year}</text>",
                tenths(at),
                H - 6
            );
            last_label = Some(at);
        }
        let (floor, ceiling) = limits(*year);
        let lines = [floor, if draw_ceiling { ceiling } else { None }];
        for v in lines.into_iter().flatten() {
            let _ = write!(
                h,
                "<line class=\"limit-line\" x1=\"{}\" x2=\"{}\" y1=\"{yy}\" y2=\"{yy}\"/>",
                tenths(x(from)),
                tenths(x(to).max(x(from) + 40)),
                yy = tenths(y(v))
            );
        }
    }
    let points: Vec<String> = months
        .iter()
        .map(|m| format!("{},{}", tenths(x(m.month)), tenths(y(whole(m.base)))))
        .collect();
    if points.len() == 1 {
        let _ = write!(
            h,
            "<circle class=\"base-dot\" cx=\"{}\" cy=\"{}\" r=\"4\"/>",
            tenths(x(first)),
            tenths(y(max_base))
        );
    }
    let _ = write!(
        h,
        "<polyline class=\"base-line\" points=\"{}\"/></svg>",
        points.join(" ")
    );
    table(h, year_rows);
}

/// Whole yuan. Bases and limits are far inside `i64` (the reader refuses a monthly amount
/// above a few hundred thousand yuan), so none is lost.
fn whole(v: Decimal) -> i64 {
    v.round().to_i64().unwrap_or(0)
}

/// `n / d` rounded half up, for `d > 0`.
fn div_round(n: i64, d: i64) -> i64 {
    (2 * n + d).div_euclid(2 * d)
}

/// Round to a multiple of 100 (axis labels people can read).
fn hundreds(v: i64) -> i64 {
    div_round(v, 100) * 100
}

/// Tenths of a unit as SVG writes them: `123.4`, `120`.
fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let (whole, tenth) = (t.abs() / 10, t.abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

fn table(h: &mut String, years: &[BaseYear]) {
    h.push_str(
        "<details><summary>用表格查看基数</summary><div class=\"table-scroll\"><table><thead><tr><th scope=\"col\">年份</th>\
         <th scope=\"col\" class=\"num\">您的基数</th><th scope=\"col\" class=\"num\">下限</th><th scope=\"col\" class=\"num\">上限</th>\
         <th scope=\"col\">结论</th></tr></thead><tbody>",
    );
    for y in years {
        let range = if y.lowest == y.highest {
            money(&format_cents(y.lowest))
        } else {
            format!(
                "{}–{}",
                money(&format_cents(y.lowest)),
                money(&format_cents(y.highest))
            )
        };
        let verdict = match y.status {
            BaseStatus::BelowFloor => "<span class=\"bad\">低于下限</span>",
            BaseStatus::AboveCeiling => "<span class=\"bad\">高于上限</span>",
            BaseStatus::Within => "<span class=\"ok\">在范围内</span>",
            BaseStatus::LimitsUnknown => "当年上下限未公布",
            BaseStatus::NotChecked => "未核对",
        };
        let show = |v: Option<Decimal>| {
            v.map(|v| money(&format_cents(v)))
                .unwrap_or_else(|| "—".into())
        };
        let _ = write!(
            h,
            "<tr data-base-year=\"{}\"><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            y.year,
            y.year,
            escape(&range),
            show(y.floor),
            show(y.ceiling),
            verdict
        );
    }
    h.push_str("</tbody></table></div></details>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_drawing_helpers_round_half_up() {
        assert_eq!(tenths(1234), "123.4");
        assert_eq!(tenths(1200), "120");
        assert_eq!(tenths(-15), "-1.5");
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -2);
        assert_eq!(hundreds(4650), 4700);
        assert_eq!(hundreds(4649), 4600);
        assert_eq!(whole(Decimal::new(480051, 2)), 4801);
    }
}
