//! Stable sorting through one shared, non-generic routine.
//!
//! `slice::sort_by_key` is monomorphised per element type and comparator: each call site
//! brings its own copy of the standard library's sort (about 5 KB of wasm each, ~55 KB in
//! the calculator module). Here only the index order is computed, by std's stable sort over
//! `usize` with a `dyn` comparator (one instance); the items are then moved into place by
//! swaps, also through `dyn`. The result is exactly that of `slice::sort_by_key`.
//!
//! Collecting into a `BTreeMap` or `BTreeSet` sorts a `Vec` first (another copy per type), so
//! the engine and its presentation `extend` an empty map or set instead (the two left cost
//! 8.6 KB gzip of the calculator module). Clippy refuses a direct std sort in these crates
//! (`calculator-wasm/clippy.toml`).

use std::cmp::Ordering;

/// Sort `items` by `key`, stably (equal keys keep their order), like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sort `items` with `compare`, stably, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    apply_order(&order, &mut |a, b| items.swap(a, b));
}

/// The indices `0..len` in the order `compare` sorts them, ties by index: std's stable sort,
/// instantiated once (for `usize` and a `dyn` comparator) whatever the items are.
#[inline(never)]
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods)] // the one call of std's sort
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearrange so that position `k` holds the item that was at `order[k]` (`order` is a
/// permutation), following each cycle once: O(n) swaps.
#[inline(never)]
fn apply_order(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let src = order[k];
            if src == start {
                break;
            }
            // Position k takes its item; the item it held (the one that belongs at the
            // cycle's start) moves to `src`, which is filled next.
            swap(k, src);
            k = src;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // compared with std's sort
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_std_stable_sort(v in proptest::collection::vec((0u8..6, 0u16..1000), 0..200)) {
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by_key(&mut ours, |x| x.0);
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn sort_by_matches_std(v in proptest::collection::vec(0i32..50, 0..200)) {
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by(&mut ours, |a, b| b.cmp(a));
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn reversed_input() {
        let mut v: Vec<u32> = (0..1000).rev().collect();
        sort_by_key(&mut v, |x| *x);
        assert_eq!(v, (0..1000).collect::<Vec<u32>>());
    }
}
