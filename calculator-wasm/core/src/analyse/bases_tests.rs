//! Effective bases and the base history.

use super::*;
use crate::record::PayStatus;

fn record(kind: PaymentKind, status: PayStatus, base: &str, row: usize) -> Record {
    Record {
        base: Some(base.parse().expect("decimal")),
        kind,
        status,
        ..Record::for_test(row, Month::new(2024, 3).expect("month"))
    }
}

#[test]
fn the_paid_regular_record_plus_top_ups_is_the_base() {
    let rows = [
        record(PaymentKind::Normal, PayStatus::Unpaid, "4000", 2),
        record(PaymentKind::Normal, PayStatus::Paid, "4500", 3),
        record(PaymentKind::Normal, PayStatus::Paid, "4800", 4),
        record(PaymentKind::BaseTopUp, PayStatus::Paid, "300", 5),
        record(PaymentKind::Refund, PayStatus::Paid, "4500", 6),
    ];
    let refs: Vec<&Record> = rows.iter().collect();
    let bases = effective_bases(&refs);
    let key = (Insurance::Pension, Month::new(2024, 3).expect("month"));
    assert_eq!(bases[&key].to_string(), "4800");
}

#[test]
fn without_a_city_the_history_is_not_judged() {
    let rows = [record(PaymentKind::Normal, PayStatus::Paid, "100", 2)];
    let refs: Vec<&Record> = rows.iter().collect();
    let h = history(Place::default(), &effective_bases(&refs)).expect("history");
    assert_eq!(h.insurance, Insurance::Pension);
    assert_eq!(h.years[0].status, BaseStatus::NotChecked);
}
