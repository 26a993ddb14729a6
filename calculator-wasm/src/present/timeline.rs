//! The month-by-month timeline: for each insurance its name, then one block per year (the year,
//! then 12 month cells: paid / gap / arrears / settled …). The blocks wrap to the width of the
//! screen, so the text is page text at the page's size at any width or zoom, and every
//! insurance has the same years, so a month sits in the same place in each. Followed by the
//! same facts as a table (in a `<details>`), for screen readers and for reading exactly.

use super::html::escape;
use shebao_calc::month::Month;
use shebao_calc::report::{InsuranceReport, MonthState, PersonReport};
use std::fmt::Write;

/// A month cell's width and the step to the next one, in the cells' SVG units.
const CELL: u32 = 6;
const STEP: u32 = 7;
/// A month cell's height.
const TALL: u32 = 11;

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
        MonthState::Deemed => "tl-deemed",
        MonthState::PaidNothing => "tl-zero",
        MonthState::PartlyPaid => "tl-partly",
    }
}

fn bounds(p: &PersonReport) -> Option<(u32, u32)> {
    let mut months: Vec<Month> = Vec::new();
    for i in &p.insurances {
        months.extend(i.first_month);
        months.extend(i.last_month);
        for c in &i.coverage {
            months.extend([c.from, c.to]);
        }
        // An unreadable last row's month (and the gap before it) lies past the records.
        for u in &i.unreadable {
            months.extend([u.from, u.to]);
        }
    }
    Some((months.iter().min()?.year(), months.iter().max()?.year()))
}

/// The picture and its table.
pub fn render(h: &mut String, p: &PersonReport, person: usize) {
    let Some((first_year, last_year)) = bounds(p) else {
        return;
    };
    h.push_str("<h4>缴费时间线</h4>");
    h.push_str(
        "<ul class=\"legend\"><li><span class=\"key k-paid\"></span>已缴</li><li><span class=\"key k-gap\"></span>断缴（没有记录）或中断</li>\
         <li><span class=\"key k-arrears\"></span>欠费</li><li><span class=\"key k-settled\"></span>欠费后已补缴</li>\
         <li><span class=\"key k-unread\"></span>读不出来（不算断缴）</li><li><span class=\"key k-refunded\"></span>已退费</li>\
         <li><span class=\"key k-none\"></span>文件里没有这段时间</li>",
    );
    if p.insurances.iter().any(|i| !i.deemed.is_empty()) {
        h.push_str(
            "<li><span class=\"key k-deemed\"></span>视同缴费（没有交钱，退休时算缴费年限）</li>",
        );
    }
    if p.insurances.iter().any(|i| !i.paid_nothing.is_empty()) {
        h.push_str("<li><span class=\"key k-zero\"></span>有记录，金额为 0（不算已缴）</li>");
    }
    if !p.unplaced_missing_months().is_empty() {
        h.push_str(
            "<li><span class=\"key k-partly\"></span>证明只写了缴了几个月，不知道是哪几个月</li>",
        );
    }
    h.push_str("</ul>");
    // One picture for assistive technology (the table below says the same in words).
    let _ = write!(
        h,
        "<div class=\"timeline\" role=\"img\" id=\"tl-{person}\" aria-label=\"{first_year}年至{last_year}年的逐月缴费情况（同样的内容见下方表格）\">"
    );
    for ins in &p.insurances {
        let _ = write!(
            h,
            "<p class=\"tl-name\">{}</p><div class=\"tl-years\">",
            escape(&ins.name)
        );
        for year in first_year..=last_year {
            year_cells(h, ins, year);
        }
        h.push_str("</div>");
    }
    h.push_str("</div>");
    table(h, p, first_year, last_year);
}

/// One year of one insurance: the year, and its 12 months as cells.
fn year_cells(h: &mut String, ins: &InsuranceReport, year: u32) {
    let width = 11 * STEP + CELL;
    // One unit of room around the cells for the outlines' strokes.
    let _ = write!(
        h,
        "<div class=\"tl-year\"><span class=\"tl-y\">{year}</span><svg class=\"tl-cells\" viewBox=\"-1 -1 {} {}\" width=\"{}\" height=\"{}\">",
        width + 2,
        TALL + 2,
        width + 2,
        TALL + 2
    );
    for m in 1..=12 {
        let Some(month) = Month::new(year, m) else {
            continue;
        };
        let c = ins.month_state(month);
        let x = (m - 1) * STEP;
        // No per-cell <title>: the table below says the same, and 25 people × 40 years stay
        // light enough to render at once.
        let _ = write!(
            h,
            "<rect class=\"{}\" x=\"{x}\" y=\"0\" width=\"{CELL}\" height=\"{TALL}\"/>",
            class(c)
        );
        // A gap is crossed out, so it differs from "no record" without colour.
        if c == MonthState::Gap {
            let _ = write!(h, "<path class=\"tl-x\" d=\"M{x} 0l{CELL} {TALL}\"/>");
        }
    }
    h.push_str("</svg></div>");
}

fn table(h: &mut String, p: &PersonReport, first_year: u32, last_year: u32) {
    h.push_str(
        "<details><summary>用表格查看时间线</summary><div class=\"table-scroll\"><table><thead><tr>\
         <th scope=\"col\">年份</th><th scope=\"col\">险种</th><th scope=\"col\" class=\"num\">已缴月数</th>\
         <th scope=\"col\">断缴月份</th><th scope=\"col\">欠费月份</th><th scope=\"col\">其他月份</th></tr></thead><tbody>",
    );
    for year in first_year..=last_year {
        for ins in &p.insurances {
            let months: Vec<(u32, MonthState)> = (1..=12)
                .filter_map(|m| Month::new(year, m).map(|mm| (m, ins.month_state(mm))))
                .collect();
            if months.iter().all(|(_, c)| *c == MonthState::None) {
                continue;
            }
            let names = |want: MonthState| {
                let v: Vec<String> = months
                    .iter()
                    .filter(|(_, c)| *c == want)
                    .map(|(m, _)| format!("{m}月"))
                    .collect();
                if v.len() == 12 {
                    "全年".to_string()
                } else {
                    v.join("、")
                }
            };
            let list = |want: MonthState| {
                let v = names(want);
                if v.is_empty() {
                    "—".to_string()
                } else {
                    v
                }
            };
            // The states the picture draws besides paid, gaps and arrears, in the legend's words.
            let other: Vec<String> = [
                (MonthState::Settled, "欠费后已补缴"),
                (MonthState::Unreadable, "读不出来（不算断缴）"),
                (MonthState::Refunded, "已退费"),
                (MonthState::Deemed, "视同缴费"),
                (MonthState::PaidNothing, "金额为 0"),
            ]
            .into_iter()
            .filter_map(|(state, label)| {
                let v = names(state);
                (!v.is_empty()).then(|| format!("{label}：{v}"))
            })
            .collect();
            // A year in a span that gives only a count of months paid has no count of its own.
            let paid = if months.iter().any(|(_, c)| *c == MonthState::PartlyPaid) {
                "不详".to_string()
            } else {
                months
                    .iter()
                    .filter(|(_, c)| matches!(c, MonthState::Paid | MonthState::Settled))
                    .count()
                    .to_string()
            };
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{year}</th><td>{}</td><td class=\"num\">{paid}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&ins.name),
                list(MonthState::Gap),
                list(MonthState::Arrears),
                if other.is_empty() {
                    "—".to_string()
                } else {
                    other.join("；")
                }
            );
        }
    }
    h.push_str("</tbody></table></div></details>");
}
