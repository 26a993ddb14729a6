//! Retirement under the 2025 reform and the basic pension estimate, every assumption listed.

use super::html::{escape, month, years_months, yuan};
use shebao_calc::money::format_cents;
use shebao_calc::report::RetirementReport;
use std::fmt::Write;

/// The retirement part (only when birth month and track were given).
pub fn render(h: &mut String, r: &RetirementReport) {
    let _ = write!(
        h,
        "<h4>退休估算</h4><div class=\"figures\" data-retirement-month=\"{}\"><div class=\"figure\">法定退休年龄<b>{}岁{}</b></div>\
         <div class=\"figure\">可以退休的时间<b>{}</b></div>",
        r.retirement_month,
        r.age_years,
        if r.age_months > 0 { format!("{}个月", r.age_months) } else { String::new() },
        month(r.retirement_month)
    );
    match r.months_until {
        Some(n) if n <= 0 => {
            h.push_str("<div class=\"figure\" data-reached>现在<b>已到法定退休年龄</b></div>")
        }
        Some(n) => {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let _ = write!(
                h,
                "<div class=\"figure\">离退休还有<b>{}</b></div>",
                years_months(n)
            );
        }
        None => {}
    }
    h.push_str("</div>");
    if r.delay_months == 0 {
        let _ = write!(
            h,
            "<p>{}，退休年龄 {} 岁，不受 2025 年起延迟退休的影响。",
            r.track.name_zh(),
            r.base_age
        );
    } else {
        let _ = write!(
            h,
            "<p>{}，原退休年龄 {} 岁，按 2025 年起的渐进式延迟退休规定延后 {} 个月。",
            r.track.name_zh(),
            r.base_age,
            r.delay_months
        );
    }
    if let Some(min) = &r.minimum_years {
        let whose = if r.months_on_record {
            "记录单写的累计缴费"
        } else {
            "文件里的养老保险缴费共"
        };
        let _ = write!(
            h,
            "那时最低缴费年限是 {min} 年；{whose} {}{}",
            years_months(r.contribution_months),
            shebao_calc::analyse::text::deemed_part_zh(r.deemed_months)
        );
        match r.meets_minimum {
            Some(true) => h.push_str("，<span class=\"ok\">已经够了</span>。"),
            Some(false) => h.push_str("，<span class=\"warn\">还不够</span>（文件可能没有包含您所有年份的缴费，请以官方记录为准）。"),
            None => h.push('。'),
        }
    }
    h.push_str("</p>");
    if let Some(d) = r.months_divisor {
        let _ = write!(
            h,
            "<p>退休时个人账户的钱按 {} 个月分摊：每月的个人账户养老金 = 账户余额 ÷ {}。</p>",
            d.normalize(),
            d.normalize()
        );
    }
    match (&r.estimate, &r.no_estimate_reason) {
        (Some(e), _) => {
            let _ = write!(
                h,
                "<p data-pension-estimate=\"{}\">按现有数据粗略估算，每月基本养老金约 <strong>{}</strong>：基础养老金 {} + 个人账户养老金 {}。</p>\
                 <details open><summary>这个估算的前提</summary><ul>",
                format_cents(e.total),
                yuan(Some(&format_cents(e.total))),
                yuan(Some(&format_cents(e.basic_part))),
                yuan(Some(&format_cents(e.account_part)))
            );
            for a in &e.assumptions {
                let _ = write!(h, "<li>{}</li>", escape(a));
            }
            h.push_str("</ul></details>");
        }
        (None, Some(why)) => {
            let _ = write!(h, "<p class=\"note\">没有估算养老金：{}</p>", escape(why));
        }
        (None, None) => {}
    }
}
