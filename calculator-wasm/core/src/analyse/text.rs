//! Chinese wording shared by the analysis messages.

use crate::money::format_cents;
use crate::month::Month;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write;

/// `2024-03`, or `2024-01 至 2024-06（6 个月）` for a run.
pub fn period_zh(from: Month, to: Month) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from} 至 {to}（{} 个月）", from.span_to(to))
    }
}

/// A fraction as a percent for people: 0.0262 → `2.62%`, 0.08 → `8%`.
pub fn percent(rate: Decimal) -> String {
    let p = (rate * Decimal::ONE_HUNDRED).normalize();
    format!("{p}%")
}

/// Money for sentences: `1234.50 元`.
pub fn yuan(amount: Decimal) -> String {
    format!("{} 元", format_cents(amount))
}

/// Months as `12 年 7 个月` (or `7 个月`, `12 年`).
pub fn years_months_zh(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, m) => format!("{m} 个月"),
        (y, 0) => format!("{y} 年"),
        (y, m) => format!("{y} 年 {m} 个月"),
    }
}

/// At most this many row numbers are listed in a sentence; the rest are counted.
const ROWS_SHOWN: usize = 5;

/// Row numbers for sentences that go on with 行 (`第 {} 行`): `7`, `7、9`, or `3、4、5、6、7 等
/// 12` when there are many.
pub fn rows_zh(rows: &[usize]) -> String {
    let list: Vec<String> = rows
        .iter()
        .take(ROWS_SHOWN)
        .map(|r| r.to_string())
        .collect();
    if rows.len() > ROWS_SHOWN {
        format!("{} 等 {}", list.join("、"), rows.len())
    } else {
        list.join("、")
    }
}

/// The page of a PDF that row `row` is on, from where each page's rows begin (`row_pages`,
/// as in `SourceInfo`); `None` for other formats.
pub fn page_of(row: usize, row_pages: &[(usize, u32)]) -> Option<u32> {
    row_pages
        .iter()
        .rev()
        .find(|&&(first, _)| first <= row)
        .map(|&(_, page)| page)
}

/// Where rows are, as a phrase: `第 7、9 行`; in a PDF, whose rows have no numbers on paper
/// (they count on over pages), with their pages: `第 7、9 行（第 1 页）、第 46 行（第 2 页）`.
pub fn rows_at_zh(rows: &[usize], row_pages: &[(usize, u32)]) -> String {
    if row_pages.is_empty() {
        return format!("第 {} 行", rows_zh(rows));
    }
    let shown = &rows[..rows.len().min(ROWS_SHOWN)];
    let mut out = String::new();
    let mut i = 0;
    while i < shown.len() {
        let page = page_of(shown[i], row_pages);
        let mut list = shown[i].to_string();
        i += 1;
        while i < shown.len() && page_of(shown[i], row_pages) == page {
            list.push('、');
            list.push_str(&shown[i].to_string());
            i += 1;
        }
        if !out.is_empty() {
            out.push('、');
        }
        let _ = write!(out, "第 {list} 行");
        if let Some(p) = page {
            let _ = write!(out, "（第 {p} 页）");
        }
    }
    if rows.len() > ROWS_SHOWN {
        let _ = write!(out, "等 {} 行", rows.len());
    }
    out
}

/// Round a non-money figure half-up to `dp` decimals (divisors, indices); money uses
/// `money::round_cents`.
pub fn round_dp(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// `（含视同缴费 6 年 4 个月）` after a count of months that holds deemed months, else "".
pub fn deemed_part_zh(deemed_months: u32) -> String {
    if deemed_months == 0 {
        String::new()
    } else {
        format!("（含视同缴费 {}）", years_months_zh(deemed_months))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_rows_read_as_one_count_in_a_sentence() {
        assert_eq!(format!("第 {} 行", rows_zh(&[7, 9])), "第 7、9 行");
        assert_eq!(
            format!("第 {} 行", rows_zh(&[3, 4, 5, 6, 7, 8])),
            "第 3、4、5、6、7 等 6 行"
        );
    }

    #[test]
    fn rows_of_a_pdf_name_their_pages() {
        let pages = [(1, 1), (40, 2), (80, 3)];
        assert_eq!(rows_at_zh(&[7, 9], &[]), "第 7、9 行");
        assert_eq!(rows_at_zh(&[46], &pages), "第 46 行（第 2 页）");
        assert_eq!(
            rows_at_zh(&[7, 9, 46], &pages),
            "第 7、9 行（第 1 页）、第 46 行（第 2 页）"
        );
        assert_eq!(
            rows_at_zh(&[7, 41, 42, 81, 82, 83], &pages),
            "第 7 行（第 1 页）、第 41、42 行（第 2 页）、第 81、82 行（第 3 页）等 6 行"
        );
        assert_eq!(
            (page_of(39, &pages), page_of(40, &pages)),
            (Some(1), Some(2))
        );
    }

    #[test]
    fn wording() {
        let m = |y, mo| Month::new(y, mo).unwrap();
        assert_eq!(
            period_zh(m(2024, 1), m(2024, 6)),
            "2024-01 至 2024-06（6 个月）"
        );
        assert_eq!(percent("0.0262".parse().unwrap()), "2.62%");
        assert_eq!(percent("0.080".parse().unwrap()), "8%");
        assert_eq!(years_months_zh(151), "12 年 7 个月");
        assert_eq!(
            round_dp("138.41666".parse().unwrap(), 1).to_string(),
            "138.4"
        );
        assert_eq!(round_dp("210".parse().unwrap(), 1).to_string(), "210.0");
    }
}
