//! Every retirement test vector of policy-facts.md, the divisor interpolation and the estimate.

mod analyse_support;

use analyse_support::*;
use shebao_calc::analyse::retirement::{months_divisor, retirement};
use shebao_calc::analyse::{analyse, Options};
use shebao_calc::policy::Track;
use shebao_calc::record::{Insurance, OfficialAccountYear, PaymentKind, Person};
use shebao_calc::report::{FindingCode, MonthState, Span};

fn retire(track: Track, birth: (u32, u32)) -> (u32, u32, String) {
    let p = policy();
    let rule = p.national.retirement_rule(track).unwrap();
    let (y, mo, month) = retirement(rule, m(birth.0, birth.1)).unwrap();
    (y, mo, month.to_string())
}

#[test]
fn men() {
    assert_eq!(retire(Track::Men, (1964, 12)), (60, 0, "2024-12".into()));
    assert_eq!(retire(Track::Men, (1965, 1)), (60, 1, "2025-02".into()));
    assert_eq!(retire(Track::Men, (1965, 5)), (60, 2, "2025-07".into()));
    assert_eq!(retire(Track::Men, (1976, 2)).0, 62);
    assert_eq!(retire(Track::Men, (1976, 2)).1, 10);
    assert_eq!(retire(Track::Men, (1976, 8)).1, 11);
    assert_eq!(retire(Track::Men, (1976, 9)), (63, 0, "2039-09".into()));
    assert_eq!(retire(Track::Men, (1976, 12)), (63, 0, "2039-12".into()));
}

#[test]
fn women_former_55() {
    assert_eq!(retire(Track::Women55, (1970, 1)), (55, 1, "2025-02".into()));
    assert_eq!(
        retire(Track::Women55, (1974, 10)),
        (56, 3, "2031-01".into())
    );
    assert_eq!(retire(Track::Women55, (1981, 9)).0, 58);
    assert_eq!(retire(Track::Women55, (1981, 9)).1, 0);
    assert_eq!(
        retire(Track::Women55, (1981, 12)),
        (58, 0, "2039-12".into())
    );
}

#[test]
fn women_former_50() {
    assert_eq!(retire(Track::Women50, (1975, 1)), (50, 1, "2025-02".into()));
    assert_eq!(retire(Track::Women50, (1976, 6)), (50, 9, "2027-03".into()));
    assert_eq!(retire(Track::Women50, (1984, 11)).0, 55);
    assert_eq!(retire(Track::Women50, (1984, 11)).1, 0);
    assert_eq!(
        retire(Track::Women50, (1984, 12)),
        (55, 0, "2039-12".into())
    );
}

#[test]
fn divisor_interpolates_by_month_to_one_decimal() {
    let n = policy().national;
    let div = |y, mo| months_divisor(&n, y, mo).unwrap().to_string();
    assert_eq!(div(60, 1), "138.4");
    assert_eq!(div(50, 1), "194.6");
    assert_eq!(div(46, 6), "210.0");
    assert_eq!(div(60, 0), "139.0");
    assert_eq!(div(47, 0), "208.0");
    assert!(
        months_divisor(&n, 70, 1).is_none(),
        "no age 71 in the table"
    );
}

#[test]
fn minimum_years_by_year() {
    let n = policy().national;
    let min = |y| {
        n.minimum_years(y)
            .unwrap()
            .years
            .value
            .normalize()
            .to_string()
    };
    let want = [
        (2025, "15"),
        (2029, "15"),
        (2030, "15.5"),
        (2031, "16"),
        (2032, "16.5"),
        (2033, "17"),
        (2034, "17.5"),
        (2035, "18"),
        (2036, "18.5"),
        (2037, "19"),
        (2038, "19.5"),
        (2039, "20"),
        (2045, "20"),
    ];
    for (y, v) in want {
        assert_eq!(min(y), v, "year {y}");
    }
}

#[test]
fn estimate_with_every_assumption() {
    // Liaoning, man born 1965-01 → retires 2025-02 at 60y1m (divisor 138.4).
    // 12 months of 2025 at base 7264 = the 2025 average wage → index 1.0000.
    // Basic: (7346 + 7346) / 2 × 1 year × 1 % = 73.46.
    // Account: 12 × 581.12 = 6973.44, no 2025 interest (rate unconfirmed) → 6973.44 / 138.4 = 50.39.
    let s = statement(pension_months(m(2025, 1), m(2025, 12), "7264"));
    let o = Options {
        city: Some("yingkou".into()),
        birth: Some(m(1965, 1)),
        track: Some(Track::Men),
        today: Some(m(2026, 11)),
    };
    let p = analyse(s, &policy(), &o).people.remove(0);
    let r = p.retirement.as_ref().unwrap();
    assert_eq!(r.retirement_month, m(2025, 2));
    assert_eq!(
        r.months_divisor.map(|d| d.to_string()).as_deref(),
        Some("138.4")
    );
    assert_eq!(
        r.minimum_years.map(|d| d.to_string()).as_deref(),
        Some("15")
    );
    assert_eq!(r.meets_minimum, Some(false));
    assert_eq!(r.months_until, Some(-21));
    let e = r.estimate.as_ref().unwrap();
    assert_eq!(e.average_index.to_string(), "1.0000");
    assert_eq!(e.computation_base, d("7346"));
    assert_eq!(e.basic_part, d("73.46"));
    assert_eq!(e.account_balance, d("6973.44"));
    assert_eq!(e.account_part, d("50.39"));
    assert_eq!(e.total, d("123.85"));
    assert!(e.assumptions.iter().any(|a| a.contains("过渡性养老金")));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::MinYears)
        .unwrap();
    assert_eq!(
        (
            f.expected.map(|q| q.to_string()).as_deref(),
            f.actual.map(|q| q.to_string()).as_deref()
        ),
        (Some("180"), Some("12"))
    );
}

#[test]
fn future_retirement_uses_the_latest_known_base_and_says_so() {
    let s = statement(pension_months(m(2025, 1), m(2025, 12), "7264"));
    let o = Options {
        city: Some("yingkou".into()),
        birth: Some(m(1976, 12)),
        track: Some(Track::Men),
        today: None,
    };
    let p = analyse(s, &policy(), &o).people.remove(0);
    let e = p.retirement.as_ref().unwrap().estimate.as_ref().unwrap();
    assert_eq!(e.computation_base_year, 2025);
    assert!(
        e.assumptions[0].contains("2039 年的计发基数还没有公布"),
        "{}",
        e.assumptions[0]
    );
    assert_eq!(
        p.retirement
            .unwrap()
            .minimum_years
            .map(|d| d.to_string())
            .as_deref(),
        Some("20")
    );
}

#[test]
fn no_city_means_no_estimate_but_still_the_month() {
    let s = statement(pension_months(m(2025, 1), m(2025, 2), "7264"));
    let o = Options {
        birth: Some(m(1975, 1)),
        track: Some(Track::Women50),
        ..Default::default()
    };
    let r = analyse(s, &policy(), &o)
        .people
        .remove(0)
        .retirement
        .unwrap();
    assert_eq!(r.retirement_month, m(2025, 2));
    assert!(r.estimate.is_none());
    assert!(r.no_estimate_reason.unwrap().contains("没有指定城市"));
}

#[test]
fn a_records_cumulative_months_are_named_as_such() {
    // A 权益记录单 whose 累计缴费月数 (130) covers years before its one year of months.
    let mut person = Person {
        records: pension_months(m(2024, 1), m(2024, 12), "5000"),
        ..Default::default()
    };
    person.account_years.push(OfficialAccountYear {
        year: 2024,
        opening: d("50000.00"),
        credited: d("4800.00"),
        interest_on_opening: d("1310.00"),
        interest_on_credits: d("68.12"),
        closing: d("56178.12"),
        months_credited: Some(12),
        months_total: Some(130),
        row: 3,
    });
    let o = Options {
        city: None,
        birth: Some(m(1975, 3)),
        track: Some(Track::Men),
        today: Some(m(2026, 11)),
    };
    let p = analyse(statement_with(person), &policy(), &o)
        .people
        .remove(0);
    let r = p.retirement.as_ref().unwrap();
    assert_eq!((r.contribution_months, r.months_on_record), (130, true));
    let f = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::MinYears)
        .unwrap();
    assert!(
        f.message.contains("记录单写的累计缴费是 10 年 10 个月"),
        "{}",
        f.message
    );
    assert!(!f.message.contains("这个文件里只有"), "{}", f.message);
    // The record states the account: none is recomputed from its months.
    assert!(p.pension_account.is_none());
}

#[test]
fn deemed_months_count_as_years_not_as_paid_months() {
    // 视同缴费 1990-01…1994-12 (no money), then paid 1995-01…2004-12.
    let mut records = pension_months(m(1995, 1), m(2004, 12), "1000");
    for k in 0..60 {
        // Figures on a deemed row are not payments.
        let mut r = rec(
            m(1990, 1).offset(k).unwrap(),
            Insurance::Pension,
            "300",
            "9",
            "60",
        );
        r.kind = PaymentKind::Deemed;
        records.push(r);
    }
    let o = Options {
        city: None,
        birth: Some(m(1966, 1)),
        track: Some(Track::Men),
        today: Some(m(2026, 11)),
    };
    let report = analyse(statement(records), &policy(), &o);
    let summary = shebao_calc::summary_zh(&report);
    let p = &report.people[0];
    let pen = &p.insurances[0];
    assert_eq!(pen.months_paid, 120);
    assert_eq!(pen.personal_total, Some(d("9600.00")));
    assert_eq!(pen.deemed, [Span::new(m(1990, 1), m(1994, 12))]);
    assert!(pen.gaps.is_empty());
    assert_eq!(pen.month_state(m(1992, 6)), MonthState::Deemed);
    // The account credits only the months paid.
    let account = p.pension_account.as_ref().unwrap();
    assert_eq!(account.contribution_months, 120);
    assert!(account.years.iter().all(|y| y.year >= 1995));
    // Retirement counts them as years of contribution, and says so.
    let r = p.retirement.as_ref().unwrap();
    assert_eq!((r.contribution_months, r.deemed_months), (180, 60));
    assert_eq!(r.meets_minimum, Some(true));
    assert!(
        summary.contains("视同缴费：1990-01 至 1994-12（60 个月）"),
        "{summary}"
    );
    assert!(summary.contains("（含视同缴费 5 年）"), "{summary}");
}
