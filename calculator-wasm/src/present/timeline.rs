//! The month-by-month timeline: one row per insurance, years as columns of 12 month cells,
//! paid / gap / arrears / settled; long histories wrap into bands of four years (readable on a phone). Followed by
//! the same facts as a table (in a `<details>`), for screen readers and for reading exactly.

use super::html::escape;
use shebao_calc::month::Month;
use shebao_calc::report::{MonthState, PersonReport};
use std::fmt::Write;

const LABEL: u32 = 64;
const CELL: u32 = 6;
const STEP: u32 = 7;
const YEAR: u32 = 12 * STEP + 6;
const ROW: u32 = 16;
/// Three years a band: at a 390 px phone the 12 px labels stay at least 12 px on screen.
const YEARS_PER_BAND: u32 = 3;

/// The class that draws a month's state (the analysis decided the state).
fn class(state: MonthState) -> &'static str {
    match state {
        MonthState::None => "tl-none",
        MonthState::Paid => "tl-paid",
        MonthState::Gap => "tl-gap",
        MonthState::Arrears => "tl-arrears",
        MonthState::Settled => "tl-settled",
        MonthState::Unreadable => "tl-unread",
        MonthState::Refunded => "tl-refunded",
    }
}

fn bounds(p: &PersonReport) -> Option<(u32, u32)> {
    let months = p.insurances.iter().flat_map(|i| {
        [i.first_month, i.last_month]
            .into_iter()
            .flatten()
            .chain(i.coverage.iter().flat_map(|c| [c.from, c.to]))
    });
    let (lo, hi) = months.fold((None::<Month>, None::<Month>), |(lo, hi), m| {
        (
            Some(lo.map_or(m, |l| l.min(m))),
            Some(hi.map_or(m, |h| h.max(m))),
        )
    });
    Some((lo?.year(), hi?.year()))
}

/// The picture and its table.
pub fn render(h: &mut String, p: &PersonReport, person: usize) {
    let Some((first_year, last_year)) = bounds(p) else {
        return;
    };
    let rows = p.insurances.len() as u32;
    h.push_str("<h4>缴费时间线</h4>");
    h.push_str(
        "<ul class=\"legend\"><li><span class=\"key k-paid\"></span>已缴</li><li><span class=\"key k-gap\"></span>断缴（没有记录）</li>\
         <li><span class=\"key k-arrears\"></span>欠费</li><li><span class=\"key k-settled\"></span>欠费后已补缴</li>\
         <li><span class=\"key k-unread\"></span>读不出来（不算断缴）</li><li><span class=\"key k-refunded\"></span>已退费</li>\
         <li><span class=\"key k-none\"></span>文件里没有这段时间</li></ul>",
    );
    let mut year = first_year;
    let mut band = 0;
    while year <= last_year {
        let years = (last_year - year + 1).min(YEARS_PER_BAND);
        let width = LABEL + years * YEAR;
        let height = ROW + rows * ROW + 4;
        let _ = write!(
            h,
            "<svg class=\"timeline\" viewBox=\"0 0 {width} {height}\" width=\"{}\" role=\"img\" aria-labelledby=\"tl-{person}-{band}\">\
             <title id=\"tl-{person}-{band}\">{}年至{}年的逐月缴费情况（同样的内容见下方表格）</title>",
            width * 2,
            year,
            year + years - 1
        );
        for y in 0..years {
            let x = LABEL + y * YEAR;
            let _ = write!(
                h,
                "<text class=\"axis\" x=\"{x}\" y=\"11\">{}</text>",
                year + y
            );
        }
        for (r, ins) in p.insurances.iter().enumerate() {
            let top = ROW + r as u32 * ROW;
            let short: String = ins.name.chars().take(4).collect();
            let _ = write!(
                h,
                "<text class=\"axis\" x=\"0\" y=\"{}\">{}</text>",
                top + 11,
                escape(&short)
            );
            for y in 0..years {
                for m in 1..=12 {
                    let Some(month) = Month::new(year + y, m) else {
                        continue;
                    };
                    let c = ins.month_state(month);
                    let x = LABEL + y * YEAR + (m - 1) * STEP;
                    // No per-cell <title>: the table below says the same, and 25 people × 40
                    // years stay light enough to render at once.
                    let _ = write!(
                        h,
                        "<rect class=\"{}\" x=\"{x}\" y=\"{}\" width=\"{CELL}\" height=\"{}\"/>",
                        class(c),
                        top + 2,
                        ROW - 5
                    );
                    // A gap is crossed out, so it differs from "no record" without colour.
                    if c == MonthState::Gap {
                        let _ = write!(
                            h,
                            "<path class=\"tl-x\" d=\"M{x} {}l{CELL} {}\"/>",
                            top + 2,
                            ROW - 5
                        );
                    }
                }
            }
        }
        h.push_str("</svg>");
        year += years;
        band += 1;
    }
    table(h, p, first_year, last_year);
}

fn table(h: &mut String, p: &PersonReport, first_year: u32, last_year: u32) {
    h.push_str(
        "<details><summary>用表格查看时间线</summary><div class=\"table-scroll\"><table><thead><tr>\
         <th scope=\"col\">年份</th><th scope=\"col\">险种</th><th scope=\"col\" class=\"num\">已缴月数</th>\
         <th scope=\"col\">断缴月份</th><th scope=\"col\">欠费月份</th></tr></thead><tbody>",
    );
    for year in first_year..=last_year {
        for ins in &p.insurances {
            let months: Vec<(u32, MonthState)> = (1..=12)
                .filter_map(|m| Month::new(year, m).map(|mm| (m, ins.month_state(mm))))
                .collect();
            if months.iter().all(|(_, c)| *c == MonthState::None) {
                continue;
            }
            let list = |want: &[MonthState]| {
                let v: Vec<String> = months
                    .iter()
                    .filter(|(_, c)| want.contains(c))
                    .map(|(m, _)| format!("{m}月"))
                    .collect();
                if v.is_empty() {
                    "—".to_string()
                } else {
                    v.join("、")
                }
            };
            let paid = months
                .iter()
                .filter(|(_, c)| matches!(c, MonthState::Paid | MonthState::Settled))
                .count();
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{year}</th><td>{}</td><td class=\"num\">{paid}</td><td>{}</td><td>{}</td></tr>",
                escape(&ins.name),
                list(&[MonthState::Gap]),
                list(&[MonthState::Arrears])
            );
        }
    }
    h.push_str("</tbody></table></div></details>");
}
