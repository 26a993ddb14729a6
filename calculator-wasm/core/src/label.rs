//! The labels policy files use for enums (`pension`, `account_credit`, `women_50`, `M-H`),
//! parsed without serde: the browser reads the policy from `JSON.parse`'s result, and serde's
//! derived enum deserialisers would cost several KB of wasm for four enums. A test checks
//! every table against the serde spelling, so the two cannot drift.

use crate::policy::{Confidence, RatePart, Track};
use crate::record::Insurance;

/// An enum with one label per variant.
pub trait Label: Copy + 'static {
    /// Every variant with its label, as serde spells it.
    const LABELS: &'static [(&'static str, Self)];

    /// The variant spelled `text` (exactly; no trimming or case folding).
    fn from_label(text: &str) -> Option<Self> {
        Self::LABELS
            .iter()
            .find(|(label, _)| *label == text)
            .map(|&(_, v)| v)
    }
}

impl Label for Insurance {
    const LABELS: &'static [(&'static str, Self)] = &[
        ("pension", Insurance::Pension),
        ("medical", Insurance::Medical),
        ("unemployment", Insurance::Unemployment),
        ("work_injury", Insurance::WorkInjury),
        ("maternity", Insurance::Maternity),
    ];
}

impl Label for RatePart {
    const LABELS: &'static [(&'static str, Self)] = &[
        ("personal", RatePart::Personal),
        ("employer", RatePart::Employer),
        ("total", RatePart::Total),
        ("flexible", RatePart::Flexible),
        ("account_credit", RatePart::AccountCredit),
        ("flexible_credited", RatePart::FlexibleCredited),
    ];
}

impl Label for Track {
    const LABELS: &'static [(&'static str, Self)] = &[
        ("men", Track::Men),
        ("women_50", Track::Women50),
        ("women_55", Track::Women55),
    ];
}

impl Label for Confidence {
    const LABELS: &'static [(&'static str, Self)] = &[
        ("H", Confidence::High),
        ("M-H", Confidence::MediumHigh),
        ("M", Confidence::Medium),
        ("L-M", Confidence::LowMedium),
        ("L", Confidence::Low),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use std::fmt::Debug;

    /// Each label is serde's spelling of its variant, and `all` (every variant, written out
    /// here) appears exactly once.
    fn agrees_with_serde<T: Label + Serialize + DeserializeOwned + PartialEq + Debug>(all: &[T]) {
        assert_eq!(T::LABELS.len(), all.len());
        for v in all {
            let found: Vec<_> = T::LABELS.iter().filter(|(_, x)| x == v).collect();
            assert_eq!(found.len(), 1, "{v:?}");
            let label = found[0].0;
            assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{label}\""));
            assert_eq!(T::from_label(label), Some(*v));
            let back: T = serde_json::from_str(&format!("\"{label}\"")).unwrap();
            assert_eq!(back, *v);
        }
        assert_eq!(T::from_label("nonsense"), None);
        assert_eq!(T::from_label(""), None);
    }

    #[test]
    fn tables_match_serde() {
        agrees_with_serde(&Insurance::ALL);
        agrees_with_serde(&[
            RatePart::Personal,
            RatePart::Employer,
            RatePart::Total,
            RatePart::Flexible,
            RatePart::AccountCredit,
            RatePart::FlexibleCredited,
        ]);
        agrees_with_serde(&[Track::Men, Track::Women50, Track::Women55]);
        agrees_with_serde(&[
            Confidence::High,
            Confidence::MediumHigh,
            Confidence::Medium,
            Confidence::LowMedium,
            Confidence::Low,
        ]);
    }
}
