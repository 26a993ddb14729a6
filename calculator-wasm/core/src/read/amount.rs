//! Amounts as written in statements: `1,234.50`, `-3000.00`, `¥800`, `800元`, `(300.00)`.
//! Anything else (`3a0`, `(2020)128号`) is an error, never a guess.

use super::text_norm::{fix_ocr_digits, fold_width};
use rust_decimal::Decimal;

/// Most digits after the point an amount or rate may have.
const MAX_DECIMALS: usize = 10;

/// `Ok(None)` for an empty cell or a placeholder (a run of dashes `-`, `——`, or `/`, `无`);
/// `Err(())` for text that is not an amount.
pub fn parse_amount(raw: &str, ocr: bool) -> Result<Option<Decimal>, ()> {
    let folded = fold_width(raw);
    let mut s = folded.trim();
    let dashes = s.chars().all(|c| matches!(c, '-' | '—' | '–'));
    if dashes || matches!(s, "/" | "无") {
        return Ok(None);
    }
    let fixed;
    if ocr {
        fixed = fix_ocr_digits(s);
        s = &fixed;
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    for prefix in ["¥", "￥", "RMB"] {
        if let Some(r) = s.strip_prefix(prefix) {
            s = r.trim_start();
        }
    }
    if let Some(r) = s.strip_suffix('元') {
        s = r.trim_end();
    }
    if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        negative = !negative;
        s = r.trim_start();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r;
    }
    let plain = strip_thousands(s)?;
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(());
    }
    if plain.starts_with('.') || plain.ends_with('.') || plain.matches('.').count() > 1 {
        return Err(());
    }
    // Decimal rounds away digits past its 28th without a word: no figure of a statement has
    // more than a rate's few decimals, so more than 10 is not a figure.
    if plain
        .split_once('.')
        .is_some_and(|(_, f)| f.len() > MAX_DECIMALS)
    {
        return Err(());
    }
    let d = Decimal::from_str_exact(&plain).map_err(|_| ())?;
    Ok(Some(if negative { -d } else { d }))
}

/// Remove thousands separators, but only where they sit every three digits (`344,361.00`);
/// `3,45` is rejected rather than read as 345.
fn strip_thousands(s: &str) -> Result<std::borrow::Cow<'_, str>, ()> {
    if !s.contains(',') {
        return Ok(std::borrow::Cow::Borrowed(s));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return Err(());
    }
    let mut out: String = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// A stated rate in a sub-header: `8%`, `2%+3` (rate plus a fixed sum), `0.5%`.
/// Returns the text before the rate and (rate, fixed).
pub fn split_stated_rate(label: &str) -> Option<(&str, Decimal, Decimal)> {
    let pct = label.find('%')?;
    let before = &label[..pct];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let rate = Decimal::from_str_exact(&before[start..]).ok()? / Decimal::from(100);
    let after = &label[pct + 1..];
    let fixed = match after.strip_prefix('+') {
        Some(f) if !f.is_empty() => Decimal::from_str_exact(f.trim_end_matches('元')).ok()?,
        Some(_) => return None,
        None if after.is_empty() => Decimal::ZERO,
        None => return None,
    };
    Some((&label[..start], rate, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("344,361.00", false), Ok(Some(d("344361.00"))));
        assert_eq!(parse_amount("-3000.00", false), Ok(Some(d("-3000.00"))));
        assert_eq!(parse_amount("(300.00)", false), Ok(Some(d("-300.00"))));
        assert_eq!(parse_amount("￥８００元", false), Ok(Some(d("800"))));
        assert_eq!(parse_amount("", false), Ok(None));
        assert_eq!(parse_amount("——", false), Ok(None));
        assert_eq!(parse_amount("3a0", false), Err(()));
        assert_eq!(parse_amount("(2020)128号", false), Err(()));
        assert_eq!(parse_amount("3,45", false), Err(()));
        assert_eq!(parse_amount("3OO.O0", true), Ok(Some(d("300.00"))));
        assert_eq!(parse_amount("3OO.O0", false), Err(()));
        assert_eq!(parse_amount("4.8E+02", false), Err(()));
    }

    #[test]
    fn stated_rates() {
        assert_eq!(
            split_stated_rate("个人2%+3"),
            Some(("个人", d("0.02"), d("3")))
        );
        assert_eq!(
            split_stated_rate("公司16%"),
            Some(("公司", d("0.16"), d("0")))
        );
        assert_eq!(split_stated_rate("个人缴纳"), None);
        // Decimal's FromStr would read 3e2 as 300 (and round long ones): never a guess.
        assert_eq!(split_stated_rate("个人2%+3e2"), None);
    }
}
