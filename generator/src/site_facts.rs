//! Facts about the site that prose may name, filled in at build time so the words follow the
//! data: `<!-- site:city-count -->` becomes the number of city guides in Chinese numerals
//! ("本站目前有<!-- site:city-count -->个城市的详细指南" → "…有三个城市…"). Adding a city
//! page changes the number everywhere; `shebao check` names an unknown `site:` marker.

use crate::model::PageKind;
use crate::site::Site;

const MARKER_START: &str = "<!-- site:";
const MARKER_END: &str = "-->";
const CITY_COUNT: &str = "city-count";

/// The facts of one site, computed once.
#[derive(Clone, Debug)]
pub struct SiteFacts {
    city_count: usize,
}

impl SiteFacts {
    /// The facts of `site`: how many city guides it has.
    pub fn of(site: &Site) -> SiteFacts {
        SiteFacts {
            city_count: site
                .pages
                .iter()
                .filter(|p| p.kind == PageKind::City)
                .count(),
        }
    }

    /// `html` with every known `site:` marker replaced by its value.
    pub fn expand(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find(MARKER_START) {
            let after = &rest[start + MARKER_START.len()..];
            let Some(end) = after.find(MARKER_END) else {
                break;
            };
            out.push_str(&rest[..start]);
            match after[..end].trim() {
                CITY_COUNT => out.push_str(&chinese_count(self.city_count)),
                _ => {
                    out.push_str(&rest[start..start + MARKER_START.len() + end + MARKER_END.len()])
                }
            }
            rest = &after[end + MARKER_END.len()..];
        }
        out.push_str(rest);
        out
    }
}

/// Byte offsets (in `text`) and names of `site:` markers that name no known fact.
pub fn unknown_markers(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(MARKER_START) {
        let start = from + i;
        let after = &text[start + MARKER_START.len()..];
        let name = after.find(MARKER_END).map_or(after, |e| &after[..e]).trim();
        if name != CITY_COUNT {
            found.push((start, name.to_string()));
        }
        from = start + MARKER_START.len();
    }
    found
}

/// A count as written before a measure word: 两 for 2 (两个城市), 三, 十二, 二十一; digits from 100.
fn chinese_count(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let ones_word = if ones == 0 { "" } else { DIGITS[ones] };
    match n {
        2 => "两".to_string(),
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{ones_word}"),
        20..=99 => format!("{}十{ones_word}", DIGITS[tens]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_chinese_before_a_measure_word() {
        let words: Vec<String> = [1, 2, 3, 10, 11, 20, 21, 99, 100]
            .into_iter()
            .map(chinese_count)
            .collect();
        assert_eq!(
            words,
            [
                "一",
                "两",
                "三",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn expands_known_markers_and_keeps_others() {
        let facts = SiteFacts { city_count: 4 };
        assert_eq!(
            facts.expand("<p>有<!-- site:city-count -->个城市<!-- site:nope --></p>"),
            "<p>有四个城市<!-- site:nope --></p>"
        );
        assert_eq!(
            unknown_markers("a <!-- site:city-count --> b <!-- site:cities -->"),
            [(29, "cities".to_string())]
        );
    }
}
