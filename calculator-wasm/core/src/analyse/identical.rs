//! Rows identical in every figure. A counter system's payment history may print one month's
//! row many times: the copies are one payment, so each counts once, and the report says so.
//! Rows that differ for the same month stay for [`super::bases::duplicates`] to judge.

use super::group;
use super::runs::runs;
use super::text::{period_zh, rows_at_zh};
use crate::record::{Insurance, Record};
use crate::report::{Finding, FindingCode, Quantity};

/// Whether two records say the same thing (everything but the row they came from).
fn same(a: &Record, b: &Record) -> bool {
    a.month == b.month
        && a.insurance == b.insurance
        && a.base == b.base
        && a.personal == b.personal
        && a.employer == b.employer
        && a.status == b.status
        && a.kind == b.kind
        && a.settled == b.settled
        && a.stated_personal_rate == b.stated_personal_rate
        && a.employer_name == b.employer_name
}

/// The records with identical copies left out (the first of each kept, file order kept), and
/// one finding per run of months whose rows were repeated the same number of times (rows
/// named with their pages in a PDF: `row_pages` as in `SourceInfo`).
pub fn drop_copies<'a>(
    records: &[&'a Record],
    row_pages: &[(usize, u32)],
) -> (Vec<&'a Record>, Vec<Finding>) {
    // Within each month, each record with the rows of its copies (a month holds few records).
    let mut kept: Vec<(&'a Record, Vec<usize>)> = Vec::with_capacity(records.len());
    for rows in group::by_month(records).into_values() {
        let first = kept.len();
        for r in rows {
            match kept[first..].iter_mut().find(|(k, _)| same(k, r)) {
                Some((_, copies)) => copies.push(r.row),
                None => kept.push((r, Vec::new())),
            }
        }
    }
    // File order, as the records came.
    crate::order::sort_by_key(&mut kept, |(r, _)| r.row);
    // Each repeated record: its month, insurance and every row that printed it.
    let repeated: Vec<(&Record, Vec<usize>)> = kept
        .iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(r, c)| {
            (
                *r,
                std::iter::once(r.row).chain(c.iter().copied()).collect(),
            )
        })
        .collect();
    let mut findings = Vec::new();
    for ins in Insurance::ALL {
        let mine: Vec<&(&Record, Vec<usize>)> = repeated
            .iter()
            .filter(|(r, _)| r.insurance == ins)
            .collect();
        // Runs of months whose row was repeated equally often.
        let counts = mine
            .iter()
            .map(|(r, rows)| (r.month, rows.len() as u32))
            .collect();
        for (from, to, n) in runs(counts) {
            let example = mine
                .iter()
                .find(|(r, _)| r.month == from)
                .map(|(_, rows)| rows_at_zh(rows, row_pages))
                .unwrap_or_default();
            let each = if from == to { "" } else { "每个月" };
            let message = format!(
                "{} {}{each}有 {n} 行数字完全相同的记录，例如文件{example}。这些按同一笔缴费重复列出处理，只算 1 笔；如果确实交了两次，请向社保经办机构核实。",
                period_zh(from, to),
                ins.name_zh(),
            );
            findings.push(
                Finding::new(FindingCode::IdenticalRows, message)
                    .insurance(ins)
                    .months(from, to)
                    .compare(Quantity::Count(1), Quantity::Count(n)),
            );
        }
    }
    (kept.into_iter().map(|(r, _)| r).collect(), findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::month::Month;
    use rust_decimal::Decimal;

    fn record(row: usize, month: u32, personal: i64) -> Record {
        Record {
            base: Some(Decimal::from(5000)),
            personal: Some(Decimal::from(personal)),
            ..Record::for_test(row, Month::new(2023, month).unwrap())
        }
    }

    #[test]
    fn eight_identical_rows_count_once_and_are_reported() {
        let rows: Vec<Record> = (2..10).map(|row| record(row, 5, 400)).collect();
        let refs: Vec<&Record> = rows.iter().collect();
        let (kept, findings) = drop_copies(&refs, &[]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].row, 2);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, FindingCode::IdenticalRows);
        assert_eq!(findings[0].actual, Some(Quantity::Count(8)));
    }

    #[test]
    fn rows_that_differ_stay() {
        let rows = [record(2, 5, 400), record(3, 5, 410)];
        let refs: Vec<&Record> = rows.iter().collect();
        let (kept, findings) = drop_copies(&refs, &[]);
        assert_eq!(kept.len(), 2);
        assert!(findings.is_empty());
    }

    #[test]
    fn repeated_months_in_a_row_make_one_finding() {
        let rows: Vec<Record> = (1..=3)
            .flat_map(|m| {
                [
                    record(m as usize * 10, m, 400),
                    record(m as usize * 10 + 1, m, 400),
                ]
            })
            .collect();
        let refs: Vec<&Record> = rows.iter().collect();
        let (kept, findings) = drop_copies(&refs, &[]);
        assert_eq!(kept.len(), 3);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].to, Month::new(2023, 3));
    }
}
