//! Months grouped into runs: consecutive months with the same key become one run.

use crate::month::Month;

/// Merge `(month, key)` items (any order) into maximal runs of consecutive months with equal
/// keys, sorted by first month. Items for the same month keep the first key seen after sorting.
pub fn runs<K: PartialEq + Clone>(mut items: Vec<(Month, K)>) -> Vec<(Month, Month, K)> {
    crate::order::sort_by_key(&mut items, |(m, _)| *m);
    let mut out: Vec<(Month, Month, K)> = Vec::new();
    for (m, k) in items {
        match out.last_mut() {
            Some((_, to, key)) if *to == m && *key == k => {}
            Some((_, to, key)) if to.offset(1) == Some(m) && *key == k => *to = m,
            _ => out.push((m, m, k)),
        }
    }
    out
}

/// Runs of consecutive months in `from..=to` for which `pick` is true.
pub fn runs_where(from: Month, to: Month, pick: impl Fn(Month) -> bool) -> Vec<(Month, Month)> {
    let mut out: Vec<(Month, Month)> = Vec::new();
    let mut m = Some(from);
    while let Some(cur) = m.filter(|c| *c <= to) {
        if pick(cur) {
            match out.last_mut() {
                Some((_, end)) if end.offset(1) == Some(cur) => *end = cur,
                _ => out.push((cur, cur)),
            }
        }
        m = cur.offset(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: u32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    #[test]
    fn merges_consecutive_equal_keys_only() {
        let got = runs(vec![
            (m(2024, 3), 1),
            (m(2024, 1), 1),
            (m(2024, 2), 1),
            (m(2024, 4), 2),
        ]);
        assert_eq!(
            got,
            vec![(m(2024, 1), m(2024, 3), 1), (m(2024, 4), m(2024, 4), 2)]
        );
        let got = runs(vec![(m(2023, 12), 'a'), (m(2024, 2), 'a')]);
        assert_eq!(got.len(), 2, "a missing month breaks the run");
    }

    #[test]
    fn runs_where_finds_holes_across_years() {
        let got = runs_where(m(2023, 11), m(2024, 3), |x| {
            x == m(2023, 12) || x == m(2024, 1)
        });
        assert_eq!(got, vec![(m(2023, 12), m(2024, 1))]);
    }
}
