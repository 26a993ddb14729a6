//! Collecting records per person, in order of first appearance, and merging the
//! one-amount-per-row layout (a personal row and an employer row make one record).

use super::grid::Cell;
use crate::month::Month;
use crate::record::{
    CoverageSpan, Insurance, OfficialAccountYear, PayStatus, PaymentKind, Person, Record,
};
// std's HashMap with FxHash, not SipHash: the keys are the file's own data (no one to guard
// against), and SipHash with its random keys is ~0.5 KB gzip more wasm.
use rustc_hash::FxHashMap;

/// Builds the people of a statement.
#[derive(Default)]
pub struct People {
    people: Vec<Person>,
    /// Who is who: an ID (ASCII upper-cased, so `…123x` and `…123X` are one person), or a
    /// name for rows without an ID → index into `people`.
    index: FxHashMap<PersonKey, usize>,
    /// (person, month, insurance, kind) → records that may still take a missing part.
    open_parts: FxHashMap<(usize, Month, Insurance, u8), Vec<usize>>,
}

/// How a person is recognised: IDs identify; a name only when there is no ID; a damaged
/// ID (see [`damaged_id`]) with the name, as two people's may have become the same number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum PersonKey {
    Id(String),
    NameOnly(Option<String>),
    Damaged(Option<String>, String),
}

impl PersonKey {
    fn of(name: Option<&str>, id: Option<&str>) -> PersonKey {
        match id {
            Some(i) => PersonKey::Id(i.to_ascii_uppercase()),
            None => PersonKey::NameOnly(name.map(str::to_string)),
        }
    }
}

fn kind_code(k: PaymentKind) -> u8 {
    k as u8
}

impl People {
    /// The person with this name/ID, created on first sight. IDs identify; names are used
    /// only when there is no ID (a row without an ID is the person first seen under that
    /// name without one).
    pub fn person(&mut self, name: Option<&str>, id: Option<&str>) -> usize {
        let i = self.find_or_add(
            PersonKey::of(name, id),
            Person {
                name: name.map(str::to_string),
                id: id.map(str::to_string),
                ..Person::default()
            },
        );
        if self.people[i].name.is_none() {
            self.people[i].name = name.map(str::to_string);
        }
        i
    }

    /// The person with this name and an ID a spreadsheet damaged (`damaged`, as the cell
    /// shows it): no ID is kept, and the report says why.
    pub fn person_with_damaged_id(&mut self, name: Option<&str>, damaged: &str) -> usize {
        self.find_or_add(
            PersonKey::Damaged(name.map(str::to_string), damaged.to_string()),
            Person {
                name: name.map(str::to_string),
                id_damaged: true,
                ..Person::default()
            },
        )
    }

    /// The person known by `key`, else `new`, added.
    fn find_or_add(&mut self, key: PersonKey, new: Person) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.people.push(new);
        let i = self.people.len() - 1;
        self.index.insert(key, i);
        i
    }

    /// Add a record.
    pub fn push(&mut self, person: usize, record: Record) {
        if let Some(p) = self.people.get_mut(person) {
            p.records.push(record);
        }
    }

    /// Add one part of a one-amount-per-row record: fills the same person, month, insurance
    /// and kind's record if that part is still missing there, else starts a new record.
    pub fn push_part(&mut self, person: usize, record: Record, personal_part: bool) {
        let Some(p) = self.people.get_mut(person) else {
            return;
        };
        let key = (
            person,
            record.month,
            record.insurance,
            kind_code(record.kind),
        );
        let open = self.open_parts.entry(key).or_default();
        for &i in open.iter() {
            let Some(r) = p.records.get_mut(i) else {
                continue;
            };
            let missing = if personal_part {
                r.personal.is_none()
            } else {
                r.employer.is_none()
            };
            if missing {
                if personal_part {
                    r.personal = record.personal;
                    r.stated_personal_rate = record.stated_personal_rate.clone();
                } else {
                    r.employer = record.employer;
                }
                r.base = r.base.or(record.base);
                r.row = r.row.min(record.row);
                return;
            }
        }
        p.records.push(record);
        open.push(p.records.len() - 1);
    }

    /// Add a coverage span.
    pub fn push_coverage(&mut self, person: usize, span: CoverageSpan) {
        if let Some(p) = self.people.get_mut(person) {
            p.coverage.push(span);
        }
    }

    /// Add an official account year.
    pub fn push_account(&mut self, person: usize, year: OfficialAccountYear) {
        if let Some(p) = self.people.get_mut(person) {
            p.account_years.push(year);
        }
    }

    /// Set the last records' employer name continuation (a name wrapped onto the next line).
    pub fn append_employer_name(&mut self, person: usize, from_row: usize, more: &str) -> bool {
        let Some(p) = self.people.get_mut(person) else {
            return false;
        };
        let mut done = false;
        for r in p.records.iter_mut().rev().take_while(|r| r.row == from_row) {
            if let Some(n) = &mut r.employer_name {
                n.push_str(more);
                done = true;
            }
        }
        done
    }

    /// The people, each person's records in month order (then insurance, then row), so that
    /// newest-first files read the same as oldest-first ones. People without anything are dropped.
    /// The people with something read, in order, and where each index of [`People::person`]
    /// went (`None`: the person had nothing read and was left out).
    pub fn finish(self) -> (Vec<Person>, Vec<Option<usize>>) {
        let mut people = self.people;
        for p in &mut people {
            crate::order::sort_by_key(&mut p.records, |r| (r.month, r.insurance, r.row));
            settle_from_paying_rows(&mut p.records);
            crate::order::sort_by_key(&mut p.coverage, |c| (c.from, c.insurance, c.row));
            crate::order::sort_by_key(&mut p.account_years, |y| (y.year, y.row));
        }
        let has = |p: &Person| {
            !p.records.is_empty() || !p.coverage.is_empty() || !p.account_years.is_empty()
        };
        let mut moved = Vec::with_capacity(people.len());
        let mut kept = 0;
        for p in &people {
            moved.push(has(p).then_some(kept));
            kept += usize::from(has(p));
        }
        people.retain(has);
        (people, moved)
    }
}

/// An ID a spreadsheet turned into a number: a number of 16 digits or more (a double keeps
/// 15 or 16, so an 18-digit ID's last ones are lost), or its text in scientific notation
/// (`1.10101E+17`, as Excel writes such a number into a CSV).
pub fn damaged_id(cell: &Cell) -> bool {
    match cell {
        Cell::Number(d) => d.abs() >= rust_decimal::Decimal::from(1_000_000_000_000_000_u64),
        Cell::Text(t) => {
            let t = t.trim();
            t.starts_with(|c: char| c.is_ascii_digit())
                && (t.contains("E+") || t.contains("e+"))
                && t.bytes()
                    .all(|b| b.is_ascii_digit() || b"Ee+.".contains(&b))
        }
        _ => false,
    }
}

/// An unpaid row's month settled later: files give the payment month (到账日期, 缴费日期…) on
/// the row that paid it, not on the unpaid one. The unpaid row takes the latest such month of
/// its month and insurance, unless it says its own (足额到账年月). `records` are in month and
/// insurance order, so each month's rows of one insurance are together.
fn settle_from_paying_rows(records: &mut [Record]) {
    for rows in records.chunk_by_mut(|a, b| (a.month, a.insurance) == (b.month, b.insurance)) {
        let paid_in = rows
            .iter()
            .filter(|r| {
                matches!(r.status, PayStatus::Paid | PayStatus::InTransit)
                    && r.kind != PaymentKind::Refund
            })
            .filter_map(|r| r.settled)
            .max();
        for r in rows.iter_mut() {
            if r.status == PayStatus::Unpaid && r.settled.is_none() {
                r.settled = paid_in;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::People;

    #[test]
    fn ids_a_spreadsheet_turned_into_numbers_are_damaged() {
        use super::{damaged_id, Cell};
        use rust_decimal::Decimal;
        let damaged = [
            Cell::text("1.10101E+17"),
            Cell::text("1.10101199001011e+17"),
            Cell::Number(Decimal::from(110_101_199_001_011_230_u64)),
        ];
        assert!(damaged.iter().all(damaged_id));
        let fine = [
            Cell::text("110101199001011234"),
            Cell::text("11010119900101123X"),
            // A 15-digit ID (before 1999) fits a double exactly.
            Cell::Number(Decimal::from(110_101_900_101_123_u64)),
            Cell::text("E+17"),
        ];
        assert!(!fine.iter().any(damaged_id));
    }

    #[test]
    fn id_check_letter_in_either_case_is_one_person() {
        let mut people = People::default();
        let a = people.person(Some("张三"), Some("11010119800101123x"));
        let b = people.person(Some("李四"), Some("110101198001011234"));
        let c = people.person(None, Some("11010119800101123X"));
        assert_eq!(a, c);
        assert_ne!(a, b);
    }
}
