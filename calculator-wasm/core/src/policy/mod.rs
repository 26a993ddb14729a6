//! Policy figures: the serde shape of `content/policy/national.toml` and
//! `content/policy/provinces/<slug>.toml`, also read from the JSON the site inlines for the wasm.
//!
//! Every figure carries its source and confidence ([`Figure`]); a figure nobody could find is
//! simply absent, and the analysis then says it does not know instead of guessing.
//! Lookups live in [`lookup`], editor-facing validation in [`problems`].

pub mod lookup;
pub mod problems;

use crate::month::Month;
use crate::record::Insurance;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use problems::{PolicyFile, PolicyProblem};

/// How sure the research is about a figure (see policy-facts.md): H = several independent
/// sources agree; M = one credible citation; L = derived or third-party only.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confidence {
    /// Well established.
    #[serde(rename = "H")]
    High,
    /// Between M and H.
    #[serde(rename = "M-H")]
    MediumHigh,
    /// One credible citation.
    #[serde(rename = "M")]
    Medium,
    /// Between L and M.
    #[serde(rename = "L-M")]
    LowMedium,
    /// Derived or third-party only: the analysis treats such a figure as unconfirmed.
    #[serde(rename = "L")]
    Low,
}

impl Confidence {
    /// The label used in files and output (`"M-H"`).
    pub fn label(self) -> &'static str {
        use crate::label::Label;
        Self::LABELS
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(label, _)| label)
    }

    /// The word readers see (site and calculator alike): 可靠, 较可靠, 待核实, 未证实.
    pub fn label_zh(self) -> &'static str {
        match self {
            Confidence::High => "可靠",
            Confidence::MediumHigh | Confidence::Medium => "较可靠",
            Confidence::LowMedium => "待核实",
            Confidence::Low => "未证实",
        }
    }

    /// Whether a figure of this confidence may be used as if published. Only `L` is not.
    pub fn is_confirmed(self) -> bool {
        self != Confidence::Low
    }
}

/// One policy number with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The value; written as a string (`"0.08"`, `"4359"`) so no float ever touches it.
    #[serde(with = "decimal_string")]
    pub value: Decimal,
    /// Document or record the figure comes from.
    pub source: String,
    /// Official page, where one is cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How sure we are.
    pub confidence: Confidence,
    /// A caveat for editors and readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rule stated in words rather than as one number (e.g. the yearly interest formula).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The rule.
    pub text: String,
    /// Where it comes from.
    pub source: String,
    /// Official page, where one is cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How sure we are.
    pub confidence: Confidence,
}

/// Which part of a contribution a rate describes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatePart {
    /// Paid by the person out of wages.
    Personal,
    /// Paid by the employer.
    Employer,
    /// Employer + personal together (e.g. the temporary 1 % unemployment total).
    Total,
    /// Paid in full by a flexibly employed person (灵活就业), no employer.
    Flexible,
    /// Share of the base credited to the pension personal account (employees).
    AccountCredit,
    /// Share of the base credited to the account for flexibly employed people.
    FlexibleCredited,
}

/// A contribution rate valid for a span of months, nationally, for a province, or for one city.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRule {
    /// Which insurance.
    pub insurance: Insurance,
    /// Which part.
    pub part: RatePart,
    /// First month the rule applies to; absent = as far back as the statement goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Month>,
    /// Last month the rule applies to; absent = still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Month>,
    /// City slug, for a rule of one city only (province files only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The rate as a fraction; absent when the rule only adds a fixed sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Figure>,
    /// A fixed monthly sum in yuan on top of rate × base (Hunan's 大病 15 元/月).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<Figure>,
}

/// The national crediting rate (记账利率) of the pension personal account for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditingRate {
    /// The year the rate applies to (not the year it was announced).
    pub year: u32,
    /// The rate as a fraction. Confidence `L` = unconfirmed: not used for interest.
    pub rate: Figure,
}

/// Months divisor (计发月数) for a whole retirement age.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthsDivisor {
    /// Age in whole years, 40–70.
    pub age: u32,
    /// The divisor.
    pub months: Figure,
}

/// The three retirement tracks of the 2025 reform.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Men, base age 60.
    Men,
    /// Women with a former retirement age of 50.
    #[serde(rename = "women_50")]
    Women50,
    /// Women with a former retirement age of 55.
    #[serde(rename = "women_55")]
    Women55,
}

impl Track {
    /// Parse `men`, `women_50`/`women-50`, `women_55`/`women-55`.
    pub fn parse(text: &str) -> Option<Track> {
        match text.trim().replace('-', "_").as_str() {
            "men" | "man" | "male" => Some(Track::Men),
            "women_50" => Some(Track::Women50),
            "women_55" => Some(Track::Women55),
            _ => None,
        }
    }

    /// Chinese label.
    pub fn name_zh(self) -> &'static str {
        match self {
            Track::Men => "男职工",
            Track::Women50 => "原法定退休年龄50周岁的女职工",
            Track::Women55 => "原法定退休年龄55周岁的女职工",
        }
    }
}

/// The rule of one track: delay = 0 before `first_affected_birth`, then one month per
/// `step_months` of birth months (the first affected month already delays one), capped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementRule {
    /// Which track.
    pub track: Track,
    /// The former statutory age in years.
    pub base_age: u32,
    /// First birth month whose retirement is delayed.
    pub first_affected_birth: Month,
    /// Birth months per month of delay.
    pub step_months: u32,
    /// Maximum delay in months.
    pub max_delay_months: u32,
    /// Where the rule comes from.
    pub source: String,
    /// Official page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How sure we are.
    pub confidence: Confidence,
}

/// Minimum contribution years for people reaching retirement age from `from_year` on
/// (until the next entry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumYears {
    /// First year of reaching retirement age this applies to.
    pub from_year: u32,
    /// Years (may be half years: `"15.5"`).
    pub years: Figure,
}

/// `content/policy/national.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalPolicy {
    /// National contribution and account-credit rates.
    #[serde(default)]
    pub rates: Vec<RateRule>,
    /// Crediting rates by year (2016 on).
    #[serde(default)]
    pub crediting_rates: Vec<CreditingRate>,
    /// How the yearly interest is computed (a reference for readers).
    pub account_interest: Reference,
    /// Months divisors by whole age.
    #[serde(default)]
    pub months_divisors: Vec<MonthsDivisor>,
    /// How to interpolate the divisor between whole ages.
    pub divisor_interpolation: Reference,
    /// Retirement tracks of the 2025 reform.
    #[serde(default)]
    pub retirement: Vec<RetirementRule>,
    /// Minimum contribution years by year of reaching retirement age.
    #[serde(default)]
    pub minimum_years: Vec<MinimumYears>,
    /// The basic pension formula (a reference for readers).
    pub pension_formula: Reference,
}

/// A city covered by the guides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// URL slug, e.g. `yingkou`.
    pub slug: String,
    /// Chinese name, e.g. `营口`.
    pub name: String,
    /// Why the provincial figures apply here (or what is unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One contribution year's published figures for a province. All optional: unknown stays absent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceYear {
    /// Contribution year (calendar year in all three provinces).
    pub year: u32,
    /// Monthly base floor (缴费基数下限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Figure>,
    /// Monthly base ceiling (缴费基数上限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<Figure>,
    /// Monthly average wage used for this year's bases (and for the average index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_wage: Option<Figure>,
    /// Pension computation base (计发基数) for people retiring in this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computation_base: Option<Figure>,
}

/// `content/policy/provinces/<slug>.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvincePolicy {
    /// Slug, equal to the file name.
    pub slug: String,
    /// Chinese name, e.g. `辽宁`.
    pub name: String,
    /// Cities of the guides in this province.
    pub cities: Vec<City>,
    /// Yearly figures.
    #[serde(default)]
    pub years: Vec<ProvinceYear>,
    /// Province or city rates that differ from or add to the national ones.
    #[serde(default)]
    pub rates: Vec<RateRule>,
}

/// All policy data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// National rules.
    pub national: NationalPolicy,
    /// Provinces, sorted by slug by whoever loads them.
    pub provinces: Vec<ProvincePolicy>,
}

impl Policy {
    /// A copy without the editors' notes, rule wordings, links and employer rates, which the
    /// engine never reads: the calculator pages inline this (a third less JSON). Sources and
    /// confidences stay, as the report quotes them.
    pub fn for_engine(&self) -> Policy {
        fn strip(f: &mut Figure) {
            f.note = None;
            f.url = None;
        }
        fn strip_rules(rules: &mut Vec<RateRule>) {
            // Employer and total rates are for the guide's tables: the engine checks the
            // person's own amounts and account, and lists employer amounts unchecked.
            rules.retain(|r| !matches!(r.part, RatePart::Employer | RatePart::Total));
            for r in rules {
                r.rate.iter_mut().chain(r.fixed.iter_mut()).for_each(strip);
            }
        }
        let mut p = self.clone();
        let n = &mut p.national;
        strip_rules(&mut n.rates);
        n.crediting_rates
            .iter_mut()
            .for_each(|c| strip(&mut c.rate));
        n.months_divisors
            .iter_mut()
            .for_each(|d| strip(&mut d.months));
        n.minimum_years.iter_mut().for_each(|m| strip(&mut m.years));
        n.retirement.iter_mut().for_each(|r| r.url = None);
        for r in [
            &mut n.account_interest,
            &mut n.divisor_interpolation,
            &mut n.pension_formula,
        ] {
            // The rule's wording is for editors; the engine implements it and quotes only
            // the source.
            r.text = String::new();
            r.url = None;
        }
        for prov in &mut p.provinces {
            prov.cities.iter_mut().for_each(|c| c.note = None);
            for y in &mut prov.years {
                [
                    &mut y.floor,
                    &mut y.ceiling,
                    &mut y.average_wage,
                    &mut y.computation_base,
                ]
                .into_iter()
                .flatten()
                .for_each(strip);
            }
            strip_rules(&mut prov.rates);
        }
        p
    }
}

/// Decimals as strings only: a float in a policy file is refused, not silently rounded.
mod decimal_string {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.normalize())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        Decimal::from_str_exact(text.trim()).map_err(|_| {
            serde::de::Error::custom(format!(
                "expected a decimal number as a string, got \"{text}\""
            ))
        })
    }
}

#[cfg(test)]
mod confidence_tests {
    use super::Confidence;

    #[test]
    fn only_low_confidence_reads_as_unconfirmed() {
        let all = [
            Confidence::High,
            Confidence::MediumHigh,
            Confidence::Medium,
            Confidence::LowMedium,
            Confidence::Low,
        ];
        let words: Vec<&str> = all.iter().map(|c| c.label_zh()).collect();
        assert_eq!(words, ["可靠", "较可靠", "较可靠", "待核实", "未证实"]);
        let confirmed: Vec<bool> = all.iter().map(|c| c.is_confirmed()).collect();
        assert_eq!(confirmed, [true, true, true, true, false]);
    }
}
