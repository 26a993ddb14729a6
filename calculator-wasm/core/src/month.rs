//! A calendar month (`YYYY-MM`), the unit every statement is counted in.

use std::fmt;

/// A calendar month. Ordered, and convertible to a running index so that
/// ranges and gaps are plain integer arithmetic.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// `None` unless `1 <= month <= 12` and the year is plausible for a statement (1950–2100).
    pub fn new(year: u32, month: u32) -> Option<Month> {
        if (1950..=2100).contains(&year) && (1..=12).contains(&month) {
            Some(Month {
                year: year as u16,
                month: month as u8,
            })
        } else {
            None
        }
    }

    /// Strictly `YYYY-MM`, as in the policy files and the report.
    pub fn parse_ym(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// A month as a person types it (a CLI argument, the page's form): `YYYY-MM`, `YYYY-M`,
    /// `YYYY/MM`, `YYYY.MM` or `YYYYMM`. Statement cells have their own, wider reader
    /// (`read::month_text`); data files use [`Month::parse_ym`].
    pub fn parse_typed(text: &str) -> Option<Month> {
        let t = text.trim();
        let (y, m) = match t.find(['-', '/', '.']) {
            Some(i) => (&t[..i], &t[i + 1..]),
            None if t.len() == 6 => t.split_at(4),
            None => return None,
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || m.len() > 2 || !digits(y) || !digits(m) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The year.
    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    /// The month of the year, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// Months since year 0: consecutive months have consecutive indices.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// Inverse of [`Month::index`]; `None` outside the supported years.
    pub fn from_index(index: i64) -> Option<Month> {
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) + 1;
        Month::new(u32::try_from(year).ok()?, month as u32)
    }

    /// `self + n` months (n may be negative).
    pub fn offset(self, n: i64) -> Option<Month> {
        Month::from_index(self.index() + n)
    }

    /// The months from `self` to `to`, both included (none if `to < self`).
    pub fn through(self, to: Month) -> impl Iterator<Item = Month> {
        (self.index()..=to.index()).filter_map(Month::from_index)
    }

    /// The number of months from `self` to `other`, counting both ends (`0` if `other < self`).
    pub fn span_to(self, other: Month) -> u32 {
        let d = other.index() - self.index() + 1;
        if d < 0 {
            0
        } else {
            d as u32
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Month::parse_ym(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a month as YYYY-MM, got \"{s}\""))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips_and_orders() {
        let m = Month::new(2023, 12).unwrap();
        assert_eq!(m.offset(1), Month::new(2024, 1));
        assert_eq!(Month::from_index(m.index()), Some(m));
        assert_eq!(Month::new(2023, 1).unwrap().span_to(m), 12);
        assert!(Month::new(2023, 13).is_none());
        assert_eq!(m.to_string(), "2023-12");
    }

    #[test]
    fn typed_months_take_the_usual_spellings() {
        for ok in [
            "1970-05",
            "1970-5",
            "1970/5",
            "1970.05",
            "197005",
            " 1970-05 ",
        ] {
            assert_eq!(Month::parse_typed(ok), Month::new(1970, 5), "{ok}");
        }
        for bad in [
            "1970-13", "70-05", "1970", "1970-", "1970-+5", "19700501", "abcd-01",
        ] {
            assert_eq!(Month::parse_typed(bad), None, "{bad}");
        }
    }

    #[test]
    fn parse_ym_is_strict() {
        assert_eq!(Month::parse_ym("2023-07"), Month::new(2023, 7));
        for bad in [
            "2023-7",
            "23-07",
            "2023-13",
            "202307",
            "2023-07-01",
            "",
            "-",
        ] {
            assert_eq!(Month::parse_ym(bad), None, "{bad}");
        }
    }
}
