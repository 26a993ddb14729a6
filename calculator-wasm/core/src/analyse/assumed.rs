//! A file whose columns and titles name no insurance was read as the one its sheet's or
//! file's name names, else as pension. Its amounts can say otherwise: a medical statement's
//! personal amounts are 2 % of the base, not the pension's 8 %, and a file may have been
//! renamed. Decided here, before anything is counted, so every figure after it is the right
//! insurance's; the report says what was decided and why.

use super::amounts;
use crate::policy::lookup::Place;
use crate::policy::Policy;
use crate::record::Insurance;
use crate::report::{Finding, FindingCode};
use crate::statement::Statement;

/// The insurances a personal amount can tell apart (工伤 and 生育 have no personal part).
const CANDIDATES: [Insurance; 3] = [
    Insurance::Pension,
    Insurance::Medical,
    Insurance::Unemployment,
];

/// What the file's rows are taken to be, and the note that says so.
pub struct Decision {
    /// The insurance every row is read as.
    pub insurance: Insurance,
    /// Shown among each person's findings.
    pub note: Finding,
    /// The amounts contradict the insurance the rows are read as (not one that can be checked
    /// fits its rate): no pension account is built from them.
    pub contradicted: bool,
}

/// For a file read by assumption: the one insurance whose personal rate explains every
/// personal amount that can be checked, else the insurance the rows were read as, with a
/// note either way.
pub fn decide(statement: &Statement, policy: &Policy, place: Place<'_>) -> Decision {
    let read_as = statement
        .people
        .iter()
        .flat_map(|p| &p.records)
        .map(|r| r.insurance)
        .next()
        .unwrap_or(Insurance::Pension);
    // A zero amount fits no rate and every exempt month; it tells nothing apart.
    let telling = || {
        statement
            .people
            .iter()
            .flat_map(|p| &p.records)
            .filter(|r| r.personal.is_some_and(|p| !p.is_zero()))
    };
    // Some(true): every amount that can be checked fits `ins` (at least one can); Some(false):
    // one does not; None: none can be checked.
    let verdict = |ins: Insurance| {
        let mut fitted = None;
        for r in telling() {
            match amounts::explained_as(policy, place, r, ins) {
                Some(true) => fitted = Some(true),
                Some(false) => return Some(false),
                None => {}
            }
        }
        fitted
    };
    let mut fitting = CANDIDATES.into_iter().filter(|i| verdict(*i) == Some(true));
    let only = fitting.next().filter(|_| fitting.next().is_none());
    // Not one checkable amount fits the reading: more likely another insurance's statement
    // than a pension one paid wrong every month (some amounts fitting may be underpayments).
    let (mut checked, mut fitted) = (false, false);
    for r in telling() {
        if let Some(fits) = amounts::explained_as(policy, place, r, read_as) {
            checked = true;
            fitted |= fits;
        }
    }
    let contradicted = only.is_none() && checked && !fitted;
    let (insurance, message) = match only {
        Some(one) => (
            one,
            format!(
                "文件里没有写险种；个人缴费和{0}的个人费率相符，按{0}读。",
                one.name_zh()
            ),
        ),
        None if contradicted => (
            read_as,
            format!(
                "文件里没有写险种，按{0}读；但个人缴费和{0}的个人费率对不上，可能不是{0}的明细，所以没有计算个人账户。",
                read_as.name_zh()
            ),
        ),
        None => (
            read_as,
            format!(
                "文件里没有写险种，按{0}读；如果不是{0}的明细，下面的费率核对和账户都不适用。",
                read_as.name_zh()
            ),
        ),
    };
    Decision {
        insurance,
        note: Finding::new(FindingCode::InsuranceAssumed, message).insurance(insurance),
        contradicted,
    }
}

/// Every row read as `insurance` (all of them took the file's assumed insurance).
pub fn relabel(s: &mut Statement, insurance: Insurance) {
    for p in &mut s.people {
        for r in &mut p.records {
            r.insurance = insurance;
        }
        for c in &mut p.coverage {
            c.insurance = insurance;
        }
    }
    for row in &mut s.source.rows_skipped {
        if row.insurance.is_some() {
            row.insurance = Some(insurance);
        }
    }
}
