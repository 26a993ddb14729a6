//! Per insurance: months paid, first and last month, totals; and the gaps and arrears in red
//! with what to do about them.

use super::html::{escape, month, span, yuan};
use super::person::serde_name;
use shebao_calc::month::Month;
use shebao_calc::report::{InsuranceReport, PersonReport, SourceReport};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The table of insurances. Each row carries the report's figures as `data-*` attributes,
/// exactly as in the JSON (the browser tests compare them with the native engine).
pub fn table(h: &mut String, source: &SourceReport, p: &PersonReport) {
    if p.insurances.is_empty() {
        h.push_str("<p>这个人没有逐月缴费记录。</p>");
        return;
    }
    h.push_str(
        "<h4>各险种缴费情况</h4><div class=\"table-scroll\"><table class=\"insurances stack\"><thead><tr>\
         <th scope=\"col\">险种</th><th scope=\"col\" class=\"num\">已缴月数</th><th scope=\"col\">有记录的期间</th>\
         <th scope=\"col\" class=\"num\">个人缴费合计</th><th scope=\"col\" class=\"num\">单位缴费合计</th>\
         <th scope=\"col\">断缴 / 欠费</th></tr></thead><tbody>",
    );
    for i in &p.insurances {
        let gap_months = i.gap_months();
        let open = i.open_arrears_months();
        let personal = i.personal_total.map(shebao_calc::money::format_cents);
        let employer = i.employer_total.map(shebao_calc::money::format_cents);
        let _ = write!(
            h,
            "<tr data-insurance=\"{}\" data-months-paid=\"{}\" data-first-month=\"{}\" data-last-month=\"{}\" \
             data-personal-total=\"{}\" data-employer-total=\"{}\" data-gap-months=\"{gap_months}\" data-arrears-months=\"{open}\">",
            serde_name(&i.kind),
            i.months_paid,
            i.first_month.map(|m| m.to_string()).unwrap_or_default(),
            i.last_month.map(|m| m.to_string()).unwrap_or_default(),
            personal.as_deref().unwrap_or(""),
            employer.as_deref().unwrap_or(""),
        );
        let mut period = match (i.first_month, i.last_month) {
            (Some(a), Some(b)) if a == b => month(a),
            (Some(a), Some(b)) => format!("{}至{}", month(a), month(b)),
            _ => "—".into(),
        };
        let deemed = i.deemed_months();
        if deemed > 0 {
            let _ = write!(period, "（其中视同缴费 {deemed} 个月，不算已缴）");
        }
        let zero = i.paid_nothing_months();
        if zero > 0 {
            let _ = write!(period, "（其中 {zero} 个月金额为 0，不算已缴）");
        }
        // Refunds are taken off the total; said beside it, as the refunded payment may be one
        // the file does not list.
        let mut personal_cell = yuan(personal.as_deref());
        if let Some(r) = i.personal_refunded {
            let _ = write!(
                personal_cell,
                "（已减去退费 {}）",
                yuan(Some(&shebao_calc::money::format_cents(r)))
            );
        }
        if !i.totals_with_duplicates.is_empty() && personal.is_some() {
            let _ = write!(personal_cell, "（{}）", escape(&i.duplicates_note_zh()));
        }
        if i.has_paid_short() && personal.is_some() {
            let _ = write!(personal_cell, "（{}）", escape(&i.paid_short_note_zh()));
        }
        if !i.coverage.is_empty() && personal.is_some() {
            let _ = write!(personal_cell, "（{}）", escape(&i.coverage_note_zh()));
        }
        let unread = i.unreadable_months();
        let mut troubles = Vec::new();
        if gap_months > 0 {
            troubles.push(format!("<span class=\"bad\">断缴 {gap_months} 个月</span>"));
        }
        if open > 0 {
            troubles.push(format!("<span class=\"bad\">欠费 {open} 个月</span>"));
        }
        let interrupted = i.interrupted_months();
        if interrupted > 0 {
            troubles.push(format!(
                "<span class=\"bad\">中断 {interrupted} 个月</span>"
            ));
        }
        let unplaced = i.unplaced_missing_months();
        if unplaced > 0 {
            troubles.push(format!(
                "<span class=\"bad\">缺 {unplaced} 个月（证明没写是哪几个月）</span>"
            ));
        }
        if unread > 0 {
            troubles.push(format!(
                "<span class=\"unread\">无法读取 {unread} 个月</span>"
            ));
        }
        // One element, so that on a phone (each cell a labelled line) the troubles stay
        // together on the right of their label.
        let trouble = if troubles.is_empty() {
            "<span class=\"ok\">无</span>".to_string()
        } else {
            format!("<span>{}</span>", troubles.join("，"))
        };
        let _ = write!(
            h,
            "<th scope=\"row\">{}</th><td class=\"num\" data-label=\"已缴月数\">{}</td><td data-label=\"有记录的期间\">{}</td>\
             <td class=\"num\" data-label=\"个人缴费合计\">{}</td><td class=\"num\" data-label=\"单位缴费合计\">{}</td><td data-label=\"断缴 / 欠费\">{}</td></tr>",
            escape(&i.name),
            i.months_paid,
            period,
            personal_cell,
            yuan(employer.as_deref()),
            trouble
        );
    }
    h.push_str("</tbody></table></div>");
    if !p.unread_rows.is_empty() {
        let _ = write!(
            h,
            "<p class=\"note\" data-unread-rows=\"{}\">已缴月数和合计不含文件{}里读不出来的内容。</p>",
            p.unread_rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(" "),
            source.rows_at_zh(&p.unread_rows)
        );
    }
    for i in &p.insurances {
        if let Some(s) = &i.unrecorded_start {
            let _ = write!(
                h,
                "<p class=\"note\">{}：{}在证明所列期间开头没有记录，可能那时还没有参保，也可能没有缴费，请向单位或社保经办机构核实。</p>",
                span(s.from, s.to, s.months),
                escape(&i.name)
            );
        }
    }
    if p.insurances.iter().any(|i| i.not_booked_yet.is_some()) {
        h.push_str("<p class=\"note\">最近一个月还没有入账：社保数据通常晚 1–3 天到几个月才显示，这不算断缴。</p>");
    }
}

/// What kind of trouble a run of months is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Trouble {
    Gap,
    Unreadable,
    Arrears,
    Interrupted,
    Settled,
}

/// Gaps and arrears, one line per run of months (the insurances that share it named
/// together: an employer who skipped a month usually skipped every insurance), and what to do.
pub fn gaps_and_arrears(h: &mut String, source: &SourceReport, p: &PersonReport) {
    // (month from, to, trouble) → (months, settled-in, insurance keys, names), in month order.
    type Key = (Month, Month, Trouble);
    type Run = (u32, Option<Month>, Vec<String>, Vec<String>);
    // Within a key the insurances keep their order, and the first one's months and settled-in
    // month stand for the run.
    let mut runs: BTreeMap<Key, Run> = BTreeMap::new();
    // The rows behind each unreadable run of months.
    // The rows each unreadable run may be in, over every insurance the line names.
    let mut unread_rows: Vec<((Month, Month), Vec<usize>)> = Vec::new();
    let mut add = |key: Key, months: u32, settled_in: Option<Month>, i: &InsuranceReport| {
        let run = runs
            .entry(key)
            .or_insert_with(|| (months, settled_in, Vec::new(), Vec::new()));
        run.2.push(serde_name(&i.kind));
        run.3.push(escape(&i.name));
    };
    for i in &p.insurances {
        for g in &i.gaps {
            add((g.from, g.to, Trouble::Gap), g.months, None, i);
        }
        for a in &i.arrears {
            let t = if a.settled {
                Trouble::Settled
            } else {
                Trouble::Arrears
            };
            add((a.from, a.to, t), a.months, a.settled_in, i);
        }
        for s in &i.interrupted {
            add((s.from, s.to, Trouble::Interrupted), s.months, None, i);
        }
        for u in &i.unreadable {
            add((u.from, u.to, Trouble::Unreadable), u.months, None, i);
            let at = match unread_rows.iter().position(|(k, _)| *k == (u.from, u.to)) {
                Some(at) => at,
                None => {
                    unread_rows.push(((u.from, u.to), Vec::new()));
                    unread_rows.len() - 1
                }
            };
            // In row order, each row once.
            for &r in &u.rows {
                let rows = &mut unread_rows[at].1;
                if let Err(k) = rows.binary_search(&r) {
                    rows.insert(k, r);
                }
            }
        }
    }
    let (mut lines, mut settled, mut unreadable) = (Vec::new(), Vec::new(), Vec::new());
    for ((from, to, trouble), (months, settled_in, keys, names)) in runs {
        let when = span(from, to, months);
        let who = names.join("、");
        let attrs = format!(
            "data-from=\"{from}\" data-to=\"{to}\" data-insurances=\"{}\"",
            keys.join(" ")
        );
        match trouble {
            Trouble::Gap => lines.push(format!("<li data-gap {attrs}><strong>{when}</strong>：{who}没有缴费记录（断缴）。</li>")),
            Trouble::Arrears => lines.push(format!("<li data-arrears {attrs}><strong>{when}</strong>：{who}显示<strong>欠费</strong>，还没有补缴。</li>")),
            Trouble::Interrupted => lines.push(format!("<li data-interrupted {attrs}><strong>{when}</strong>：{who}参保中断。</li>")),
            Trouble::Unreadable => {
                let rows = unread_rows
                    .iter()
                    .find(|(k, _)| *k == (from, to))
                    .map(|(_, r)| source.rows_at_zh(r))
                    .unwrap_or_default();
                unreadable.push(format!("<li data-unreadable {attrs}><strong>{when}</strong>：{who}这段时间的记录可能在文件{rows}，但读不出来。这不算断缴，请打开原文件看一看这几行。</li>"));
            }
            Trouble::Settled => {
                let paid = settled_in.map(|m| format!("，于{}补缴到账", month(m))).unwrap_or_default();
                settled.push(format!("<li {attrs}><strong>{when}</strong>：{who}曾经欠费，后来已补缴{paid}，现在不欠了。</li>"));
            }
        }
    }
    if !lines.is_empty() {
        h.push_str("<div class=\"alert\"><h4>断缴和欠费</h4><ul>");
        h.push_str(&lines.concat());
        h.push_str(
            "</ul><p><strong>怎么办：</strong>① 先问单位的人事或财务，请单位核实、补报并补缴；\
             ② 单位解决不了、单位已注销，或您是灵活就业，带身份证到社保经办大厅，或打 12333 咨询能否补缴。\
             <a href=\"#calc-help\">本地办理渠道</a></p></div>",
        );
    }
    if !unreadable.is_empty() {
        h.push_str("<h4>读不出来的月份</h4><ul>");
        h.push_str(&unreadable.concat());
        h.push_str("</ul>");
    }
    if !settled.is_empty() {
        h.push_str("<h4>已补缴的欠费</h4><ul>");
        h.push_str(&settled.concat());
        h.push_str("</ul>");
    }
}
