//! What the analysis noticed, one plain sentence each, with expected vs. actual. Warnings and
//! errors come first and stay visible; notes (info) are folded away.

use super::html::{escape, money};
use super::person::serde_name;
use shebao_calc::report::{Finding, PersonReport, Quantity, Severity, SourceReport};
use std::fmt::Write;

/// At most this many are listed per group; the rest are counted (a 60,000-row file can hold
/// thousands of identical mismatches).
const SHOWN: usize = 100;

/// The findings of one person.
pub fn render(h: &mut String, source: &SourceReport, p: &PersonReport) {
    let (serious, notes): (Vec<&Finding>, Vec<&Finding>) = p
        .findings
        .iter()
        .partition(|f| f.severity >= Severity::Warning);
    let _ = write!(
        h,
        "<h4 data-findings=\"{}\">发现的问题</h4>",
        p.findings.len()
    );
    if serious.is_empty() {
        h.push_str(if p.cannot_check.is_empty() {
            "<p class=\"ok\">金额和基数没有发现和规定对不上的地方。</p>"
        } else {
            "<p class=\"ok\">在这个文件能核对的范围内，没有发现和规定对不上的地方；查不了的内容见下面。</p>"
        });
    } else {
        h.push_str("<ul class=\"findings\">");
        list(h, source, &serious);
        h.push_str("</ul>");
    }
    if !notes.is_empty() {
        let _ = write!(
            h,
            "<details><summary>其他说明（{} 条）</summary><ul class=\"findings\">",
            notes.len()
        );
        list(h, source, &notes);
        h.push_str("</ul></details>");
    }
}

fn list(h: &mut String, source: &SourceReport, findings: &[&Finding]) {
    for f in findings.iter().take(SHOWN) {
        let class = match f.severity {
            Severity::Error => "finding-error",
            Severity::Warning => "finding-warning",
            Severity::Info => "finding-info",
        };
        let _ = write!(
            h,
            "<li class=\"{class}\" data-finding=\"{}\" data-severity=\"{}\" data-month=\"{}\" data-expected=\"{}\" data-actual=\"{}\">{}",
            serde_name(&f.code),
            serde_name(&f.severity),
            f.month.map(|m| m.to_string()).unwrap_or_default(),
            f.expected.map(|q| q.to_string()).unwrap_or_default(),
            f.actual.map(|q| q.to_string()).unwrap_or_default(),
            escape(&f.message)
        );
        // The engine's sentence usually names both figures already; add them only if not.
        if let (Some(e), Some(a)) = (f.expected, f.actual) {
            if !f.message.contains(&e.to_string()) {
                let _ = write!(h, "（应为 {}，文件里是 {}）", quantity(e), quantity(a));
            }
        }
        if let Some(row) = f.row {
            let _ = write!(
                h,
                " <span class=\"note\">原文件{}</span>",
                source.rows_at_zh(&[row])
            );
        }
        h.push_str("</li>");
    }
    if findings.len() > SHOWN {
        let _ = write!(
            h,
            "<li>……另有 {} 条同类情况，完整列表在“下载数据（JSON）”的文件里。</li>",
            findings.len() - SHOWN
        );
    }
}

/// A compared figure as people read it: money with thousands separators, counts as they are.
fn quantity(q: Quantity) -> String {
    match q {
        Quantity::Money(_) => money(&q.to_string()),
        Quantity::Count(n) => n.to_string(),
    }
}
