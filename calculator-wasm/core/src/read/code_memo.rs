//! Remembers how code and status texts were read during one file.

use super::codes::{
    insurance_from_cell, kind_from_cell, status_from_cell, CodeScheme, InsuranceCell,
};
use crate::record::{PayStatus, PaymentKind};

/// A status cell read: the status and, for texts like 补缴, a kind of payment.
type StatusRead = Option<(PayStatus, Option<PaymentKind>)>;

/// Remembers how code and status texts were read: a file repeats a handful of values over
/// thousands of rows, and matching each one against every name is the reader's hot spot.
#[derive(Default)]
pub struct CodeMemo {
    insurance: Vec<(String, InsuranceCell)>,
    status: Vec<(String, StatusRead)>,
    kind: Vec<(String, Option<PaymentKind>)>,
}

/// Small memo tables: a linear scan of up to this many entries, then no more memoising.
const MEMO_SIZE: usize = 32;

fn memo<T: Copy>(table: &mut Vec<(String, T)>, key: &str, f: impl FnOnce(&str) -> T) -> T {
    if let Some((_, v)) = table.iter().find(|(k, _)| k == key) {
        return *v;
    }
    let v = f(key);
    if table.len() < MEMO_SIZE {
        table.push((key.to_string(), v));
    }
    v
}

impl CodeMemo {
    pub fn insurance(&mut self, t: &str, scheme: CodeScheme) -> InsuranceCell {
        memo(&mut self.insurance, t, |t| insurance_from_cell(t, scheme))
    }
    pub fn status(&mut self, t: &str) -> StatusRead {
        memo(&mut self.status, t, status_from_cell)
    }
    pub fn kind(&mut self, t: &str) -> Option<PaymentKind> {
        memo(&mut self.kind, t, kind_from_cell)
    }
}
