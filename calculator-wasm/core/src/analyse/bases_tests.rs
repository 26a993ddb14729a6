//! `effective_bases` against the `BTreeMap` formulation it replaced.

use super::*;
use crate::record::PayStatus;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The former implementation, kept as the reference.
fn reference(records: &[&Record]) -> Vec<((Insurance, Month), Decimal)> {
    let mut regular: BTreeMap<(Insurance, Month), (bool, Decimal)> = BTreeMap::new();
    let mut top_ups: BTreeMap<(Insurance, Month), Decimal> = BTreeMap::new();
    for r in records {
        let Some(base) = r.base else { continue };
        let key = (r.insurance, r.month);
        match r.kind {
            PaymentKind::BaseTopUp => *top_ups.entry(key).or_default() += base,
            PaymentKind::Normal | PaymentKind::BackPay | PaymentKind::TransferIn => {
                let paid = pays_month(r);
                match regular.get(&key) {
                    Some((true, _)) => {}
                    Some((false, _)) if !paid => {}
                    _ => {
                        regular.insert(key, (paid, base));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out: BTreeMap<(Insurance, Month), Decimal> = BTreeMap::new();
    out.extend(regular.into_iter().map(|(k, (_, b))| (k, b)));
    for (k, extra) in top_ups {
        *out.entry(k).or_default() += extra;
    }
    out.into_iter().collect()
}

const KINDS: [PaymentKind; 4] = [
    PaymentKind::Normal,
    PaymentKind::BackPay,
    PaymentKind::BaseTopUp,
    PaymentKind::Refund,
];
const STATUSES: [PayStatus; 3] = [PayStatus::Paid, PayStatus::Unpaid, PayStatus::InTransit];
const INSURANCES: [Insurance; 2] = [Insurance::Pension, Insurance::Medical];

proptest! {
    #[test]
    fn same_as_btreemap(rows in proptest::collection::vec(
        (0usize..2, 0i64..4, proptest::option::of(0i64..500_000), 0usize..4, 0usize..3, 0u32..3),
        0..40,
    )) {
        let records: Vec<Record> = rows
            .iter()
            .enumerate()
            .filter_map(|(row, &(ins, m, base, kind, status, scale))| {
                Some(Record {
                    month: Month::from_index(24_000 + m)?,
                    insurance: INSURANCES[ins],
                    base: base.map(|b| Decimal::new(b, scale)),
                    personal: None,
                    employer: None,
                    status: STATUSES[status],
                    kind: KINDS[kind],
                    settled: None,
                    stated_personal_rate: None,
                    employer_name: None,
                    row: row + 1,
                })
            })
            .collect();
        prop_assert_eq!(records.len(), rows.len());
        let refs: Vec<&Record> = records.iter().collect();
        let ours = effective_bases(&refs);
        let theirs = reference(&refs);
        prop_assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(&theirs) {
            // Same key, value and scale (the text of the figure).
            prop_assert_eq!(a.0, b.0);
            prop_assert_eq!(a.1.to_string(), b.1.to_string());
        }
    }
}
