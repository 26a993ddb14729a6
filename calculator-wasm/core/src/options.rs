//! The caller's options, parsed in one place for both fronts: the CLI's arguments and the
//! page's form arrive as text and leave as [`Options`] or a Chinese explanation.

use crate::analyse::Options;
use crate::month::Month;
use crate::policy::{Policy, Track};

/// Options as text, exactly as given; empty strings count as absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptionText {
    /// City slug (`yingkou`).
    pub city: Option<String>,
    /// Birth month as typed (`1970-05`).
    pub birth: Option<String>,
    /// Retirement track (`men`, `women-50`, `women_55`…).
    pub track: Option<String>,
    /// This month (`2026-12`); the CLI reads the clock, the page the browser's date.
    pub today: Option<String>,
}

/// Why options were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionError {
    /// A city the policy data does not know.
    UnknownCity { city: String, known: Vec<String> },
    /// A birth month that cannot be read.
    BadBirth(String),
    /// A retirement track that cannot be read.
    BadTrack(String),
    /// A current month that cannot be read.
    BadToday(String),
    /// Only one of birth month and track.
    BirthAndTrackTogether,
}

impl OptionError {
    /// What the person reads.
    pub fn message_zh(&self) -> String {
        match self {
            OptionError::UnknownCity { city, known } => {
                format!("不认识城市“{city}”。可用的城市：{}", known.join("、"))
            }
            OptionError::BadBirth(b) => {
                format!("出生年月“{b}”看不懂，请写成 1970-05 这样的格式。")
            }
            OptionError::BadTrack(t) => format!(
                "退休类别“{t}”看不懂，请用 men（男）、women-50（原50岁退休的女职工）或 women-55（原55岁退休的女职工）。"
            ),
            OptionError::BadToday(t) => {
                format!("当前月份“{t}”看不懂，应为 2026-12 这样的格式。")
            }
            OptionError::BirthAndTrackTogether => {
                "计算退休时间需要同时给出出生年月和退休类别。".into()
            }
        }
    }
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for OptionError {}

/// A value given and not blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl OptionText {
    /// Check and parse against the policy data (which knows the cities).
    pub fn parse(&self, policy: &Policy) -> Result<Options, OptionError> {
        let city = match given(&self.city) {
            Some(c) if policy.place(c).is_none() => {
                return Err(OptionError::UnknownCity {
                    city: c.to_string(),
                    known: policy.city_slugs().into_iter().map(String::from).collect(),
                })
            }
            c => c.map(String::from),
        };
        let birth = given(&self.birth)
            .map(|b| Month::parse_typed(b).ok_or_else(|| OptionError::BadBirth(b.into())))
            .transpose()?;
        let track = given(&self.track)
            .map(|t| Track::parse(t).ok_or_else(|| OptionError::BadTrack(t.into())))
            .transpose()?;
        let today = given(&self.today)
            .map(|t| Month::parse_typed(t).ok_or_else(|| OptionError::BadToday(t.into())))
            .transpose()?;
        if birth.is_some() != track.is_some() {
            return Err(OptionError::BirthAndTrackTogether);
        }
        Ok(Options {
            city,
            birth,
            track,
            today,
        })
    }
}
