//! Normalising cell text before it is matched or parsed: full-width forms, odd spaces,
//! line breaks, and (only for text out of a PDF) the OCR confusions O→0 and l/I→1.

use std::borrow::Cow;

/// Full-width ASCII (`２０２３－０１`) to ASCII, no-break and ideographic spaces to a space.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let needs = s
        .chars()
        .any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || is_odd_space(c));
    if !needs {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                } else if is_odd_space(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{3000}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}'
    )
}

/// A header label for matching: width folded, all whitespace and line breaks removed,
/// parenthesised notes removed (`缴费基数(元)` → `缴费基数`, `月份(格式如2020-01)` → `月份`).
pub fn normalise_label(s: &str) -> Cow<'_, str> {
    // Fast path (most cells): nothing to fold, strip or remove.
    if !s.chars().any(|c| {
        c.is_whitespace()
            || matches!(c, '(' | ')' | '【' | '】' | '[' | ']')
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || is_odd_space(c)
    }) {
        return Cow::Borrowed(s);
    }
    let folded = fold_width(s);
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0u32;
    for c in folded.chars() {
        match c {
            '(' | '【' | '[' => depth += 1,
            ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    // A label that is only a parenthesis (rare) keeps its content rather than vanishing.
    if out.is_empty() {
        return Cow::Owned(folded.chars().filter(|c| !c.is_whitespace()).collect());
    }
    Cow::Owned(out)
}

/// Undo OCR confusions inside what should be a number: O/o → 0, l/I/| → 1.
/// Only applied to text taken out of a PDF, never to typed files (`3a0` must stay an error).
pub fn fix_ocr_digits(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, 'O' | 'o' | 'l' | 'I' | '|')) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                'O' | 'o' => '0',
                'l' | 'I' | '|' => '1',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_spaces_breaks_and_notes() {
        assert_eq!(normalise_label("缴费\n基数（元）"), "缴费基数");
        assert_eq!(normalise_label("月份(格式如2020-01)"), "月份");
        assert_eq!(normalise_label("个人\u{a0}缴纳"), "个人缴纳");
        assert_eq!(fold_width("２０２３－０１"), "2023-01");
        assert_eq!(fix_ocr_digits("2O23-0l"), "2023-01");
    }
}
