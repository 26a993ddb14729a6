//! The report page: where the file came from, the list of people (several in one file), and
//! each person's section in the order a worried reader asks: the verdict first, then per
//! insurance, the pictures, what was found, the pension account, retirement.

use super::html::{escape, month};
use super::{account, base_chart, findings, insurances, retirement, timeline};
use shebao_calc::month::Month;
use shebao_calc::report::{PersonReport, Report, SourceReport};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The whole report.
pub fn report(r: &Report, file_name: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<h2 data-report data-people=\"{}\">检查结果</h2>",
        r.people.len()
    );
    source(&mut h, r, file_name);
    if r.people.len() > 1 {
        h.push_str("<nav aria-label=\"选择要查看的人\"><h3>这个文件里有 ");
        let _ = write!(
            h,
            "{} 个人，请选择要查看的人：</h3><ul class=\"people\">",
            r.people.len()
        );
        for (i, p) in r.people.iter().enumerate() {
            let _ = write!(
                h,
                "<li><a href=\"#person-{i}\" data-person-link=\"{i}\" aria-current=\"{}\">{}</a></li>",
                i == 0,
                escape(&who(p, i, false))
            );
        }
        h.push_str("</ul></nav>");
    }
    // Only the first person is rendered now: a 25-person batch would otherwise cost half a
    // second of DOM work for sections nobody has opened. The page asks for the others
    // ([`person_section`]) when one is picked, or all of them before printing.
    for i in 0..r.people.len() {
        if i == 0 {
            h.push_str(&person_section(r, 0).unwrap_or_default());
        } else {
            let _ = write!(
                h,
                "<section class=\"person\" id=\"person-{i}\" data-person=\"{i}\" hidden></section>"
            );
        }
    }
    h
}

/// The inner HTML of person `i`'s section (`None` if there is no such person).
pub fn person_body(r: &Report, i: usize) -> Option<String> {
    let p = r.people.get(i)?;
    let mut h = String::new();
    person(&mut h, r, p, i);
    Some(h)
}

fn person_section(r: &Report, i: usize) -> Option<String> {
    let body = person_body(r, i)?;
    Some(format!("<section class=\"person\" id=\"person-{i}\" data-person=\"{i}\" data-loaded>{body}</section>"))
}

fn who(p: &PersonReport, i: usize, alone: bool) -> String {
    match (&p.name, &p.id_masked) {
        (Some(n), Some(id)) => format!("{n}（{id}）"),
        (Some(n), None) => n.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) if alone => "您的缴费记录".to_string(),
        (None, None) => format!("第 {} 个人", i + 1),
    }
}

fn source(h: &mut String, r: &Report, file_name: &str) {
    let s = &r.source;
    let pages = match s.pages {
        Some(1) => "（PDF，1 页）".to_string(),
        Some(n) => format!("（PDF，第 1–{n} 页）"),
        None => String::new(),
    };
    let _ = write!(
        h,
        "<p class=\"note\" data-layout=\"{}\" data-rows-read=\"{}\">文件：{}{pages}",
        escape(&serde_name(&s.layout)),
        s.rows_read,
        escape(file_name),
    );
    match s.line_counts() {
        None => {
            let _ = write!(h, "，按{}读取", escape(&s.layout_name));
        }
        Some((read, not_data)) => {
            let _ = write!(h, "，共 {read} 行缴费记录");
            if not_data > 0 {
                let _ = write!(h, "（另有 {not_data} 行是标题、空行或合计，不是缴费记录）");
            }
        }
    }
    h.push('。');
    if let Some(p) = &s.declared_period {
        let _ = write!(h, "文件注明的期间：{}至{}。", month(p.from), month(p.to));
    }
    match &r.place {
        Some(p) => {
            let _ = write!(
                h,
                "缴费基数上下限按{}（{}）的公布数据核对。",
                escape(&p.city_name),
                escape(&p.province_name)
            );
        }
        None => {
            h.push_str("没有选择城市，缴费基数上下限没有核对（在城市的计算器页面上检查可以核对）。")
        }
    }
    h.push_str("</p>");
    // What the figures leave out of the file: pages it says it has, other sheets.
    for (note, attr) in [
        (s.rows_left_out_zh(), "data-rows-left-out"),
        (s.sheets_not_read_zh(), "data-sheets-not-read"),
    ] {
        if let Some(note) = note {
            let _ = write!(
                h,
                "<div class=\"alert\" {attr}><p>{}</p></div>",
                escape(&note)
            );
        }
    }
    let unreadable = &s.unreadable_rows;
    if !unreadable.is_empty() {
        let _ = write!(
            h,
            "<div class=\"alert\" data-unreadable-rows=\"{}\"><p><strong>有 {} 行的内容读不出来</strong>，读不出来的部分没有算进结果，请对照原文件看一看：</p><ul>",
            unreadable.len(),
            unreadable.len()
        );
        for k in unreadable.iter().take(20) {
            let _ = write!(
                h,
                "<li>{}：{}</li>",
                k.place_zh(),
                escape(&k.reasons_text())
            );
        }
        if unreadable.len() > 20 {
            let _ = write!(h, "<li>……另有 {} 行</li>", unreadable.len() - 20);
        }
        h.push_str("</ul></div>");
    }
}

fn person(h: &mut String, r: &Report, p: &PersonReport, i: usize) {
    let _ = write!(h, "<h3>{}</h3>", escape(&who(p, i, r.people.len() == 1)));
    // The verdict first: a reassuring account check must not come before months missing.
    verdict(h, &r.source, p);
    if let Some(o) = &p.official_account {
        account::official(h, o);
    }
    insurances::table(h, &r.source, p);
    insurances::gaps_and_arrears(h, &r.source, p);
    timeline::render(h, p, i);
    base_chart::render(h, p, i);
    findings::render(h, &r.source, p);
    if let Some(a) = &p.pension_account {
        account::computed(h, a);
    }
    if let Some(ret) = &p.retirement {
        retirement::render(h, ret);
    }
    if !p.cannot_check.is_empty() {
        h.push_str("<h4>这个文件查不了的内容</h4><ul>");
        for c in &p.cannot_check {
            let _ = write!(h, "<li>{}</li>", escape(c));
        }
        h.push_str("</ul>");
    }
}

/// One box at the top: the good news, or what needs attention. Months are counted once
/// even when several insurances miss the same month.
fn verdict(h: &mut String, source: &SourceReport, p: &PersonReport) {
    let gaps = p.gap_months();
    let open = p.open_arrears_months();
    let interrupted = p.interrupted_months();
    let unplaced = p.unplaced_missing_months();
    let problems = p.rule_breaches();
    let duplicates = p.duplicate_findings();
    if gaps.is_empty()
        && open.is_empty()
        && interrupted.is_empty()
        && unplaced.is_empty()
        && problems == 0
        && duplicates == 0
        && p.unread_rows.is_empty()
    {
        h.push_str("<p class=\"good\" data-verdict=\"ok\"><strong>没有发现断缴、欠费或金额不符。</strong>下面是各险种的明细。</p>");
        return;
    }
    h.push_str("<div class=\"alert\" data-verdict=\"attention\"><p><strong>有需要留意的地方：</strong></p><ul>");
    if !gaps.is_empty() {
        let _ = write!(
            h,
            "<li><strong>断缴</strong>：{} 个月没有缴费记录（{}）。</li>",
            gaps.len(),
            list(&gaps)
        );
    }
    if !open.is_empty() {
        let _ = write!(
            h,
            "<li><strong>欠费</strong>：{} 个月显示欠缴、还没补上（{}）。</li>",
            open.len(),
            list(&open)
        );
    }
    if !unplaced.is_empty() {
        let each: Vec<String> = unplaced
            .iter()
            .map(|(name, n)| format!("{} {n} 个月", escape(name)))
            .collect();
        let _ = write!(
            h,
            "<li><strong>缺缴</strong>：证明写着{}没缴，但没写是哪几个月；可以向社保经办机构要逐月明细。</li>",
            each.join("、")
        );
    }
    if !interrupted.is_empty() {
        let _ = write!(
            h,
            "<li><strong>参保中断</strong>：{} 个月文件写着中断、没有缴费（{}）。</li>",
            interrupted.len(),
            list(&interrupted)
        );
    }
    if !p.unread_rows.is_empty() {
        let _ = write!(
            h,
            "<li><strong>读不出来的行</strong>：文件{}有读不出来的内容，下面的月数和合计不含这些内容；它们可能属于的月份标为“读不出来”，不算断缴。</li>",
            source.rows_at_zh(&p.unread_rows)
        );
    }
    if problems > 0 {
        let _ = write!(
            h,
            "<li><strong>金额或基数</strong>：{problems} 处和规定对不上，见下面“发现的问题”。</li>"
        );
    }
    if duplicates > 0 {
        let _ = write!(
            h,
            "<li><strong>重复的记录</strong>：{duplicates} 处同一个月列了不止一行，见下面“发现的问题”。</li>"
        );
    }
    // Gaps, arrears and interruptions get their advice once, in their own box below; anything
    // else is first checked against the file itself.
    if gaps.is_empty() && open.is_empty() && interrupted.is_empty() {
        h.push_str("</ul><p>怎么办：先对照原文件看一看上面列出的地方；还有疑问，问单位人事、到社保经办大厅或打 12333。<a href=\"#calc-help\">找谁办理</a></p></div>");
    } else {
        h.push_str("</ul><p>怎么办：见下面的“断缴和欠费”。</p></div>");
    }
}

/// Up to six months by name, then "等".
fn list(set: &BTreeSet<Month>) -> String {
    let shown: Vec<String> = set.iter().take(6).map(|m| month(*m)).collect();
    let more = if set.len() > 6 { "等" } else { "" };
    format!("{}{more}", shown.join("、"))
}

/// The serde (snake_case) name of an enum value: the stable key used in `data-*` attributes.
/// Through the JSON string serialiser the report already uses (`"\"gap\""` → `gap`):
/// `serde_json::to_value` would bring `Value` and its B-tree map into the wasm module.
pub(super) fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .ok()
        .and_then(|s| Some(s.strip_prefix('"')?.strip_suffix('"')?.to_string()))
        .unwrap_or_default()
}
