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

    // Each list below is checked by an exhaustive `match` (no `_` arm): a variant added to the
    // enum does not compile here until it is named, which is when it gets its label and its
    // place in the list.

    fn every_insurance() -> Vec<Insurance> {
        let all = Insurance::ALL.to_vec();
        for v in &all {
            match v {
                Insurance::Pension
                | Insurance::Medical
                | Insurance::Unemployment
                | Insurance::WorkInjury
                | Insurance::Maternity => {}
            }
        }
        all
    }

    fn every_rate_part() -> Vec<RatePart> {
        use RatePart::*;
        let all = vec![
            Personal,
            Employer,
            Total,
            Flexible,
            AccountCredit,
            FlexibleCredited,
        ];
        for v in &all {
            match v {
                Personal | Employer | Total | Flexible | AccountCredit | FlexibleCredited => {}
            }
        }
        all
    }

    fn every_track() -> Vec<Track> {
        let all = vec![Track::Men, Track::Women50, Track::Women55];
        for v in &all {
            match v {
                Track::Men | Track::Women50 | Track::Women55 => {}
            }
        }
        all
    }

    fn every_confidence() -> Vec<Confidence> {
        use Confidence::*;
        let all = vec![High, MediumHigh, Medium, LowMedium, Low];
        for v in &all {
            match v {
                High | MediumHigh | Medium | LowMedium | Low => {}
            }
        }
        all
    }

    #[test]
    fn tables_match_serde() {
        agrees_with_serde(&every_insurance());
        agrees_with_serde(&every_rate_part());
        agrees_with_serde(&every_track());
        agrees_with_serde(&every_confidence());
    }

    #[test]
    fn a_label_not_in_the_table_is_refused() {
        // The table is the only way in: a near spelling is not guessed.
        assert_eq!(Insurance::from_label("Pension"), None);
        assert_eq!(RatePart::from_label("account-credit"), None);
        assert_eq!(Track::from_label("women-50"), None);
        assert_eq!(Confidence::from_label("m-h"), None);
    }
}
