//! Records grouped by insurance and month: the shape most questions about a statement take
//! (what was paid for a month, on which base, how often).

use crate::month::Month;
use crate::record::{Insurance, Record};
use std::collections::BTreeMap;

/// Records by (insurance, month), in that order; within a month, in file order.
pub type ByMonth<'a> = BTreeMap<(Insurance, Month), Vec<&'a Record>>;

/// Group records by (insurance, month).
pub fn by_month<'a>(records: &[&'a Record]) -> ByMonth<'a> {
    let mut out = ByMonth::new();
    for r in records {
        out.entry((r.insurance, r.month)).or_default().push(*r);
    }
    out
}
