//! Building HTML text safely, and the few ways figures are written for people.
//! Every string from a statement file is escaped here.

use shebao_calc::month::Month;

/// Escape text for HTML element content and quoted attribute values: quick-xml's escaper, the
/// one the site generator uses too.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A money string from the report (`"12345.60"`) with thousands separators: `12,345.60`.
pub fn money(amount: &str) -> String {
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", amount),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return escape(amount);
    }
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{}", escape(frac))
    }
}

/// Money with its unit, or a dash when the file has no such amounts.
pub fn yuan(amount: Option<&str>) -> String {
    match amount {
        Some(a) => format!("{} 元", money(a)),
        None => "—".to_string(),
    }
}

/// `2024年7月`
pub fn month(m: Month) -> String {
    format!("{}年{}月", m.year(), m.month())
}

/// `2024年7月` or `2024年7月至2024年9月，共3个月`.
pub fn span(from: Month, to: Month, months: u32) -> String {
    if from == to {
        month(from)
    } else {
        format!("{}至{}，共{}个月", month(from), month(to), months)
    }
}

/// `25年3个月`, `8个月`.
pub fn years_months(total_months: u32) -> String {
    match (total_months / 12, total_months % 12) {
        (0, m) => format!("{m}个月"),
        (y, 0) => format!("{y}年"),
        (y, m) => format!("{y}年{m}个月"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<img src=x onerror="a">&'"#),
            "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&apos;"
        );
        assert_eq!(escape("张三"), "张三");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money("1234567.50"), "1,234,567.50");
        assert_eq!(money("-1000.00"), "-1,000.00");
        assert_eq!(money("999.99"), "999.99");
        assert_eq!(money("0.00"), "0.00");
    }

    #[test]
    fn months_and_spans_read_as_chinese() {
        let (a, b) = (Month::new(2024, 7).unwrap(), Month::new(2024, 9).unwrap());
        assert_eq!(span(a, a, 1), "2024年7月");
        assert_eq!(span(a, b, 3), "2024年7月至2024年9月，共3个月");
        assert_eq!(years_months(303), "25年3个月");
        assert_eq!(years_months(24), "2年");
        assert_eq!(years_months(5), "5个月");
    }
}
