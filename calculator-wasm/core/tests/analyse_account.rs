//! The pension account from records and the official 权益记录单 figures reproduced.

mod analyse_support;

use analyse_support::*;
use shebao_calc::analyse::account::interest_on_credits;
use shebao_calc::analyse::{analyse, Options};
use shebao_calc::money::format_cents;
use shebao_calc::record::{OfficialAccountYear, Person};
use shebao_calc::report::{CheckStatus, FindingCode, PersonReport, RateStatus, Severity};

fn person(
    records: Vec<shebao_calc::record::Record>,
    years: Vec<OfficialAccountYear>,
) -> PersonReport {
    let p = Person {
        name: Some("王五".into()),
        records,
        account_years: years,
        ..Default::default()
    };
    analyse(statement_with(p), &policy(), &Options::default())
        .people
        .remove(0)
}

fn official(year: u32, v: [&str; 5], months: Option<u32>) -> OfficialAccountYear {
    OfficialAccountYear {
        year,
        opening: d(v[0]),
        credited: d(v[1]),
        interest_on_opening: d(v[2]),
        interest_on_credits: d(v[3]),
        closing: d(v[4]),
        months_credited: months,
        months_total: None,
        row: 5,
    }
}

#[test]
fn worked_example_2024_800_a_month_gives_136_24() {
    // statement-layouts.md: 9600 × 0.0262 × 13/24 = 136.24.
    let credits: std::collections::BTreeMap<u32, _> = (1..=12).map(|m| (m, d("800"))).collect();
    assert_eq!(
        format_cents(interest_on_credits(&credits, d("0.0262"))),
        "136.24"
    );
    let p = person(pension_months(m(2024, 1), m(2024, 12), "10000"), vec![]);
    let y = &p.pension_account.as_ref().unwrap().years[0];
    assert_eq!(format_cents(y.interest_on_credits.unwrap()), "136.24");
    assert_eq!(format_cents(y.closing), "9736.24");
}

#[test]
fn monthly_credits_are_not_rounded_before_weighting() {
    // 333.335 a month from March: rounding each month first would give a different cent.
    let credits: std::collections::BTreeMap<u32, _> = (3..=12).map(|m| (m, d("333.335"))).collect();
    // Σ(13 − m) for m = 3..12 = 55; 333.335 × 55 × 0.0262 / 12 = 40.02781...
    assert_eq!(
        format_cents(interest_on_credits(&credits, d("0.0262"))),
        "40.03"
    );
}

#[test]
fn two_years_carry_interest_on_the_opening_balance() {
    let p = person(pension_months(m(2023, 1), m(2024, 12), "10000"), vec![]);
    let a = p.pension_account.unwrap();
    assert_eq!(a.years.len(), 2);
    // 2023: 9600 × 0.0397 × 13/24 = 206.44
    assert_eq!(
        format_cents(a.years[0].interest_on_credits.unwrap()),
        "206.44"
    );
    assert_eq!(format_cents(a.years[0].closing), "9806.44");
    // 2024: 9806.44 × 0.0262 = 256.93; + 136.24
    assert_eq!(
        format_cents(a.years[1].interest_on_opening.unwrap()),
        "256.93"
    );
    assert_eq!(format_cents(a.balance), "19799.61");
    assert!(a.complete);
    assert_eq!(
        (
            a.contribution_months,
            a.contribution_years,
            a.contribution_extra_months
        ),
        (24, 2, 0)
    );
}

#[test]
fn unconfirmed_2025_rate_is_shown_but_not_used() {
    let p = person(pension_months(m(2024, 12), m(2025, 2), "10000"), vec![]);
    let a = p.pension_account.unwrap();
    let y = &a.years[1];
    assert_eq!(y.rate_status, RateStatus::Unconfirmed);
    assert_eq!(y.rate.as_ref().unwrap().percent, "1.5%");
    assert_eq!(y.interest_on_opening, None);
    assert!(!a.complete);
    assert!(a
        .assumptions
        .iter()
        .any(|s| s.contains("2025 年记账利率尚未确认")));
}

#[test]
fn years_before_2016_have_no_national_rate() {
    let p = person(pension_months(m(2015, 11), m(2016, 1), "3000"), vec![]);
    let a = p.pension_account.unwrap();
    assert_eq!(a.years[0].rate_status, RateStatus::BeforeNational);
    assert_eq!(a.years[1].rate_status, RateStatus::Published);
}

#[test]
fn official_year_that_agrees() {
    // 10000 × 2.62 % = 262.00; 9600 over 12 months = 136.24; closing 19998.24.
    let p = person(
        vec![],
        vec![official(
            2024,
            ["10000.00", "9600.00", "262.00", "136.24", "19998.24"],
            Some(12),
        )],
    );
    let o = p.official_account.unwrap();
    assert!(o.all_agree);
    assert_eq!(o.years[0].status, CheckStatus::Agrees);
    assert_eq!(o.years[0].recomputed.closing, Some(d("19998.24")));
    assert!(o.summary.contains("全部一致"), "{}", o.summary);
    assert!(p.cannot_check.iter().any(|c| c.contains("没有逐月明细")));
}

#[test]
fn official_year_that_differs_shows_the_exact_difference() {
    let p = person(
        vec![],
        vec![official(
            2024,
            ["10000.00", "9600.00", "262.00", "140.00", "20002.00"],
            None,
        )],
    );
    let o = p.official_account.as_ref().unwrap();
    let y = &o.years[0];
    assert_eq!(y.status, CheckStatus::Differs);
    assert_eq!(y.difference.interest_on_credits, Some(d("3.76")));
    assert_eq!(y.difference.closing, Some(d("3.76")));
    assert!(
        y.message.contains("当年记账金额的利息比重算结果多 3.76 元"),
        "{}",
        y.message
    );
    assert!(!o.all_agree);
    let f = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::OfficialAccountMismatch)
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn official_arithmetic_error_is_an_error() {
    let p = person(
        vec![],
        vec![official(
            2024,
            ["10000.00", "9600.00", "262.00", "136.24", "19999.24"],
            Some(12),
        )],
    );
    let f = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::OfficialAccountArithmetic)
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        p.official_account.unwrap().years[0].arithmetic_difference,
        d("-1.00")
    );
}

#[test]
fn unconfirmed_rate_year_gives_the_implied_rate() {
    let years = vec![
        official(
            2024,
            ["10000.00", "9600.00", "262.00", "136.24", "19998.24"],
            Some(12),
        ),
        // 19998.24 × 1.5 % = 299.97; 9600 × 1.5 % × 13/24 = 78.00
        official(
            2025,
            ["19998.24", "9600.00", "299.97", "78.00", "29976.21"],
            Some(12),
        ),
    ];
    let p = person(vec![], years);
    let o = p.official_account.unwrap();
    let y = &o.years[1];
    assert_eq!(y.status, CheckStatus::AgreesWithUnconfirmedRate);
    assert_eq!(
        y.implied_rate.map(|d| d.to_string()).as_deref(),
        Some("0.0150")
    );
    assert_eq!(y.continues_previous, Some(true));
    assert!(o.all_agree);
}

#[test]
fn part_year_credits_within_the_possible_range() {
    // 6 months of 800: Jan–Jun gives 99.56, Jul–Dec 36.68; 60.00 lies between.
    let p = person(
        vec![],
        vec![official(
            2024,
            ["0", "4800.00", "0", "60.00", "4860.00"],
            Some(6),
        )],
    );
    let y = &p.official_account.unwrap().years[0];
    assert_eq!(y.status, CheckStatus::WithinRange);
    assert_eq!(y.recomputed.interest_on_credits, Some(d("99.56")));
    let p = person(
        vec![],
        vec![official(
            2024,
            ["0", "4800.00", "0", "30.00", "4830.00"],
            Some(6),
        )],
    );
    assert_eq!(
        p.official_account.unwrap().years[0].status,
        CheckStatus::Differs
    );
}

#[test]
fn monthly_records_in_the_same_file_give_the_exact_weighting() {
    // Credits Jul–Dec 800 each: Σ(13 − m) = 21 → 4800… × 0.0262 × 21/(12×6) … = 36.68.
    let recs = pension_months(m(2024, 7), m(2024, 12), "10000");
    let p = person(
        recs,
        vec![official(
            2024,
            ["0", "4800.00", "0", "36.68", "4836.68"],
            None,
        )],
    );
    let y = &p.official_account.unwrap().years[0];
    assert_eq!(y.status, CheckStatus::Agrees, "{}", y.message);
    assert!(y.weighting.contains("逐月"));
}

#[test]
fn discontinuity_between_years_is_reported() {
    let years = vec![
        official(2023, ["0", "9600.00", "0", "206.44", "9806.44"], Some(12)),
        official(
            2024,
            ["9900.00", "9600.00", "259.38", "136.24", "19895.62"],
            Some(12),
        ),
    ];
    let p = person(vec![], years);
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == FindingCode::OfficialAccountDiscontinuity));
    assert!(!p.official_account.unwrap().all_agree);
}
