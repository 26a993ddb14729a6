//! Words readers type for what the guides call by another name. A query term holding one
//! word of a group is also tried with each other word of the group (search.js); the best
//! variant counts. Groups are small and exact: only words that mean the same thing to a
//! reader looking up their social-insurance record.

/// Groups of interchangeable words (Simplified; queries are folded first).
pub const GROUPS: &[&[&str]] = &[
    &["断缴", "缺月", "漏交", "漏缴", "停缴"],
    &["补缴", "补交", "补收"],
    &["缴费明细", "缴费记录", "缴费清单"],
    &["权益记录单", "权益单", "对账单"],
    &["养老金", "退休金"],
    &["医保", "医疗保险"],
    &["个人账户", "个账"],
];

#[cfg(test)]
mod tests {
    use super::GROUPS;
    use crate::search::tokens::tokens;

    #[test]
    fn every_word_is_searchable_and_in_one_group() {
        let mut seen = std::collections::HashSet::new();
        for group in GROUPS {
            assert!(group.len() >= 2);
            for w in *group {
                assert!(!tokens(w).is_empty(), "{w} yields no token");
                assert!(seen.insert(*w), "{w} is in two groups");
            }
        }
    }
}
