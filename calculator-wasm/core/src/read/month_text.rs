//! Months and ranges of months as written in statements.
//!
//! Hand-written scanning (no regex: small wasm, fast). Longest alternatives first and no
//! digit may follow a month, so `2021-10` is October, never January.
//! Single: `202301`, `20230501`, `2023-01`, `2023/1`, `2023.01`, `2023年1月`, `2023-05-01`,
//! `2023年5月1日`, `2023 12`, with an optional time after a date. Ranges: two of those joined
//! by `-`, `—`, `~`, `至`, `到` or spaces (`2018.01-2018.06`, `*1998-11至1998-12`,
//! `201609-201609`, `202505 202605`); a leading `*` marks a range that includes back-payments.
//!
//! In cells (not in running text) also: two-digit years (`23-01`, `23年4月`: 50–99 are
//! 1950–1999, 00–49 are 2000–2049, the only years a statement can hold), and Excel serial
//! day numbers saved as text (`44927`, read only between 30000 and 60000, 1982–2064, where no
//! other reading of five digits is possible). `2023.1` is refused here: Excel shows the number
//! 2023.10 (October) that way, so only the column's other cells can tell (see `dot_months`).

use super::grid::excel_serial_month;
use super::text_norm::{fix_ocr_digits, fold_width};
use crate::month::Month;
use std::borrow::Cow;

/// What a period cell holds.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Period {
    /// One month.
    Single(Month),
    /// A range, both ends included; `star` = marked `*` (includes back-payments).
    Range {
        /// First month.
        from: Month,
        /// Last month.
        to: Month,
        /// Marked with a leading `*`.
        star: bool,
    },
}

/// Longest range accepted: 80 years. Longer is a typo, not a career.
const MAX_RANGE_MONTHS: u32 = 80 * 12;

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
    /// Two-digit years are read (cells only; in running text `24个月` is not a year).
    short_years: bool,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    /// A maximal run of ASCII digits: (value, count). Value saturates (count tells).
    fn digits(&mut self) -> (u32, usize) {
        let bytes = self.rest().as_bytes();
        let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut v: u32 = 0;
        for b in &bytes[..n] {
            v = v.saturating_mul(10).saturating_add(u32::from(b - b'0'));
        }
        self.pos += n;
        (v, n)
    }

    fn eat(&mut self, t: &str) -> bool {
        if self.rest().starts_with(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, ts: &[&'static str]) -> Option<&'static str> {
        ts.iter().copied().find(|t| self.eat(t))
    }

    fn skip_spaces(&mut self) {
        let n = self.rest().len() - self.rest().trim_start().len();
        self.pos += n;
    }
}

/// Separators between year and month.
const YM_SEPS: &[&str] = &["-", "/", ".", "年", "_", " "];
/// Separators between the two ends of a range (longest first).
const RANGE_SEPS: &[&str] = &["--", "—", "–", "-", "~", "～", "至", "到", "－"];

/// Scan one month at the cursor. `Some(None)` = something month-shaped that is not a valid
/// month (`202313`); `None` = not month-shaped at all.
fn scan_month(c: &mut Cursor<'_>) -> Option<Option<Month>> {
    let start = c.pos;
    let (v, n) = c.digits();
    match n {
        6 => Some(Month::new(v / 100, v % 100)),
        8 => {
            let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
            Some(if (1..=31).contains(&d) {
                Month::new(y, m)
            } else {
                None
            })
        }
        2 if c.short_years => {
            let year = if v >= 50 { 1900 + v } else { 2000 + v };
            year_and_month(c, start, year, true)
        }
        4 => year_and_month(c, start, v, false),
        _ => {
            c.pos = start;
            None
        }
    }
}

/// After a year at the cursor: a separator, the month, and an optional day. `two_digit`:
/// the year was written with two digits (then a space does not separate: `23 01`).
fn year_and_month(
    c: &mut Cursor<'_>,
    start: usize,
    year: u32,
    two_digit: bool,
) -> Option<Option<Month>> {
    let sep = match c.eat_any(YM_SEPS) {
        Some(" ") if two_digit => None,
        sep => sep,
    };
    let Some(sep) = sep else {
        c.pos = start;
        return None;
    };
    let (m, mn) = c.digits();
    if mn == 0 || mn > 2 {
        c.pos = start;
        return None;
    }
    // `2023.1` may be January or October (the number 2023.10 as Excel shows it).
    if sep == "." && mn == 1 && m == 1 && !c.rest().starts_with('.') {
        return Some(None);
    }
    let month = Month::new(year, m);
    let after_month = c.pos;
    if sep == "年" {
        if !c.eat("月份") {
            c.eat("月");
        }
        let after_yue = c.pos;
        let (d, dn) = c.digits();
        if !((1..=2).contains(&dn) && (1..=31).contains(&d) && c.eat("日")) {
            c.pos = after_yue;
        }
    } else if sep != " " && c.eat(sep) {
        let (d, dn) = c.digits();
        if !((1..=2).contains(&dn) && (1..=31).contains(&d)) {
            c.pos = after_month;
        }
    }
    Some(month)
}

/// After a full date, a time of day may follow (`2023-05-01 00:00:00`, `2023-05-01T00:00`).
fn rest_is_time_or_empty(rest: &str) -> bool {
    let r = rest.trim();
    if r.is_empty() {
        return true;
    }
    let r = r.strip_prefix('T').unwrap_or(r);
    r.bytes()
        .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        && r.contains(':')
}

/// English month abbreviations, as Excel in an English locale writes a month it recognised
/// (`Jan-24` for `2024-01` when it saves a CSV again).
const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `Jan-24` or `Jan-2024` → `24-01` or `2024-01` (the year's digits as written).
fn english_month(cell: &str) -> Option<String> {
    let (name, year) = cell.split_once('-')?;
    let m = MONTH_NAMES
        .iter()
        .position(|n| name.eq_ignore_ascii_case(n))?
        + 1;
    let year_ok = matches!(year.len(), 2 | 4) && year.bytes().all(|b| b.is_ascii_digit());
    year_ok.then(|| format!("{year}-{m:02}"))
}

/// Prepare a cell for month parsing: fold widths, trim, English month names, OCR fixes for
/// PDF text.
fn prepare(raw: &str, ocr: bool) -> Cow<'_, str> {
    let f = match fold_width(raw) {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
        Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
    };
    let f = match english_month(&f) {
        Some(m) => Cow::Owned(m),
        None => f,
    };
    if ocr {
        Cow::Owned(fix_ocr_digits(&f).into_owned())
    } else {
        f
    }
}

/// A period cell: one month or a range. `Ok(None)` for an empty cell; `Err(())` otherwise
/// unreadable (the caller names the cell).
pub fn parse_period(raw: &str, ocr: bool) -> Result<Option<Period>, ()> {
    match parse_period_and_count(raw, ocr, true)? {
        Some((_, Some(_))) => Err(()),
        p => Ok(p.map(|(p, _)| p)),
    }
}

/// Excel serial day numbers saved as text: 30000–60000 (1982-02-18 to 2064-04-09). Below,
/// five digits may be a year and a month run together without its zero (`20231`).
const TEXT_SERIALS: std::ops::RangeInclusive<u32> = 30_000..=60_000;

/// A period cell, and the months paid within a range when the cell ends with a count
/// (`202505 202605 13`, as a 参保情况 column writes it).
/// `short_years`: two-digit years are read (a two-digit year never starts a range).
pub fn parse_period_and_count(
    raw: &str,
    ocr: bool,
    short_years: bool,
) -> Result<Option<(Period, Option<u32>)>, ()> {
    let s = prepare(raw, ocr);
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
        let v: u32 = s.parse().map_err(|_| ())?;
        return match TEXT_SERIALS.contains(&v) {
            true => excel_serial_month(i64::from(v))
                .map(|m| Some((Period::Single(m), None)))
                .ok_or(()),
            false => Err(()),
        };
    }
    let (star, body) = match s.strip_prefix('*') {
        Some(r) => (true, r.trim_start()),
        None => (false, &*s),
    };
    let mut c = Cursor {
        s: body,
        pos: 0,
        short_years,
    };
    let first = scan_month(&mut c).ok_or(())?.ok_or(())?;
    // The first month had a two-digit year when its third character is not a digit.
    let two_digit_year = !body.as_bytes().get(2).is_some_and(u8::is_ascii_digit);
    c.skip_spaces();
    if rest_is_time_or_empty(c.rest()) {
        return Ok(Some((
            if star {
                Period::Range {
                    from: first,
                    to: first,
                    star,
                }
            } else {
                Period::Single(first)
            },
            None,
        )));
    }
    if two_digit_year {
        return Err(());
    }
    // Two months with only spaces between are a range too (`202505 202605`).
    c.eat_any(RANGE_SEPS);
    c.skip_spaces();
    let second = scan_month(&mut c).ok_or(())?.ok_or(())?;
    let count = trailing_count(c.rest())?;
    if second < first || first.span_to(second) > MAX_RANGE_MONTHS {
        return Err(());
    }
    Ok(Some((
        Period::Range {
            from: first,
            to: second,
            star,
        },
        count,
    )))
}

/// What may follow a range: nothing, or a month count (`13`, `13个月`).
fn trailing_count(rest: &str) -> Result<Option<u32>, ()> {
    let r = rest.trim();
    if r.is_empty() {
        return Ok(None);
    }
    let r = r.trim_end_matches("个月").trim_end_matches('月').trim_end();
    if (1..=3).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_digit()) {
        r.parse().map(Some).map_err(|_| ())
    } else {
        Err(())
    }
}

/// One month in a cell (ranges are refused).
#[cfg(test)]
pub fn parse_month(raw: &str, ocr: bool) -> Result<Option<Month>, ()> {
    match parse_period(raw, ocr)? {
        None => Ok(None),
        Some(Period::Single(m)) => Ok(Some(m)),
        Some(Period::Range { from, to, .. }) if from == to => Ok(Some(from)),
        Some(Period::Range { .. }) => Err(()),
    }
}

/// The first range of months inside running text, e.g. a heading
/// `出具证明前24个月缴费情况（2023年02月-2025年01月）`.
pub fn find_range_in_text(text: &str) -> Option<(Month, Month)> {
    let s = fold_width(text);
    for (i, ch) in s.char_indices() {
        if !ch.is_ascii_digit() || s[..i].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut c = Cursor {
            s: &s,
            pos: i,
            short_years: false,
        };
        let Some(Some(a)) = scan_month(&mut c) else {
            continue;
        };
        c.skip_spaces();
        if c.eat_any(RANGE_SEPS).is_none() {
            continue;
        }
        c.skip_spaces();
        if let Some(Some(b)) = scan_month(&mut c) {
            if a <= b && !c.rest().starts_with(|c: char| c.is_ascii_digit()) {
                return Some((a, b));
            }
        }
    }
    None
}

/// The first single month inside running text (`社保期间：201610`, `2016年10月社保明细`).
pub fn find_month_in_text(text: &str) -> Option<Month> {
    let s = fold_width(text);
    for (i, ch) in s.char_indices() {
        if !ch.is_ascii_digit() || s[..i].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut c = Cursor {
            s: &s,
            pos: i,
            short_years: false,
        };
        if let Some(Some(m)) = scan_month(&mut c) {
            if !c.rest().starts_with(|c: char| c.is_ascii_digit()) {
                return Some(m);
            }
        }
    }
    None
}

/// A year cell: `2023`, `2023年`, `2023年度`.
pub fn parse_year(raw: &str, ocr: bool) -> Option<u32> {
    let s = prepare(raw, ocr);
    let s = s.trim_end_matches('度').trim_end_matches('年');
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: u32 = s.parse().ok()?;
        Month::new(y, 1).map(|_| y)
    } else {
        None
    }
}

/// A month-of-year cell: `1`, `01`, `1月`, `01月份`.
pub fn parse_month_of_year(raw: &str, ocr: bool) -> Option<u32> {
    let s = prepare(raw, ocr);
    let s = s.trim_end_matches('份').trim_end_matches('月');
    if (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        let m: u32 = s.parse().ok()?;
        (1..=12).contains(&m).then_some(m)
    } else {
        None
    }
}

/// A list of months of one year: `1-12`, `1,2,3`, `01-06,08-12`, `1月-6月`.
pub fn parse_month_list(raw: &str) -> Option<Vec<u32>> {
    let s = prepare(raw, false);
    let mut out = Vec::new();
    for part in s.split([',', '，', '、', ';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let mut c = Cursor {
            s: part,
            pos: 0,
            short_years: false,
        };
        let (a, an) = c.digits();
        c.eat("月");
        let b = if c.eat_any(&["-", "—", "~", "～", "至", "到"]).is_some() {
            let (b, bn) = c.digits();
            c.eat("月");
            if bn == 0 || bn > 2 {
                return None;
            }
            b
        } else {
            a
        };
        if an == 0
            || an > 2
            || !c.rest().trim().is_empty()
            || !(1..=12).contains(&a)
            || !(a..=12).contains(&b)
        {
            return None;
        }
        out.extend(a..=b);
    }
    crate::order::sort_by_key(&mut out, |m| *m);
    out.dedup();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
#[path = "month_text_tests.rs"]
mod tests;
