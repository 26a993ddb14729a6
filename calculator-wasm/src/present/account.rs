//! The pension personal account: computed from the records year by year, and — the strongest
//! check a person can get — the official 权益记录单 figures reproduced line by line.

use super::html::{escape, yuan};
use super::person::serde_name;
use rust_decimal::Decimal;
use shebao_calc::money::format_cents;
use shebao_calc::report::{CheckStatus, OfficialAccountReport, PensionAccount, RateStatus};
use std::fmt::Write;

fn cents(d: Decimal) -> String {
    format_cents(d)
}

fn opt(d: Option<Decimal>) -> String {
    yuan(d.map(cents).as_deref())
}

/// The account computed from the records.
pub fn computed(h: &mut String, a: &PensionAccount) {
    let _ = write!(
        h,
        "<h4>养老保险个人账户（按文件推算）</h4><div class=\"figures\" data-account-balance=\"{}\" data-contribution-months=\"{}\">\
         <div class=\"figure\">账户余额约<b>{}</b></div><div class=\"figure\">文件里的缴费<b>{}年{}个月</b></div></div>",
        cents(a.balance),
        a.contribution_months,
        yuan(Some(&cents(a.balance))),
        a.contribution_years,
        a.contribution_extra_months
    );
    if let Some(why) = &a.below_zero {
        let _ = write!(h, "<p class=\"note\" data-below-zero>{}</p>", escape(why));
    }
    if !a.complete {
        h.push_str("<p class=\"warn\">有的年份记账利率还没有正式公布，这些年份没有计利息，实际余额会略高一些。</p>");
    }
    h.push_str(
        "<div class=\"table-scroll\"><table class=\"account stack\"><thead><tr><th scope=\"col\">年份</th><th scope=\"col\" class=\"num\">年初余额</th>\
         <th scope=\"col\" class=\"num\">当年记入</th><th scope=\"col\" class=\"num\">月数</th><th scope=\"col\">记账利率</th>\
         <th scope=\"col\" class=\"num\">当年利息</th><th scope=\"col\" class=\"num\">年末余额</th></tr></thead><tbody>",
    );
    for y in &a.years {
        let interest = match y.interest() {
            Some(i) => yuan(Some(&cents(i))),
            None => "未计".into(),
        };
        let rate = match (y.rate_status, &y.rate) {
            (RateStatus::Published, Some(r)) => escape(&r.percent),
            (RateStatus::Unconfirmed, _) | (RateStatus::NotPublished, _) => "尚未正式公布".into(),
            (RateStatus::BeforeNational, _) => "2016年前由各省确定（未收录）".into(),
            _ => "—".into(),
        };
        let _ = write!(
            h,
            "<tr data-account-year=\"{}\" data-closing=\"{}\"><th scope=\"row\">{}年</th><td class=\"num\" data-label=\"年初余额\">{}</td><td class=\"num\" data-label=\"当年记入\">{}</td>\
             <td class=\"num\" data-label=\"记入月数\">{}</td><td data-label=\"记账利率\">{}</td><td class=\"num\" data-label=\"当年利息\">{}</td><td class=\"num\" data-label=\"年末余额\">{}</td></tr>",
            y.year,
            cents(y.closing),
            y.year,
            opt(Some(y.opening)),
            opt(Some(y.credits)),
            y.months_credited,
            rate,
            interest,
            opt(Some(y.closing))
        );
    }
    h.push_str("</tbody></table></div>");
    if !a.assumptions.is_empty() {
        h.push_str("<details><summary>这个推算的前提</summary><ul>");
        for s in &a.assumptions {
            let _ = write!(h, "<li>{}</li>", escape(s));
        }
        h.push_str("</ul></details>");
    }
}

/// The official figures reproduced: shown first in a person's section when the file has them.
pub fn official(h: &mut String, o: &OfficialAccountReport) {
    let class = if o.all_agree { "good" } else { "alert" };
    let _ = write!(
        h,
        "<div class=\"{class}\" data-official-agree=\"{}\"><h4>权益记录单核对</h4><p><strong>{}</strong></p>",
        o.all_agree,
        escape(&o.summary)
    );
    h.push_str(
        "<div class=\"table-scroll\"><table class=\"official stack\"><thead><tr><th scope=\"col\">项目</th>\
         <th scope=\"col\" class=\"num\">记录单上</th><th scope=\"col\" class=\"num\">按公布利率重算</th><th scope=\"col\" class=\"num\">差额</th></tr></thead>",
    );
    // One group per year, its heading a row of its own, so that on a phone (one card per row)
    // every line keeps its year and its labelled figures.
    for y in &o.years {
        let _ = write!(
            h,
            "<tbody><tr class=\"official-year\"><th scope=\"rowgroup\" colspan=\"4\" data-official-year=\"{}\" data-status=\"{}\">{} 年：{}</th></tr>",
            y.year,
            serde_name(&y.status),
            y.year,
            status_zh(y.status)
        );
        let lines = [
            (
                "上年末储存额的当年利息",
                y.official.interest_on_opening,
                y.recomputed.interest_on_opening,
                y.difference.interest_on_opening,
            ),
            (
                "当年记账金额的利息",
                y.official.interest_on_credits,
                y.recomputed.interest_on_credits,
                y.difference.interest_on_credits,
            ),
            (
                "本年末累计储存额",
                y.official.closing,
                y.recomputed.closing,
                y.difference.closing,
            ),
        ];
        for (label, official, ours, diff) in lines {
            let diff_cell = match diff {
                Some(d) if d.is_zero() => "<span class=\"ok\">一致</span>".to_string(),
                Some(d) => format!("<span class=\"bad\">{}</span>", yuan(Some(&cents(d)))),
                None => "—".into(),
            };
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{label}</th><td class=\"num\" data-label=\"记录单上\">{}</td>\
                 <td class=\"num\" data-label=\"按公布利率重算\">{}</td><td class=\"num\" data-label=\"差额\">{diff_cell}</td></tr>",
                opt(Some(official)),
                opt(ours)
            );
        }
        h.push_str("</tbody>");
    }
    h.push_str("</table></div>");
    // Each message names its year.
    for y in o.years.iter().filter(|y| !y.message.is_empty()) {
        let _ = write!(h, "<p class=\"note\">{}</p>", escape(&y.message));
    }
    h.push_str("</div>");
}

fn status_zh(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Agrees => "一致",
        CheckStatus::WithinRange => "在合理范围内一致",
        CheckStatus::AgreesWithUnconfirmedRate => "按未确认的利率一致",
        CheckStatus::Differs => "有差额",
        CheckStatus::CannotCheck => "无法核对",
    }
}
