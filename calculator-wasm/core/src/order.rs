//! Stable sorting through one shared, non-generic routine.
//!
//! `slice::sort_by_key` is monomorphised per element type and comparator: each call site
//! brings its own copy of the standard library's sort (about 5 KB of wasm each, ~55 KB in
//! the calculator module). Here only the index order is computed, by one small merge sort
//! over `usize` with a `dyn` comparator; the items are then moved into place by swaps, also
//! through `dyn`. The result is exactly that of `slice::sort_by_key`: ties keep their order.

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

/// The indices `0..len` in the order `compare` sorts them, ties by index.
///
/// A bottom-up merge sort rather than `slice::sort_by`: std's stable sort (driftsort, with
/// its quicksort and small-sort paths) is ~1 KB gzip of wasm even for this one `usize`
/// instance. Runs already in order are copied without comparing their items one by one, so
/// statements that arrive sorted (most do) cost one comparison per run boundary and level.
#[inline(never)]
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = vec![0; len];
    let mut width = 1;
    while width < len {
        for lo in (0..len).step_by(2 * width) {
            let mid = (lo + width).min(len);
            let hi = (lo + 2 * width).min(len);
            if mid == hi || compare(from[mid - 1], from[mid]) != Ordering::Greater {
                to[lo..hi].copy_from_slice(&from[lo..hi]);
                continue;
            }
            let (mut i, mut j) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // The left run wins ties: that is what keeps equal items in order.
                let take_right =
                    j < hi && (i == mid || compare(from[j], from[i]) == Ordering::Less);
                if take_right {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
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
    fn stable_order_is_a_stable_permutation() {
        for len in 0..40usize {
            let keys: Vec<usize> = (0..len).map(|i| (i * 7 + 3) % 5).collect();
            let order = stable_order(len, &|a, b| keys[a].cmp(&keys[b]));
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(order, expected, "len {len}");
        }
    }

    #[test]
    fn reversed_input() {
        let mut v: Vec<u32> = (0..1000).rev().collect();
        sort_by_key(&mut v, |x| *x);
        assert_eq!(v, (0..1000).collect::<Vec<u32>>());
    }
}
