//! Traditional → Simplified folding for queries, from OpenCC's tables (the
//! `ferrous-opencc` crate: Traditional, Taiwan and Hong Kong forms).
//!
//! The browser must not download a conversion table of thousands of characters. The
//! build asks OpenCC, character by character, for the Simplified form of every Han
//! character, once per process, and keeps only the pairs whose Simplified side occurs in
//! the index: a query in Traditional characters can only match through those. The pairs
//! go into the index's meta file, and the browser folds each query character through
//! them. Content is Simplified and is not folded.

use std::collections::HashSet;
use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// The BMP Han blocks a reader can type (extension A, unified, compatibility).
const HAN_BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// (Traditional or variant form, Simplified form) for every character OpenCC changes,
/// sorted by the first. Empty if OpenCC's embedded tables cannot be loaded (a broken
/// build of the crate; the unit tests catch it).
pub fn all_pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let chars: Vec<char> = HAN_BLOCKS
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .collect();
        // One conversion of all characters, one per line: lines keep them apart, so no
        // phrase rule can join two neighbours.
        let input: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
        let mut pairs = Vec::new();
        for config in [BuiltinConfig::T2s, BuiltinConfig::Tw2s, BuiltinConfig::Hk2s] {
            let Ok(cc) = OpenCC::from_config(config) else {
                continue;
            };
            let output = cc.convert(&input);
            for (&from, line) in chars.iter().zip(output.split('\n')) {
                let mut it = line.chars();
                if let (Some(to), None) = (it.next(), it.next()) {
                    if to != from {
                        pairs.push((from, to));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        pairs
    })
}

/// The pairs whose Simplified side is in `used` (the characters of the index).
pub fn pairs_for(used: &HashSet<char>) -> Vec<(char, char)> {
    all_pairs()
        .iter()
        .filter(|(_, s)| used.contains(s))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let pairs = all_pairs();
        s.chars()
            .map(|c| {
                pairs
                    .binary_search_by_key(&c, |p| p.0)
                    .map_or(c, |i| pairs[i].1)
            })
            .collect()
    }

    #[test]
    fn traditional_queries_fold_to_the_content_words() {
        assert_eq!(fold("繳費基數"), "缴费基数");
        assert_eq!(fold("養老保險"), "养老保险");
        assert_eq!(fold("忘記密碼"), "忘记密码");
        assert_eq!(fold("臺灣醫保餘額"), "台湾医保余额");
        assert_eq!(fold("缴费基数"), "缴费基数", "Simplified stays as it is");
    }

    #[test]
    fn only_pairs_for_characters_in_the_index_are_kept() {
        let used: HashSet<char> = "缴费".chars().collect();
        let kept = pairs_for(&used);
        assert!(kept.contains(&('繳', '缴')) && kept.contains(&('費', '费')));
        assert!(kept.iter().all(|(_, s)| used.contains(s)));
    }
}
