//! `credits_by_year` against the nested `BTreeMap` formulation it replaced.

use super::*;
use crate::month::Month;
use proptest::prelude::*;
use std::collections::BTreeMap;

proptest! {
    #[test]
    fn same_as_nested_btreemap(items in proptest::collection::vec(
        (0i64..40, -50_000i64..50_000, 0u32..3),
        0..60,
    )) {
        let items: Vec<(Month, Decimal)> = items
            .iter()
            .filter_map(|&(m, v, scale)| Some((Month::from_index(24_000 + m)?, Decimal::new(v, scale))))
            .collect();
        let mut reference: BTreeMap<u32, BTreeMap<u32, Decimal>> = BTreeMap::new();
        for (m, c) in &items {
            *reference.entry(m.year()).or_default().entry(m.month()).or_default() += *c;
        }
        let ours = credits_by_year(items);
        let shown = |v: &[(u32, Decimal)]| v.iter().map(|(m, c)| (*m, c.to_string())).collect::<Vec<_>>();
        prop_assert_eq!(ours.len(), reference.len());
        for ((y, months), (ry, rmonths)) in ours.iter().zip(&reference) {
            prop_assert_eq!(y, ry);
            let r: Vec<(u32, Decimal)> = rmonths.iter().map(|(m, c)| (*m, *c)).collect();
            prop_assert_eq!(shown(months), shown(&r));
            prop_assert_eq!(credits_of(&ours, *y).map(|v| shown(v)), Some(shown(&r)));
        }
        prop_assert!(credits_of(&ours, 1990).is_none());
    }
}
