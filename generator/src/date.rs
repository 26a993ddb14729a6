//! Calendar dates as editors write them (`2026-11-25`), and the one date rule the site needs:
//! is a review older than twelve months?

use std::fmt;

/// A valid calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31 (valid for the month).
    pub day: u8,
}

impl Date {
    /// Builds a date, or `None` if it is not a real calendar day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    }

    /// From a TOML value: a local date (`2026-11-25`) or a string holding one.
    pub fn from_toml(value: &toml::Value) -> Option<Date> {
        match value {
            toml::Value::String(s) => Date::parse(s),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                Date::new(d.year, d.month, d.day)
            }
            _ => None,
        }
    }

    /// True if `self` (a review date) is more than twelve months before `today`.
    pub fn is_older_than_a_year(self, today: Date) -> bool {
        let anniversary = (self.year + 1, self.month, self.day);
        anniversary < (today.year, today.month, today.day)
    }
}

impl Date {
    /// The civil date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// First day of the same month.
    pub fn month_start(self) -> Date {
        Date { day: 1, ..self }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-1-01").is_none());
        assert_eq!(Date::parse("2026-11-25").unwrap().to_string(), "2026-11-25");
    }

    #[test]
    fn unix_days() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix_days(20_417), Date::new(2025, 11, 25));
    }

    #[test]
    fn twelve_month_rule() {
        let today = Date::parse("2026-11-25").unwrap();
        assert!(!Date::parse("2025-11-25")
            .unwrap()
            .is_older_than_a_year(today));
        assert!(Date::parse("2025-11-24")
            .unwrap()
            .is_older_than_a_year(today));
    }

    #[test]
    fn reads_toml_dates_and_strings() {
        let v: toml::Table =
            toml::from_str("a = 2026-01-02\nb = \"2026-01-03\"\nc = 2026-01-02T10:00:00").unwrap();
        assert_eq!(Date::from_toml(&v["a"]), Date::new(2026, 1, 2));
        assert_eq!(Date::from_toml(&v["b"]), Date::new(2026, 1, 3));
        assert_eq!(Date::from_toml(&v["c"]), None);
    }
}
