//! A readable plain-text Chinese summary of a [`Report`], for the CLI without `--json`.

use crate::analyse::text::{period_zh, rows_zh, years_months_zh};
use crate::money::format_cents;
use crate::record::Insurance;
use crate::report::{
    CheckStatus, InsuranceReport, PensionAccount, PersonReport, RateStatus, Report,
    RetirementReport, Severity, SourceReport,
};
use std::fmt::Write;

/// The whole report as plain text, one line per fact.
pub fn summary_zh(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.source;
    let _ = writeln!(out, "社保缴费记录核对结果");
    let pages = match s.pages {
        Some(n) => format!("（{n} 页）"),
        None => String::new(),
    };
    let counts = s.line_counts().map_or(String::new(), |(read, not_data)| {
        format!("；读取 {read} 行，跳过 {not_data} 行")
    });
    let _ = writeln!(
        out,
        "文件：{}{pages}，{}{counts}。",
        s.format.name_zh(),
        s.layout_name,
    );
    for note in [s.rows_left_out_zh(), s.sheets_not_read_zh()]
        .into_iter()
        .flatten()
    {
        let _ = writeln!(out, "  ！{note}");
    }
    for row in &s.unreadable_rows {
        let _ = writeln!(
            out,
            "  ！{}有读不出来的内容：{}",
            row.place_zh(),
            row.reasons_text()
        );
    }
    if let Some(p) = &s.declared_period {
        let _ = writeln!(out, "证明所列期间：{}", period_zh(p.from, p.to));
    }
    match &report.place {
        Some(p) => {
            let _ = writeln!(
                out,
                "城市：{}（{}），按该省公布的数字核对。",
                p.city_name, p.province_name
            );
        }
        None => {
            let _ = writeln!(out, "城市：未指定，只按全国统一的费率核对。");
        }
    }
    if report.people.is_empty() {
        let _ = writeln!(out, "文件里没有找到任何人的缴费记录。");
    }
    for person in &report.people {
        write_person(&mut out, &report.source, person);
    }
    let _ = writeln!(
        out,
        "\n本工具只核对你提供的文件，不能证明文件真伪；官方 PDF 可在出具平台用验证码核验。"
    );
    out
}

fn write_person(out: &mut String, source: &SourceReport, p: &PersonReport) {
    let name = p.name.as_deref().unwrap_or("（未写姓名）");
    match &p.id_masked {
        Some(id) => {
            let _ = writeln!(out, "\n== {name}（{id}）==");
        }
        None => {
            let _ = writeln!(out, "\n== {name} ==");
        }
    }
    if let Some(o) = &p.official_account {
        let _ = writeln!(out, "【权益记录单核对】{}", o.summary);
        for y in &o.years {
            let mark = match y.status {
                CheckStatus::Agrees
                | CheckStatus::WithinRange
                | CheckStatus::AgreesWithUnconfirmedRate => "✓",
                CheckStatus::Differs => "✗",
                CheckStatus::CannotCheck => "？",
            };
            let _ = writeln!(out, "  {mark} {}", y.message);
        }
    }
    if !p.unread_rows.is_empty() {
        let _ = writeln!(
            out,
            "！下面的月数、合计和账户余额都不含{}里读不出来的内容；这些内容可能属于的月份标为“无法读取”，不算缺月。",
            source.rows_at_zh(&p.unread_rows)
        );
    }
    for ins in &p.insurances {
        write_insurance(out, source, ins);
    }
    if !p.findings.is_empty() {
        let _ = writeln!(out, "发现的问题和提示：");
        for f in &p.findings {
            let tag = match f.severity {
                Severity::Error => "错误",
                Severity::Warning => "注意",
                Severity::Info => "提示",
            };
            let _ = writeln!(out, "  [{tag}] {}", f.message);
        }
    }
    if let Some(a) = &p.pension_account {
        let pension = p.insurances.iter().find(|i| i.kind == Insurance::Pension);
        write_account(out, a, pension.map_or(&[][..], |i| &i.unread_rows));
    }
    if let Some(r) = &p.retirement {
        write_retirement(out, r);
    }
    if !p.cannot_check.is_empty() {
        let _ = writeln!(out, "无法核对的内容：");
        for c in &p.cannot_check {
            let _ = writeln!(out, "  · {c}");
        }
    }
}

fn write_insurance(out: &mut String, source: &SourceReport, i: &InsuranceReport) {
    let unread_rows = &i.unread_rows;
    // The months with records (refunded, deemed or owed ones too), as the page's column
    // 有记录的期间: not a run of paid months.
    let span = match (i.first_month, i.last_month) {
        (Some(a), Some(b)) if a == b => format!("（有记录的期间：{a}）"),
        (Some(a), Some(b)) => format!("（有记录的期间：{a} 至 {b}）"),
        _ => String::new(),
    };
    let mut line = format!("{}：已缴 {} 个月{span}", i.name, i.months_paid);
    if let Some(t) = i.personal_total {
        let _ = write!(line, "，个人合计 {} 元", format_cents(t));
        if let Some(r) = i.personal_refunded {
            let _ = write!(line, "（已减去退费 {} 元）", format_cents(r));
        }
    }
    if let Some(t) = i.employer_total {
        let _ = write!(line, "，单位合计 {} 元", format_cents(t));
    }
    if !i.totals_with_duplicates.is_empty() && (i.personal_total, i.employer_total) != (None, None)
    {
        let _ = write!(line, "（{}）", i.duplicates_note_zh());
    }
    if i.has_paid_short() && (i.personal_total, i.employer_total) != (None, None) {
        let _ = write!(line, "（{}）", i.paid_short_note_zh());
    }
    if !i.coverage.is_empty() && (i.personal_total, i.employer_total) != (None, None) {
        let _ = write!(line, "（{}）", i.coverage_note_zh());
    }
    if !unread_rows.is_empty() {
        // Without pages: the line above the totals names them, and 页 in brackets would nest.
        let _ = write!(line, "（不含第 {} 行读不出来的内容）", rows_zh(unread_rows));
    }
    let _ = writeln!(out, "{line}。");
    for g in &i.gaps {
        let _ = writeln!(out, "  缺月：{}，没有任何记录。", period_zh(g.from, g.to));
    }
    for u in &i.unreadable {
        let _ = writeln!(
            out,
            "  无法读取：{}，文件{}可能就是这段时间的记录，但读不出来；请打开原文件核对，不要当作缺月。",
            period_zh(u.from, u.to),
            source.rows_at_zh(&u.rows)
        );
    }
    for a in &i.arrears {
        let state = match (a.settled, a.settled_in) {
            (true, Some(m)) => format!("已补缴（{m} 到账）"),
            (true, None) => "已补缴".to_string(),
            (false, _) => "尚未缴清".to_string(),
        };
        let _ = writeln!(out, "  欠费：{}，{state}。", period_zh(a.from, a.to));
    }
    for s in &i.interrupted {
        let _ = writeln!(out, "  中断：{}。", period_zh(s.from, s.to));
    }
    for s in &i.deemed {
        let _ = writeln!(
            out,
            "  视同缴费：{}，这段时间没有交钱，不算已缴月数；退休时一般算作缴费年限。",
            period_zh(s.from, s.to)
        );
    }
    for s in &i.paid_nothing {
        let _ = writeln!(
            out,
            "  金额为 0：{}，有记录，但个人和单位金额都是 0.00，不算已缴月份，也不算欠费。",
            period_zh(s.from, s.to)
        );
    }
    for s in &i.refunded {
        let _ = writeln!(
            out,
            "  已退费：{}，这段时间的缴费已全部退回，不算已缴月份。",
            period_zh(s.from, s.to)
        );
    }
    if let Some(s) = &i.unrecorded_start {
        let _ = writeln!(
            out,
            "  {}：证明所列期间开头的这几个月没有记录，可能那时还没有参保，也可能没有缴费，请向单位或社保经办机构核实。",
            period_zh(s.from, s.to)
        );
    }
    if let Some(m) = i.not_booked_yet {
        let _ = writeln!(out, "  {m}：证明所列期间的最后一个月还没有记账，不算缺月。");
    }
    for c in &i.coverage {
        let done = if c.complete { "已缴满" } else { "未缴满" };
        let _ = writeln!(
            out,
            "  {} 至 {}：{} 个月中缴了 {} 个月（{done}）。",
            c.from, c.to, c.span_months, c.months
        );
    }
}

fn write_account(out: &mut String, a: &PensionAccount, unread_rows: &[usize]) {
    let _ = writeln!(
        out,
        "养老保险个人账户（按文件计算；缴费 {}）：",
        years_months_zh(a.contribution_months)
    );
    let mut i = 0;
    while i < a.years.len() {
        let y = &a.years[i];
        // Years with nothing credited and no interest collapse into one line.
        let idle =
            |y: &crate::report::AccountYear| y.credits.is_zero() && y.interest_on_opening.is_none();
        if idle(y) {
            let mut j = i;
            while j + 1 < a.years.len() && idle(&a.years[j + 1]) {
                j += 1;
            }
            let years = if i == j {
                y.year.to_string()
            } else {
                format!("{}–{}", y.year, a.years[j].year)
            };
            let _ = writeln!(
                out,
                "  {years} 年：没有缴费记录，未计利息，余额 {} 元。",
                format_cents(a.years[j].closing)
            );
            i = j + 1;
            continue;
        }
        i += 1;
        let rate = match (&y.rate, y.rate_status) {
            (Some(r), RateStatus::Published) => format!("记账利率 {}", r.percent),
            (Some(r), _) => format!("记账利率未确认（第三方 {}），未计利息", r.percent),
            (None, RateStatus::BeforeNational) => {
                "当年利率由各省自定，未收录，未计利息".to_string()
            }
            (None, _) => "记账利率未公布，未计利息".to_string(),
        };
        let interest = match (y.interest_on_opening, y.interest_on_credits) {
            (Some(a), Some(b)) => format!("，利息 {} + {} 元", format_cents(a), format_cents(b)),
            _ => String::new(),
        };
        // A year of refunds only credits no month.
        let months = match y.months_credited {
            0 => String::new(),
            n => format!("（{n} 个月）"),
        };
        let _ = writeln!(
            out,
            "  {} 年：年初 {} 元，记入 {} 元{months}，{rate}{interest}，年末 {} 元。",
            y.year,
            format_cents(y.opening),
            format_cents(y.credits),
            format_cents(y.closing)
        );
    }
    let mut note = String::new();
    if !a.complete {
        note.push_str("（有年份未计利息）");
    }
    if !unread_rows.is_empty() {
        let _ = write!(note, "（不含第 {} 行读不出来的内容）", rows_zh(unread_rows));
    }
    let _ = writeln!(out, "  账户余额：{} 元{note}。", format_cents(a.balance));
    if let Some(why) = &a.below_zero {
        let _ = writeln!(out, "  说明：{why}");
    }
    for s in &a.assumptions {
        let _ = writeln!(out, "  说明：{s}");
    }
}

fn write_retirement(out: &mut String, r: &RetirementReport) {
    let _ = writeln!(
        out,
        "退休：{}，出生 {}，法定退休年龄 {} 岁{}，{} 退休（{}）。",
        r.track.name_zh(),
        r.birth,
        r.age_years,
        if r.age_months > 0 {
            format!(" {} 个月", r.age_months)
        } else {
            String::new()
        },
        r.retirement_month,
        if r.delay_months == 0 {
            "不受延迟退休影响".to_string()
        } else {
            format!("比原来晚 {} 个月", r.delay_months)
        }
    );
    if let Some(d) = &r.months_divisor {
        let _ = writeln!(out, "  个人账户计发月数：{d}。");
    }
    if let Some(m) = &r.minimum_years {
        let own = format!(
            "文件里的缴费{}",
            crate::analyse::text::deemed_part_zh(r.deemed_months)
        );
        let met = match (r.meets_minimum, r.months_on_record) {
            (Some(true), false) => format!("{own}已达到"),
            (Some(true), true) => "记录单写的累计缴费已达到".to_string(),
            (_, false) => format!("{own}还不够（文件以外的年份也算）"),
            (_, true) => "记录单写的累计缴费还不够".to_string(),
        };
        let _ = writeln!(out, "  最低缴费年限：{m} 年；{met}。");
    }
    match (&r.estimate, &r.no_estimate_reason) {
        (Some(e), _) => {
            let _ = writeln!(
                out,
                "  养老金估算：基础养老金 {} 元/月 + 个人账户养老金 {} 元/月 = {} 元/月（粗略估算）。",
                format_cents(e.basic_part),
                format_cents(e.account_part),
                format_cents(e.total)
            );
            for a in &e.assumptions {
                let _ = writeln!(out, "  假设：{a}");
            }
        }
        (None, Some(why)) => {
            let _ = writeln!(out, "  {why}");
        }
        (None, None) => {}
    }
}
