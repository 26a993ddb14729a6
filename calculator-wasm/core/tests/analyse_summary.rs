//! The Chinese plain-text summary says what the report says.

mod analyse_support;

use analyse_support::*;
use shebao_calc::analyse::{analyse, Options};
use shebao_calc::policy::Track;
use shebao_calc::record::PayStatus;
use shebao_calc::summary_zh;

#[test]
fn summary_lists_totals_gaps_arrears_findings_account_and_retirement() {
    let mut recs = pension_months(m(2023, 1), m(2023, 6), "5000");
    recs.retain(|r| r.month != m(2023, 3));
    recs[4].status = PayStatus::Unpaid;
    recs[0].personal = Some(d("300"));
    let s = statement(recs);
    let o = Options {
        city: Some("yingkou".into()),
        birth: Some(m(1970, 5)),
        track: Some(Track::Women55),
        today: None,
    };
    let text = summary_zh(&analyse(s, &policy(), &o));
    for want in [
        "城市：营口（辽宁）",
        "== 张三（110101********1234）==",
        "养老保险：已缴 4 个月（有记录的期间：2023-01 至 2023-06），个人合计 1500.00 元，单位合计 3200.00 元。",
        "缺月：2023-03，没有任何记录。",
        "欠费：2023-06，尚未缴清。",
        "[注意] 2023-01 养老保险：个人缴费 300.00 元",
        "2023 年：年初 0.00 元，记入 1500.00 元（4 个月），记账利率 3.97%",
        "法定退休年龄 55 岁 2 个月，2025-07 退休（比原来晚 2 个月）",
        "不能证明文件真伪",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn idle_account_years_collapse_into_one_line() {
    let mut recs = pension_months(m(2013, 12), m(2013, 12), "3000");
    recs.extend(pension_months(m(2014, 12), m(2014, 12), "3000"));
    recs.extend(pension_months(m(2018, 1), m(2018, 1), "3000"));
    let text = summary_zh(&analyse(statement(recs), &policy(), &Options::default()));
    assert!(
        text.contains(
            "2014 年：年初 240.00 元，记入 240.00 元（1 个月），当年利率由各省自定，未收录"
        ),
        "{text}"
    );
    assert!(
        text.contains("  2015 年：没有缴费记录，未计利息，余额 480.00 元。"),
        "{text}"
    );
}
