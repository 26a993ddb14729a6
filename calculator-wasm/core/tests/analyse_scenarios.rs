//! Scenarios built from hand-written records: gaps, arrears (open and settled), top-ups,
//! refunds, duplicates, amounts, base limits, declared periods, coverage-only certificates.

mod analyse_support;

use analyse_support::*;
use shebao_calc::analyse::{analyse, Options};
use shebao_calc::record::{CoverageSpan, Insurance, PayStatus, PaymentKind, Person, StatedRate};
use shebao_calc::report::{FindingCode, MonthState, PersonReport, Severity, Span};

fn run(records: Vec<shebao_calc::record::Record>, city: Option<&str>) -> PersonReport {
    let opts = Options {
        city: city.map(String::from),
        ..Default::default()
    };
    analyse(statement(records), &policy(), &opts)
        .people
        .remove(0)
}

/// Finding codes, leaving out the city-not-given note that every run without a city has.
fn codes(p: &PersonReport) -> Vec<FindingCode> {
    p.findings
        .iter()
        .map(|f| f.code)
        .filter(|c| *c != FindingCode::CityNotGiven)
        .collect()
}

/// Asserts that one of `lines` (a report's `cannot_check`) is the one `pick` looks for.
fn assert_says(lines: &[String], pick: impl Fn(&str) -> bool) {
    assert!(lines.iter().any(|l| pick(l)), "{lines:?}");
}

/// The report of one person built by hand, with no options.
fn analyse_one(person: Person) -> PersonReport {
    analyse(statement_with(person), &policy(), &Options::default())
        .people
        .remove(0)
}

fn all_codes(p: &PersonReport) -> Vec<FindingCode> {
    p.findings.iter().map(|f| f.code).collect()
}

#[test]
fn gaps_are_runs_without_any_record() {
    let mut recs = pension_months(m(2023, 1), m(2023, 12), "5000");
    recs.retain(|r| r.month != m(2023, 3) && r.month != m(2023, 4) && r.month != m(2023, 9));
    let p = run(recs, None);
    let pen = &p.insurances[0];
    assert_eq!(pen.kind, Insurance::Pension);
    assert_eq!(pen.months_paid, 9);
    assert_eq!(pen.first_month, Some(m(2023, 1)));
    assert_eq!(pen.last_month, Some(m(2023, 12)));
    assert_eq!(
        pen.gaps,
        vec![
            Span::new(m(2023, 3), m(2023, 4)),
            Span::new(m(2023, 9), m(2023, 9))
        ]
    );
    assert_eq!(pen.gaps[0].months, 2);
    assert_eq!(pen.personal_total, Some(d("3600")));
    assert_eq!(pen.employer_total, Some(d("7200")));
}

#[test]
fn arrears_with_a_paid_row_are_settled() {
    let mut recs = pension_months(m(2023, 1), m(2023, 4), "5000");
    // 2023-02: unpaid, then back-paid and settled in 2023-08.
    let mut unpaid = recs[1].clone();
    unpaid.status = PayStatus::Unpaid;
    unpaid.settled = Some(m(2023, 8));
    recs[1].kind = PaymentKind::BackPay;
    recs.push(unpaid);
    // 2023-03 and 2023-04: unpaid, never settled.
    recs[2].status = PayStatus::Unpaid;
    recs[3].status = PayStatus::Unpaid;
    let p = run(recs, None);
    let pen = &p.insurances[0];
    assert_eq!(pen.months_paid, 2, "a settled month counts as paid");
    assert_eq!(pen.arrears.len(), 2);
    assert_eq!(
        (
            pen.arrears[0].from,
            pen.arrears[0].settled,
            pen.arrears[0].settled_in
        ),
        (m(2023, 2), true, Some(m(2023, 8)))
    );
    assert_eq!(
        (
            pen.arrears[1].from,
            pen.arrears[1].to,
            pen.arrears[1].settled
        ),
        (m(2023, 3), m(2023, 4), false)
    );
    assert_eq!(pen.arrears[1].months, 2);
    assert!(
        pen.gaps.is_empty(),
        "an unpaid record is arrears, not a gap"
    );
    assert_eq!(
        pen.personal_total,
        Some(d("800")),
        "totals count paid records only"
    );
    assert!(
        !codes(&p).contains(&FindingCode::DuplicateMonth),
        "unpaid + back-paid is not a duplicate"
    );
}

#[test]
fn a_workbook_of_zero_amounts_may_be_formulas_without_results() {
    // xlsxwriter saves 0 as every formula's result: all 0.00 in an XLSX file is said.
    let mut recs = pension_months(m(2025, 1), m(2025, 2), "5000");
    for r in &mut recs {
        r.personal = Some(d("0.00"));
        r.employer = Some(d("0.00"));
    }
    let says = |format| {
        let mut s = statement(recs.clone());
        s.source.format = format;
        let p = analyse(s, &policy(), &Options::default()).people.remove(0);
        p.cannot_check
            .iter()
            .any(|c| c.contains("公式没有保存计算结果"))
    };
    assert!(says(shebao_calc::statement::Format::Xlsx));
    // A typed file has no formulas.
    assert!(!says(shebao_calc::statement::Format::Csv));
}

#[test]
fn an_interrupted_months_base_is_not_judged() {
    // 中断 rows often carry base 0: no contribution, so no base below the floor.
    let mut recs = pension_months(m(2025, 1), m(2025, 3), "4400");
    recs[1].base = Some(d("0"));
    recs[1].personal = Some(d("0.00"));
    recs[1].employer = Some(d("0.00"));
    recs[1].status = PayStatus::Interrupted;
    let p = run(recs, Some("yingkou"));
    assert!(
        !codes(&p).contains(&FindingCode::BaseBelowFloor),
        "{:#?}",
        p.findings
    );
    assert_eq!(
        p.insurances[0].interrupted,
        [Span::new(m(2025, 2), m(2025, 2))]
    );
}

#[test]
fn base_top_up_adds_and_is_neither_duplicate_nor_mismatch() {
    // Liaoning 2025 floor 4359: assessed on 4000 first, topped up by 359 later.
    let mut recs = vec![rec(m(2025, 1), Insurance::Pension, "4000", "320", "640")];
    let mut top = rec(m(2025, 1), Insurance::Pension, "359", "28.72", "57.44");
    top.kind = PaymentKind::BaseTopUp;
    top.row = 9;
    recs.push(top);
    let p = run(recs.clone(), Some("yingkou"));
    assert_eq!(p.insurances[0].personal_total, Some(d("348.72")));
    assert_eq!(p.insurances[0].months_paid, 1);
    assert_eq!(codes(&p), Vec::<FindingCode>::new(), "{:#?}", p.findings);
    // Without the top-up the month is below the floor.
    let p = run(recs[..1].to_vec(), Some("yingkou"));
    assert_eq!(codes(&p), vec![FindingCode::BaseBelowFloor]);
    let f = &p.findings[0];
    assert_eq!(
        (
            f.expected.map(|q| q.to_string()).as_deref(),
            f.actual.map(|q| q.to_string()).as_deref()
        ),
        (Some("4359.00"), Some("4000.00"))
    );
    assert!(f.message.contains("辽宁2025年下限"), "{}", f.message);
}

#[test]
fn a_top_up_row_is_checked_on_its_own_base() {
    let mut top = rec(m(2025, 2), Insurance::Pension, "359", "30.00", "57.44");
    top.kind = PaymentKind::BaseTopUp;
    top.row = 12;
    let mut recs = vec![rec(
        m(2025, 2),
        Insurance::Pension,
        "4359",
        "348.72",
        "697.44",
    )];
    recs.push(top);
    let p = run(recs, Some("yingkou"));
    assert_eq!(codes(&p), vec![FindingCode::PersonalAmountMismatch]);
    let f = &p.findings[0];
    assert_eq!(
        (
            f.expected.map(|q| q.to_string()).as_deref(),
            f.actual.map(|q| q.to_string()).as_deref(),
            f.row
        ),
        (Some("28.72"), Some("30.00"), Some(12))
    );
    assert!(f.message.contains("调整补收"), "{}", f.message);
}

#[test]
fn refunds_subtract_and_cancel_a_duplicate() {
    let mut recs = pension_months(m(2024, 2), m(2024, 2), "5000");
    // A second payment for the month (a back-payment row, so not an identical copy).
    let mut again = recs[0].clone();
    again.kind = PaymentKind::BackPay;
    again.row += 1;
    recs.push(again);
    let p = run(recs.clone(), None);
    assert_eq!(codes(&p), vec![FindingCode::DuplicateMonth]);
    assert_eq!(p.findings[0].severity, Severity::Warning);
    assert_eq!(
        p.findings[0].actual.map(|q| q.to_string()).as_deref(),
        Some("2")
    );
    let mut refund = rec(m(2024, 2), Insurance::Pension, "5000", "-400", "-800");
    refund.kind = PaymentKind::Refund;
    recs.push(refund);
    let p = run(recs.clone(), None);
    assert_eq!(codes(&p), Vec::<FindingCode>::new());
    assert_eq!(p.insurances[0].personal_total, Some(d("400")));
    // A refund written with a positive amount still subtracts.
    let last = recs.len() - 1;
    recs[last].personal = Some(d("400"));
    let p = run(recs, None);
    assert_eq!(p.insurances[0].personal_total, Some(d("400")));
}

#[test]
fn identical_rows_count_once_everywhere() {
    let once = pension_months(m(2024, 1), m(2024, 3), "5000");
    let mut eight = Vec::new();
    for r in &once {
        for k in 0..8 {
            let mut copy = r.clone();
            copy.row = r.row * 100 + k;
            eight.push(copy);
        }
    }
    let (a, b) = (run(once, None), run(eight, None));
    assert_eq!(codes(&b), vec![FindingCode::IdenticalRows]);
    assert_eq!(a.insurances[0].months_paid, b.insurances[0].months_paid);
    assert_eq!(
        a.insurances[0].personal_total,
        b.insurances[0].personal_total
    );
    assert_eq!(
        a.pension_account.as_ref().map(|x| x.balance),
        b.pension_account.as_ref().map(|x| x.balance)
    );
}

#[test]
fn a_month_refunded_in_full_is_not_paid_anywhere() {
    let mut recs = pension_months(m(2024, 1), m(2024, 12), "5000");
    for month in [3, 4] {
        let mut refund = rec(m(2024, month), Insurance::Pension, "5000", "-400", "-800");
        refund.kind = PaymentKind::Refund;
        recs.push(refund);
    }
    let p = run(recs, None);
    let account = p.pension_account.as_ref().unwrap();
    assert_eq!(p.insurances[0].months_paid, 10);
    assert_eq!(account.contribution_months, 10);
    assert_eq!(account.years[0].months_credited, 10);
}

/// The timeline draws each month's state from the report, and its paid months are the ones
/// counted in `months_paid`: a month holding only a transfer out is neither paid nor a gap.
#[test]
fn month_states_agree_with_the_counts() {
    let mut recs = pension_months(m(2024, 1), m(2024, 12), "5000");
    recs.retain(|r| r.month != m(2024, 5) && r.month != m(2024, 8));
    let out = rec(m(2024, 5), Insurance::Pension, "5000", "400", "800");
    recs.push(of_kind(out, PaymentKind::TransferOut));
    let refund = rec(m(2024, 3), Insurance::Pension, "5000", "-400", "-800");
    recs.push(of_kind(refund, PaymentKind::Refund));
    let p = run(recs, None);
    let pen = &p.insurances[0];
    let states: Vec<MonthState> = (1..=12).map(|k| pen.month_state(m(2024, k))).collect();
    assert_eq!(states[4], MonthState::None, "transfer out only");
    assert_eq!(states[7], MonthState::Gap);
    assert_eq!(states[2], MonthState::Refunded);
    let paid = states.iter().filter(|s| **s == MonthState::Paid).count();
    assert_eq!(paid as u32, pen.months_paid);
    assert_eq!(pen.months_paid, 9);
    assert_eq!(pen.gap_months(), 1);
    assert_eq!(
        p.gap_months().into_iter().collect::<Vec<_>>(),
        vec![m(2024, 8)]
    );
}

#[test]
fn personal_amount_mismatch_groups_months_with_the_same_figures() {
    let mut recs = pension_months(m(2024, 1), m(2024, 6), "5000");
    for r in recs.iter_mut().filter(|r| r.month >= m(2024, 3)) {
        r.personal = Some(d("300"));
    }
    let p = run(recs, None);
    assert_eq!(codes(&p), vec![FindingCode::PersonalAmountMismatch]);
    let f = &p.findings[0];
    assert_eq!((f.month, f.to), (Some(m(2024, 3)), Some(m(2024, 6))));
    assert_eq!(
        (
            f.expected.map(|q| q.to_string()).as_deref(),
            f.actual.map(|q| q.to_string()).as_deref()
        ),
        (Some("400.00"), Some("300.00"))
    );
    assert_eq!(f.message, "2024-03 至 2024-06（4 个月） 养老保险：个人缴费 300.00 元，按缴费基数 5000.00 元 × 8% 应为 400.00 元，相差 100.00 元。");
}

#[test]
fn one_cent_rounding_is_not_a_mismatch() {
    // 4986 × 0.005 = 24.93; a system that truncated would print 24.92.
    let recs = vec![rec(
        m(2025, 5),
        Insurance::Unemployment,
        "4986",
        "24.92",
        "24.93",
    )];
    assert_eq!(codes(&run(recs, Some("hangzhou"))), vec![]);
    let recs = vec![rec(
        m(2025, 5),
        Insurance::Unemployment,
        "4986",
        "24.90",
        "24.93",
    )];
    assert_eq!(
        codes(&run(recs, Some("hangzhou"))),
        vec![FindingCode::PersonalAmountMismatch]
    );
}

#[test]
fn employees_pay_nothing_for_work_injury_and_maternity() {
    // The 0.00 most statements show is confirmed, not "no rate found"; an amount is flagged.
    for ins in [Insurance::WorkInjury, Insurance::Maternity] {
        let zero = vec![rec(m(2024, 5), ins, "5000", "0.00", "20.00")];
        assert_eq!(codes(&run(zero, Some("yingkou"))), vec![], "{ins:?}");
        let paid = vec![rec(m(2024, 5), ins, "5000", "20.00", "20.00")];
        let p = run(paid, Some("hangzhou"));
        assert_eq!(codes(&p), vec![FindingCode::PersonalAmountMismatch]);
        assert!(
            p.findings[0].message.ends_with(
                "个人缴费 20.00 元，职工个人不缴这项保险，应为 0.00 元，相差 20.00 元。"
            ),
            "{}",
            p.findings[0].message
        );
    }
}

#[test]
fn hunan_medical_fixed_sum_accepted_with_or_without() {
    let with = vec![rec(m(2025, 3), Insurance::Medical, "5000", "115", "435")];
    let without = vec![rec(m(2025, 3), Insurance::Medical, "5000", "100", "435")];
    let wrong = vec![rec(m(2025, 3), Insurance::Medical, "5000", "110", "435")];
    assert_eq!(codes(&run(with, Some("hengyang"))), vec![]);
    assert_eq!(codes(&run(without, Some("hengyang"))), vec![]);
    assert_eq!(
        codes(&run(wrong, Some("hengyang"))),
        vec![FindingCode::PersonalAmountMismatch]
    );
}

#[test]
fn stated_rate_with_fixed_part_is_no_false_mismatch() {
    let mut r = rec(m(2023, 1), Insurance::Medical, "5000", "103", "400");
    r.stated_personal_rate = Some(StatedRate {
        rate: d("0.02"),
        fixed: d("3"),
    });
    assert_eq!(codes(&run(vec![r.clone()], None)), vec![]);
    r.personal = Some(d("100"));
    let p = run(vec![r], None);
    assert_eq!(codes(&p), vec![FindingCode::PersonalAmountMismatch]);
    assert_eq!(
        p.findings[0].expected.map(|q| q.to_string()).as_deref(),
        Some("103.00")
    );
    assert!(
        p.findings[0].message.contains("× 2% + 3.00 元"),
        "{}",
        p.findings[0].message
    );
}

#[test]
fn flexible_employment_pays_twenty_percent_without_mismatch() {
    let mut r = rec(m(2025, 4), Insurance::Pension, "4359", "871.80", "0");
    r.employer = None;
    let p = run(vec![r], Some("yingkou"));
    assert_eq!(codes(&p), vec![]);
    // 8 % of the base is credited, not the 20 % paid.
    assert_eq!(p.pension_account.unwrap().years[0].credits, d("348.72"));
}

#[test]
fn a_row_that_pays_nothing_is_neither_paid_nor_owed() {
    // 2024-02 is marked paid with 0.00 on both sides (a relief month, or an insurance the
    // person is not in); 2024-03 likewise, then paid by a back-payment; 2024-04 is paid and
    // has a back-payment of 0.00 (interest only).
    let mut recs = pension_months(m(2024, 1), m(2024, 4), "5000");
    for r in &mut recs[1..3] {
        r.personal = Some(d("0.00"));
        r.employer = Some(d("0.00"));
    }
    let back = rec(m(2024, 3), Insurance::Pension, "5000", "400.00", "800.00");
    recs.push(of_kind(back, PaymentKind::BackPay));
    let interest = rec(m(2024, 4), Insurance::Pension, "5000", "0.00", "0.00");
    recs.push(of_kind(interest, PaymentKind::BackPay));
    let p = run(recs, None);
    let pen = &p.insurances[0];
    assert_eq!(pen.months_paid, 3);
    assert!(pen.gaps.is_empty());
    assert!(pen.arrears.is_empty());
    // Said as such, not drawn as a month the file leaves out.
    assert_eq!(pen.month_state(m(2024, 2)), MonthState::PaidNothing);
    assert_eq!(pen.paid_nothing, [Span::new(m(2024, 2), m(2024, 2))]);
    // A month with another row besides (a refund) is that row's, never also "paid nothing".
    let mut zero = rec(m(2024, 6), Insurance::Pension, "5000", "0.00", "0.00");
    zero.row = 20;
    let refund = of_kind(
        rec(m(2024, 6), Insurance::Pension, "5000", "-400.00", "-800.00"),
        PaymentKind::Refund,
    );
    let p = run(vec![zero, refund], None);
    let pen = &p.insurances[0];
    assert_eq!(pen.refunded, [Span::new(m(2024, 6), m(2024, 6))]);
    assert!(pen.paid_nothing.is_empty());
    assert!(
        !codes(&p).contains(&FindingCode::DuplicateMonth),
        "{:?}",
        codes(&p)
    );
}

#[test]
fn employer_amounts_are_listed_and_said_to_be_unchecked() {
    // 10 % instead of 16 %, or 0 in a relief year: employer rates differ by province, year and
    // trade, so no finding; the report says employer amounts were not checked.
    let mut recs = pension_months(m(2024, 1), m(2024, 3), "5000");
    recs[1].employer = Some(d("500.00"));
    let p = run(recs, Some("hangzhou"));
    assert!(p.findings.iter().all(|f| !f.message.contains("单位缴费")));
    assert_says(&p.cannot_check, |c| {
        c.starts_with("单位缴费只列出，没有核对")
    });
}

#[test]
fn a_span_of_months_beside_records_counts_its_months_but_no_money() {
    // Row 2: 1996-01…2005-12, 118 of its 120 months paid, no amounts; no row at all for
    // 2006-01…03; then months with records. The span's months are paid months (which two are
    // missing is not known: no gap inside it), the months with no row are a gap, and the
    // totals and the account say what they leave out.
    let span = |from, to, months, row| CoverageSpan {
        insurance: Insurance::Pension,
        from,
        to,
        months,
        row,
    };
    let person = Person {
        records: pension_months(m(2006, 4), m(2006, 12), "1000"),
        coverage: vec![span(m(1996, 1), m(2005, 12), 118, 2)],
        ..Default::default()
    };
    let p = analyse_one(person);
    let pension = &p.insurances[0];
    assert_eq!(pension.months_paid, 118 + 9);
    assert_eq!(pension.gaps, vec![Span::new(m(2006, 1), m(2006, 3))]);
    assert_eq!(pension.first_month, Some(m(1996, 1)));
    assert!(!pension.coverage[0].complete);
    assert!(pension
        .coverage_note_zh()
        .starts_with("合计不含 1996-01 至 2005-12"));
    assert_says(&p.cannot_check, |c| {
        c.starts_with("文件第 2 行只写了一段时间和其中缴费的月数") && c.contains("算进了已缴月数")
    });
    let account = p.pension_account.as_ref().unwrap();
    assert_says(&account.assumptions, |a| a.contains("没有计入账户"));

    // A span over months that have records too may be those records: not counted, and said.
    let person = Person {
        records: pension_months(m(2006, 1), m(2006, 12), "1000"),
        coverage: vec![span(m(2006, 1), m(2006, 12), 12, 3)],
        ..Default::default()
    };
    let p = analyse_one(person);
    assert_eq!(p.insurances[0].months_paid, 12);
    assert!(p.insurances[0].coverage.is_empty());
    assert_says(&p.cannot_check, |c| {
        c.starts_with("文件第 3 行只写了一段时间和月数，又和逐月的记录重叠")
    });
}

#[test]
fn flexible_without_a_base_credits_its_share_of_the_payment() {
    let mut r = rec(m(2024, 3), Insurance::Pension, "0", "962.40", "0");
    r.base = None;
    r.employer = None;
    r.flexible = true;
    let p = run(vec![r], Some("hangzhou"));
    // 8 of the 20 per cent paid.
    assert_eq!(p.pension_account.unwrap().years[0].credits, d("384.96"));
}

#[test]
fn flexible_employment_said_by_the_file_is_checked_and_credited_as_such() {
    // 参保身份 灵活就业人员, pension a little short of 20 % (962.00, not 962.40).
    let mut pension = rec(m(2024, 3), Insurance::Pension, "4812", "962.00", "0");
    pension.employer = None;
    pension.flexible = true;
    let mut medical = rec(m(2024, 3), Insurance::Medical, "4812", "481.20", "0");
    medical.employer = None;
    medical.flexible = true;
    let p = run(vec![pension, medical], Some("hangzhou"));
    // The pension is judged against 20 % (a 0.40 difference), never against the employee's
    // 8 %; the medical rate of the flexibly employed is not in the data: not checked.
    let mismatch = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::PersonalAmountMismatch)
        .expect("a mismatch");
    assert_eq!(mismatch.insurance, Some(Insurance::Pension));
    assert!(mismatch.message.contains("962.40"), "{}", mismatch.message);
    assert_eq!(
        p.findings
            .iter()
            .filter(|f| f.code == FindingCode::PersonalAmountMismatch)
            .count(),
        1
    );
    // 8 % of the base is credited.
    assert_eq!(p.pension_account.unwrap().years[0].credits, d("384.96"));
}

#[test]
fn base_limits_unknown_once_per_year_and_city_not_given() {
    let recs = pension_months(m(2024, 11), m(2025, 2), "5000");
    let p = run(recs.clone(), Some("yingkou"));
    assert_eq!(codes(&p), vec![FindingCode::BaseLimitsUnknown]);
    assert_eq!(
        (p.findings[0].month, p.findings[0].to),
        (Some(m(2024, 11)), Some(m(2024, 12)))
    );
    assert_eq!(all_codes(&p), vec![FindingCode::BaseLimitsUnknown]);
    let p = run(recs, None);
    assert_eq!(all_codes(&p), vec![FindingCode::CityNotGiven]);
}

#[test]
fn base_limits_unknown_over_consecutive_years_is_one_finding() {
    // Liaoning's limits are known from 2025: 2021–2024 are one finding, not four.
    let p = run(
        pension_months(m(2021, 1), m(2025, 2), "5000"),
        Some("yingkou"),
    );
    let unknown: Vec<_> = p
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::BaseLimitsUnknown)
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(
        (unknown[0].month, unknown[0].to),
        (Some(m(2021, 1)), Some(m(2024, 12)))
    );
    assert!(
        unknown[0].message.contains("2021—2024年"),
        "{}",
        unknown[0].message
    );
}

#[test]
fn base_above_ceiling() {
    let p = run(
        pension_months(m(2025, 1), m(2025, 2), "30000"),
        Some("hangzhou"),
    );
    assert_eq!(codes(&p), vec![FindingCode::BaseAboveCeiling]);
    assert_eq!(
        p.findings[0].expected.map(|q| q.to_string()).as_deref(),
        Some("25299.00")
    );
}

#[test]
fn base_differs_between_insurances() {
    let mut recs = pension_months(m(2023, 1), m(2023, 2), "5000");
    recs.push(rec(m(2023, 1), Insurance::Medical, "6000", "120", "480"));
    recs.push(rec(m(2023, 2), Insurance::Medical, "6000", "120", "480"));
    let p = run(recs, None);
    assert_eq!(codes(&p), vec![FindingCode::BaseDiffersBetweenInsurances]);
    let f = p
        .findings
        .iter()
        .find(|f| f.code == FindingCode::BaseDiffersBetweenInsurances)
        .unwrap();
    assert_eq!((f.month, f.to), (Some(m(2023, 1)), Some(m(2023, 2))));
    assert!(
        f.message
            .contains("养老保险 5000.00 元，医疗保险 6000.00 元"),
        "{}",
        f.message
    );
}

#[test]
fn declared_last_month_without_record_is_not_booked_yet() {
    let recs = pension_months(m(2023, 2), m(2024, 12), "5000");
    let mut s = statement(recs.clone());
    s.declared_period = Some((m(2023, 2), m(2025, 1)));
    let p = analyse(s, &policy(), &Options::default()).people.remove(0);
    assert_eq!(p.insurances[0].not_booked_yet, Some(m(2025, 1)));
    assert!(p.insurances[0].gaps.is_empty());
    // Two months after the last record: the first is a gap, the last not booked yet.
    let mut s = statement(recs);
    s.declared_period = Some((m(2023, 2), m(2025, 2)));
    let p = analyse(s, &policy(), &Options::default()).people.remove(0);
    assert_eq!(
        p.insurances[0].gaps,
        vec![Span::new(m(2025, 1), m(2025, 1))]
    );
    assert_eq!(p.insurances[0].not_booked_yet, Some(m(2025, 2)));
}

#[test]
fn row_order_changes_nothing() {
    let mut recs = pension_months(m(2022, 6), m(2024, 3), "5000");
    recs.retain(|r| r.month != m(2023, 5));
    recs[3].personal = Some(d("1"));
    recs.push(rec(m(2023, 1), Insurance::Medical, "5000", "100", "400"));
    let pol = policy();
    let o = Options {
        city: Some("yingkou".into()),
        ..Default::default()
    };
    let a = analyse(statement(recs.clone()), &pol, &o);
    recs.reverse();
    let b = analyse(statement(recs), &pol, &o);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn coverage_only_reports_counts_and_what_cannot_be_checked() {
    let span = |ins, from, to, months, row| CoverageSpan {
        insurance: ins,
        from,
        to,
        months,
        row,
    };
    let person = Person {
        name: Some("李四".into()),
        coverage: vec![
            span(Insurance::Pension, m(2015, 1), m(2017, 12), 36, 3),
            span(Insurance::Pension, m(2018, 3), m(2020, 2), 20, 4),
            span(Insurance::Unemployment, m(2015, 1), m(2017, 12), 36, 3),
        ],
        ..Default::default()
    };
    let p = analyse_one(person);
    let pen = &p.insurances[0];
    assert_eq!(pen.months_paid, 56);
    assert_eq!(pen.gaps, vec![Span::new(m(2018, 1), m(2018, 2))]);
    assert_eq!(pen.personal_total, None);
    assert!(!pen.coverage[1].complete);
    assert_eq!(codes(&p), vec![FindingCode::CoverageOnly]);
    assert_says(&p.cannot_check, |c| c.contains("没有逐月的缴费基数和金额"));
    assert_says(&p.cannot_check, |c| {
        c.contains("2018-03 至 2020-02 共 24 个月只缴了 20 个月")
    });
    assert!(p.pension_account.is_none());
}

#[test]
fn json_masks_ids_and_prints_money_with_two_decimals() {
    let s = statement(pension_months(m(2024, 1), m(2024, 1), "4359"));
    let r = analyse(s, &policy(), &Options::default());
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["people"][0]["id_masked"], "110101********1234");
    assert_eq!(
        json["people"][0]["insurances"][0]["personal_total"],
        "348.72"
    );
    assert_eq!(json["people"][0]["insurances"][0]["first_month"], "2024-01");
    assert_eq!(json["source"]["layout"], "long");
    assert!(!serde_json::to_string(&r).unwrap().contains("199001011234"));
}

/// A file whose columns and titles name no insurance is read as the one its sheet's or
/// file's name names, else as pension; the analysis reads it as the one insurance whose
/// personal rate fits every amount, else keeps that reading, and says what it decided.
#[test]
fn a_file_naming_no_insurance_is_read_as_the_insurance_its_rates_fit() {
    let run_assumed = |read_as: Insurance, personal: &[&str], base: &str| {
        let records = personal
            .iter()
            .enumerate()
            .map(|(i, p)| rec(m(2024, i as u32 + 1), read_as, base, p, "400"))
            .collect();
        let mut s = statement(records);
        s.source.insurance_assumed = true;
        let opts = Options {
            city: Some("yingkou".into()),
            ..Default::default()
        };
        analyse(s, &policy(), &opts).people.remove(0)
    };
    let kinds = |p: &PersonReport| p.insurances.iter().map(|i| i.kind).collect::<Vec<_>>();
    let note = |p: &PersonReport| {
        p.findings
            .iter()
            .find(|f| f.code == FindingCode::InsuranceAssumed)
            .map(|f| f.message.clone())
            .unwrap_or_default()
    };
    let says = |p: &PersonReport, text: &str| assert!(note(p).contains(text), "{}", note(p));
    use Insurance::{Medical, Pension};

    // 2 % of the base: a medical statement, not a pension one short by 6 %.
    let medical = run_assumed(Pension, &["100.00", "100.00", "100.00"], "5000");
    assert_eq!(kinds(&medical), [Medical]);
    says(&medical, "按医疗保险读");
    assert!(medical.pension_account.is_none());
    assert!(!codes(&medical).contains(&FindingCode::PersonalAmountMismatch));

    // 8 %: pension, and the report says why.
    let pension = run_assumed(Pension, &["400.00", "400.00"], "5000");
    assert_eq!(kinds(&pension), [Pension]);
    says(&pension, "和养老保险的个人费率相符");
    assert!(pension.pension_account.is_some());

    // Amounts no one rate fits: the reading is kept, with the warning that the figures may
    // not apply, and the amounts that do not fit the pension rate are still named.
    let mixed = run_assumed(Pension, &["400.00", "100.00"], "5000");
    assert_eq!(kinds(&mixed), [Pension]);
    says(&mixed, "如果不是养老保险的明细");
    assert!(codes(&mixed).contains(&FindingCode::PersonalAmountMismatch));
    assert!(mixed.pension_account.is_some());

    // Not one amount fits the reading, nor any other rate (0.7 % of the base): no pension
    // account is made of them.
    let unclear = run_assumed(Pension, &["35.00", "35.00"], "5000");
    assert_eq!(kinds(&unclear), [Pension]);
    says(&unclear, "所以没有计算个人账户");
    assert!(unclear.pension_account.is_none());

    // A file named 医保… whose amounts are 8 % of the base is pension: the amounts outweigh
    // a name; without a base to weigh, the name's reading stays, with the warning.
    let renamed = run_assumed(Medical, &["400.00", "400.00"], "5000");
    assert_eq!(kinds(&renamed), [Pension]);
    let mut no_base = statement(vec![rec(m(2024, 1), Medical, "5000", "100.00", "400")]);
    no_base.people[0].records[0].base = None;
    no_base.source.insurance_assumed = true;
    let no_base = analyse(no_base, &policy(), &Options::default())
        .people
        .remove(0);
    assert_eq!(kinds(&no_base), [Medical]);
    says(&no_base, "按医疗保险读；如果不是医疗保险的明细");

    // A file not read by assumption gets no note.
    let stated = run(
        pension_months(m(2024, 1), m(2024, 2), "5000"),
        Some("yingkou"),
    );
    assert!(note(&stated).is_empty());
}

/// A month paid short is owed, and the totals and the account say they leave out what did
/// arrive.
#[test]
fn a_month_paid_short_is_named_beside_the_totals_and_the_account() {
    let mut recs = pension_months(m(2024, 1), m(2024, 3), "5000");
    recs[1].status = PayStatus::Unpaid;
    recs[1].paid_short = true;
    let text = shebao_calc::summary_zh(&analyse(
        statement(recs.clone()),
        &policy(),
        &Options::default(),
    ));
    assert!(
        text.contains("单位合计 1600.00 元（合计不含 2024-02 未缴足的月份已缴的部分）"),
        "{text}"
    );
    let p = run(recs, Some("yingkou"));
    let pension = &p.insurances[0];
    assert!(pension.arrears[0].paid_short && pension.has_paid_short());
    assert_eq!(pension.open_arrears_months(), 1);
    assert_eq!(
        pension.paid_short_note_zh(),
        "合计不含 2024-02 未缴足的月份已缴的部分"
    );
    let account = p.pension_account.as_ref().unwrap();
    assert!(account
        .assumptions
        .iter()
        .any(|a| a == "2024-02 未缴足，已缴的部分没有计入账户。"));
    let plain = shebao_calc::summary_zh(&analyse(
        statement(pension_months(m(2024, 1), m(2024, 1), "5000")),
        &policy(),
        &Options::default(),
    ));
    assert!(!plain.contains("未缴足"));
}
