//! `monthly_bases` against the `BTreeMap` formulation it replaced.

use super::*;
use shebao_calc::record::{PayStatus, Record};
use std::collections::BTreeMap;

fn reference(person: &Person) -> (Option<Insurance>, Vec<(Month, Decimal)>) {
    for ins in Insurance::ALL {
        let mut map = BTreeMap::new();
        for r in person.records.iter().filter(|r| r.insurance == ins) {
            if matches!(
                r.kind,
                PaymentKind::BaseTopUp | PaymentKind::RateTopUp | PaymentKind::Refund
            ) {
                continue;
            }
            if let Some(b) = r.base.filter(|b| *b > Decimal::ZERO) {
                let e = map.entry(r.month).or_insert(b);
                *e = (*e).max(b);
            }
        }
        if !map.is_empty() {
            return (Some(ins), map.into_iter().collect());
        }
    }
    (None, Vec::new())
}

fn record(ins: Insurance, m: i64, base: Option<Decimal>, kind: PaymentKind, row: usize) -> Record {
    Record {
        month: Month::from_index(24_000 + m).expect("month in range"),
        insurance: ins,
        base,
        personal: None,
        employer: None,
        status: PayStatus::Paid,
        kind,
        settled: None,
        stated_personal_rate: None,
        employer_name: None,
        row,
    }
}

/// Each figure with its scale, so equal values written differently are told apart.
fn shown(v: &[(Month, Decimal)]) -> Vec<(Month, String)> {
    v.iter().map(|(m, b)| (*m, b.to_string())).collect()
}

#[test]
fn same_months_figures_and_insurance_as_the_map() {
    let d = |n: i64, scale: u32| Some(Decimal::new(n, scale));
    let rows = [
        (Insurance::Medical, 3, d(400_000, 2), PaymentKind::Normal),
        (Insurance::Pension, 5, d(4000, 0), PaymentKind::Normal),
        (Insurance::Pension, 1, d(350_000, 2), PaymentKind::Normal),
        (Insurance::Pension, 5, d(400_000, 2), PaymentKind::BackPay),
        (Insurance::Pension, 1, d(3000, 0), PaymentKind::Normal),
        (Insurance::Pension, 2, d(900, 0), PaymentKind::BaseTopUp),
        (Insurance::Pension, 2, None, PaymentKind::Normal),
        (Insurance::Pension, 4, d(0, 0), PaymentKind::Normal),
        (Insurance::Pension, 0, d(2500, 0), PaymentKind::Refund),
        (Insurance::Pension, 0, d(2600, 0), PaymentKind::Normal),
    ];
    let records: Vec<Record> = rows
        .iter()
        .enumerate()
        .map(|(i, (ins, m, b, k))| record(*ins, *m, *b, *k, i + 1))
        .collect();
    let person = Person {
        records,
        ..Person::default()
    };
    let (ins, ours) = monthly_bases(&person);
    let (ref_ins, theirs) = reference(&person);
    assert_eq!(ins, Some(Insurance::Pension));
    assert_eq!(ins, ref_ins);
    assert_eq!(shown(&ours), shown(&theirs));
    // Month 5: 4000 and 4000.00 are equal; the earlier row's figure stands, as with the map.
    assert_eq!(shown(&ours)[2].1, "4000");
    assert_eq!(ours.len(), 3);

    let medical_only = Person {
        records: vec![record(
            Insurance::Medical,
            1,
            d(5000, 0),
            PaymentKind::Normal,
            1,
        )],
        ..Person::default()
    };
    assert_eq!(monthly_bases(&medical_only).0, Some(Insurance::Medical));
    assert_eq!(
        shown(&monthly_bases(&medical_only).1),
        shown(&reference(&medical_only).1)
    );
}
