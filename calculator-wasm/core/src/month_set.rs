//! A sorted set of months kept in a plain `Vec`.
//!
//! `BTreeSet<Month>` brings its own copy of the B-tree insert, search and iteration code into
//! the wasm module for this one element type; a sorted, deduplicated `Vec` reuses the shared
//! non-generic sort (`crate::order`) and a binary search. Order and contents are exactly those
//! of the `BTreeSet` it replaces.

use crate::month::Month;

/// Months in ascending order, each once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthSet(Vec<Month>);

impl MonthSet {
    /// The set of the given months (any order, repeats allowed).
    pub fn from_months(months: impl IntoIterator<Item = Month>) -> MonthSet {
        let mut v: Vec<Month> = months.into_iter().collect();
        crate::order::sort_by_key(&mut v, |m| *m);
        v.dedup();
        MonthSet(v)
    }

    pub fn contains(&self, m: Month) -> bool {
        self.0.binary_search(&m).is_ok()
    }

    pub fn first(&self) -> Option<Month> {
        self.0.first().copied()
    }

    pub fn last(&self) -> Option<Month> {
        self.0.last().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The months in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = Month> + '_ {
        self.0.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        #[test]
        fn same_as_btreeset(v in proptest::collection::vec(0i64..60, 0..80), probe in 0i64..60) {
            let months: Vec<Month> = v.iter().filter_map(|i| Month::from_index(24_000 + i)).collect();
            prop_assert_eq!(months.len(), v.len());
            let ours = MonthSet::from_months(months.iter().copied());
            let std_set: BTreeSet<Month> = months.iter().copied().collect();
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), std_set.iter().copied().collect::<Vec<_>>());
            prop_assert_eq!(ours.len(), std_set.len());
            prop_assert_eq!(ours.first(), std_set.first().copied());
            prop_assert_eq!(ours.last(), std_set.last().copied());
            let p = Month::from_index(24_000 + probe);
            if let Some(p) = p {
                prop_assert_eq!(ours.contains(p), std_set.contains(&p));
            }
            prop_assert_eq!(ours.is_empty(), months.is_empty());
        }
    }
}
