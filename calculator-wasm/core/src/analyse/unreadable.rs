//! Rows the reader could not read, and the months they may hold.
//!
//! The rule (documented in `calculator-wasm/README.md`): a file is refused only when none of
//! its data rows can be read. Otherwise every unreadable data row is listed, every total,
//! month count and balance says it leaves those rows out, and a month without a record read
//! is called a gap only when no unreadable row may hold it. Which months an unreadable row
//! may hold: its own month when the reader could still tell it; otherwise every month between
//! the months of the nearest rows read above and below it (statements list months in order,
//! oldest or newest first; where that guess is wide it only makes fewer gaps, never more).

use crate::month::Month;
use crate::record::Insurance;
use crate::report::UnreadableRun;
use crate::statement::Statement;
use std::collections::BTreeMap;

/// Where one unreadable row may fall: months `from..=to` (`None` = open on that side) of
/// its insurance (`None` = any).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    row: usize,
    insurance: Option<Insurance>,
    from: Option<Month>,
    to: Option<Month>,
}

impl Window {
    fn holds(&self, insurance: Insurance, m: Month) -> bool {
        self.insurance.is_none_or(|i| i == insurance)
            && self.from.is_none_or(|f| f <= m)
            && self.to.is_none_or(|t| m <= t)
    }
}

/// The unreadable rows of a file and the months each may hold.
#[derive(Clone, Debug, Default)]
pub struct Unread {
    windows: Vec<Window>,
}

impl Unread {
    /// From a read statement: the unreadable rows of person `person` (an index into
    /// `statement.people`) placed among that person's rows that were read. A row whose person
    /// is not known counts for everyone (it can only make fewer gaps).
    pub fn of(statement: &Statement, person: usize) -> Unread {
        let unreadable: Vec<&crate::statement::SkippedRow> = statement
            .source
            .rows_skipped
            .iter()
            .filter(|s| s.unreadable && s.person.is_none_or(|i| i == person))
            .collect();
        if unreadable.is_empty() {
            return Unread::default();
        }
        // The months of each of this person's rows read (a range row holds several): the
        // neighbours an unreadable row of theirs sits between.
        let mut by_row: BTreeMap<usize, (Month, Month)> = BTreeMap::new();
        let mut note = |row: usize, from: Month, to: Month| {
            let e = by_row.entry(row).or_insert((from, to));
            e.0 = e.0.min(from);
            e.1 = e.1.max(to);
        };
        if let Some(p) = statement.people.get(person) {
            for r in &p.records {
                note(r.row, r.month, r.month);
            }
            for c in &p.coverage {
                note(c.row, c.from, c.to);
            }
        }
        let windows = unreadable
            .iter()
            .map(|s| match s.month {
                Some(m) => Window {
                    row: s.row,
                    insurance: s.insurance,
                    from: Some(m),
                    to: Some(m),
                },
                None => {
                    let above = by_row.range(..s.row).next_back().map(|(_, v)| *v);
                    let below = by_row.range(s.row + 1..).next().map(|(_, v)| *v);
                    let (from, to) = match (above, below) {
                        (Some(a), Some(b)) => (Some(a.0.min(b.0)), Some(a.1.max(b.1))),
                        // First or last data row: open towards the end without neighbours.
                        (Some(a), None) => (Some(a.0), None),
                        (None, Some(b)) => (None, Some(b.1)),
                        (None, None) => (None, None),
                    };
                    Window {
                        row: s.row,
                        insurance: None,
                        from,
                        to,
                    }
                }
            })
            .collect();
        Unread { windows }
    }

    /// The unreadable rows, in file order.
    pub fn rows(&self) -> Vec<usize> {
        // A row may hold several unreadable months (a 权益记录单's grid): listed once.
        let mut rows: Vec<usize> = Vec::new();
        for w in &self.windows {
            if !rows.contains(&w.row) {
                rows.push(w.row);
            }
        }
        rows
    }

    /// The unreadable rows that may hold something of `insurance`, in file order.
    pub fn rows_for(&self, insurance: Insurance) -> Vec<usize> {
        let mut rows: Vec<usize> = Vec::new();
        for w in &self.windows {
            if w.insurance.is_none_or(|i| i == insurance) && !rows.contains(&w.row) {
                rows.push(w.row);
            }
        }
        rows
    }

    /// The months of `insurance` that unreadable rows are known to hold (the row's month
    /// could be read, something else could not).
    pub fn known_months(&self, insurance: Insurance) -> impl Iterator<Item = Month> + '_ {
        self.windows
            .iter()
            .filter(move |w| w.insurance.is_none_or(|i| i == insurance) && w.from == w.to)
            .filter_map(|w| w.from)
    }

    /// Whether some unreadable row may hold month `m` of `insurance`.
    pub fn may_hold(&self, insurance: Insurance, m: Month) -> bool {
        self.windows.iter().any(|w| w.holds(insurance, m))
    }

    /// Runs of months in `from..=to` that `pick` selects and an unreadable row may hold, each
    /// with the rows that may hold it.
    pub fn runs(
        &self,
        insurance: Insurance,
        from: Month,
        to: Month,
        pick: impl Fn(Month) -> bool,
    ) -> Vec<UnreadableRun> {
        if self.windows.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<UnreadableRun> = Vec::new();
        let mut m = Some(from);
        while let Some(cur) = m.filter(|c| *c <= to) {
            m = cur.offset(1);
            if !pick(cur) {
                continue;
            }
            let rows: Vec<usize> = self
                .windows
                .iter()
                .filter(|w| w.holds(insurance, cur))
                .map(|w| w.row)
                .collect();
            if rows.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(run) if run.to.offset(1) == Some(cur) && run.rows == rows => {
                    run.to = cur;
                    run.months += 1;
                }
                _ => out.push(UnreadableRun {
                    from: cur,
                    to: cur,
                    months: 1,
                    rows,
                }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Person, Record};
    use crate::statement::{Encoding, Format, Layout, SkippedRow, SourceInfo};

    const P: Insurance = Insurance::Pension;

    fn m(y: u32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    fn record(row: usize, month: Month) -> Record {
        Record::for_test(row, month)
    }

    fn statement(records: Vec<Record>, unreadable: &[(usize, Option<Month>)]) -> Statement {
        Statement {
            source: SourceInfo {
                format: Format::Csv,
                encoding: Encoding::Utf8,
                layout: Layout::Long,
                sheet: None,
                header_row: Some(1),
                pages: None,
                rows_read: records.len(),
                rows_skipped: unreadable
                    .iter()
                    .map(|(row, month)| SkippedRow {
                        row: *row,
                        reason: "看不懂".into(),
                        unreadable: true,
                        month: *month,
                        insurance: None,
                        person: None,
                    })
                    .collect(),
                form: false,
                row_pages: vec![],
                sheets_not_read: vec![],
                rows_stated: None,
                insurance_assumed: false,
            },
            people: vec![Person {
                records,
                ..Default::default()
            }],
            declared_period: None,
        }
    }

    #[test]
    fn a_row_between_two_months_may_hold_the_months_between_them() {
        let s = statement(
            vec![record(2, m(2023, 5)), record(4, m(2023, 7))],
            &[(3, None)],
        );
        let u = Unread::of(&s, 0);
        assert!(u.may_hold(P, m(2023, 6)));
        assert!(!u.may_hold(P, m(2023, 8)));
        assert_eq!(u.rows(), vec![3]);
        let runs = u.runs(P, m(2023, 5), m(2023, 7), |mo| mo == m(2023, 6));
        assert_eq!(runs.len(), 1);
        assert_eq!(
            (runs[0].from, runs[0].months, runs[0].rows.clone()),
            (m(2023, 6), 1, vec![3])
        );
    }

    #[test]
    fn newest_first_files_give_the_same_window() {
        let s = statement(
            vec![record(2, m(2023, 7)), record(4, m(2023, 5))],
            &[(3, None)],
        );
        assert!(Unread::of(&s, 0).may_hold(P, m(2023, 6)));
    }

    #[test]
    fn a_row_whose_month_was_read_holds_only_that_month() {
        let s = statement(
            vec![record(2, m(2023, 1)), record(4, m(2023, 12))],
            &[(3, Some(m(2023, 6)))],
        );
        let u = Unread::of(&s, 0);
        assert!(u.may_hold(P, m(2023, 6)));
        assert!(!u.may_hold(P, m(2023, 7)));
    }

    #[test]
    fn without_unreadable_rows_nothing_is_held() {
        let s = statement(vec![record(2, m(2023, 1))], &[]);
        let u = Unread::of(&s, 0);
        assert!(!u.may_hold(P, m(2023, 1)));
        assert!(u.rows().is_empty());
    }
}
