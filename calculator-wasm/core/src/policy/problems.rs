//! Every rule a policy figure must obey, reported for editors (`shebao check`) as key paths
//! (`years[1].floor.value`) that the generator maps to line:column with TOML spans.

use super::{Figure, NationalPolicy, Policy, ProvincePolicy, RateRule, Reference};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Which policy file a problem is in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyFile {
    /// `policy/national.toml`.
    National,
    /// `policy/provinces/<slug>.toml`.
    Province(String),
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PolicyProblem {
    /// The file.
    pub file: PolicyFile,
    /// Key path inside the file, e.g. `years[1].floor.value`.
    pub path: String,
    /// What is wrong, in English for editors.
    pub message: String,
}

/// Collects problems of one file.
struct Sink<'a> {
    file: PolicyFile,
    out: &'a mut Vec<PolicyProblem>,
}

impl Sink<'_> {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(PolicyProblem {
            file: self.file.clone(),
            path: path.into(),
            message: message.into(),
        });
    }

    /// Source present, URL well-formed, and (for rates) value within 0–1.
    fn figure(&mut self, path: &str, f: &Figure, kind: Kind) {
        if f.source.trim().is_empty() {
            self.push(format!("{path}.source"), "policy figure without a source");
        }
        if let Some(url) = &f.url {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                self.push(format!("{path}.url"), format!("bad URL {url:?}"));
            }
        }
        let v = f.value;
        match kind {
            Kind::Rate if v < Decimal::ZERO || v > Decimal::ONE => self.push(
                format!("{path}.value"),
                format!("rate {v} outside 0–1 (write rates as fractions: \"0.08\" = 8 %)"),
            ),
            Kind::Positive if v <= Decimal::ZERO => {
                self.push(format!("{path}.value"), format!("{v} must be above zero"))
            }
            Kind::NonNegative if v < Decimal::ZERO => {
                self.push(format!("{path}.value"), format!("{v} must not be negative"))
            }
            _ => {}
        }
    }

    fn reference(&mut self, path: &str, r: &Reference) {
        if r.source.trim().is_empty() {
            self.push(format!("{path}.source"), "rule without a source");
        }
        if r.text.trim().is_empty() {
            self.push(format!("{path}.text"), "empty rule text");
        }
    }

    fn rates(&mut self, rules: &[RateRule], cities: Option<&BTreeSet<&str>>) {
        for (i, r) in rules.iter().enumerate() {
            let path = format!("rates[{i}]");
            if let (Some(from), Some(to)) = (r.from, r.to) {
                if from > to {
                    self.push(
                        format!("{path}.to"),
                        format!("to {to} is before from {from}"),
                    );
                }
            }
            if r.rate.is_none() && r.fixed.is_none() {
                self.push(path.clone(), "a rate rule needs `rate` or `fixed`");
            }
            if let Some(f) = &r.rate {
                self.figure(&format!("{path}.rate"), f, Kind::Rate);
            }
            if let Some(f) = &r.fixed {
                self.figure(&format!("{path}.fixed"), f, Kind::NonNegative);
            }
            match (&r.city, cities) {
                (Some(_), None) => self.push(
                    format!("{path}.city"),
                    "national rules cannot name a city; put city rules in the province file",
                ),
                (Some(c), Some(known)) if !known.contains(c.as_str()) => self.push(
                    format!("{path}.city"),
                    format!("unknown city {c:?}; not in this file's `cities`"),
                ),
                _ => {}
            }
        }
    }
}

#[derive(Copy, Clone)]
enum Kind {
    Rate,
    Positive,
    NonNegative,
}

impl Policy {
    /// Every problem in the policy data, sorted, empty when all is well.
    pub fn problems(&self) -> Vec<PolicyProblem> {
        let mut out = Vec::new();
        national(&self.national, &mut out);
        let mut city_owner: BTreeMap<&str, &str> = BTreeMap::new();
        let mut slugs = BTreeSet::new();
        for p in &self.provinces {
            if !slugs.insert(p.slug.as_str()) {
                out.push(PolicyProblem {
                    file: PolicyFile::Province(p.slug.clone()),
                    path: "slug".into(),
                    message: format!("duplicate province slug {:?}", p.slug),
                });
            }
            province(p, &mut city_owner, &mut out);
        }
        crate::order::sort_by(&mut out, Ord::cmp);
        out
    }
}

fn national(n: &NationalPolicy, out: &mut Vec<PolicyProblem>) {
    let mut s = Sink {
        file: PolicyFile::National,
        out,
    };
    s.rates(&n.rates, None);
    let mut years = BTreeSet::new();
    for (i, c) in n.crediting_rates.iter().enumerate() {
        if !years.insert(c.year) {
            s.push(
                format!("crediting_rates[{i}].year"),
                format!("year {} listed twice", c.year),
            );
        }
        s.figure(&format!("crediting_rates[{i}].rate"), &c.rate, Kind::Rate);
    }
    s.reference("account_interest", &n.account_interest);
    s.reference("divisor_interpolation", &n.divisor_interpolation);
    s.reference("pension_formula", &n.pension_formula);
    let mut ages = BTreeMap::new();
    for (i, d) in n.months_divisors.iter().enumerate() {
        let path = format!("months_divisors[{i}]");
        if !(40..=70).contains(&d.age) {
            s.push(
                format!("{path}.age"),
                format!("age {} outside 40–70", d.age),
            );
        }
        if ages.insert(d.age, d.months.value).is_some() {
            s.push(format!("{path}.age"), format!("age {} listed twice", d.age));
        }
        s.figure(&format!("{path}.months"), &d.months, Kind::Positive);
    }
    // The annex table falls with age; a rise means a typo.
    let mut prev: Option<(u32, Decimal)> = None;
    for (age, months) in &ages {
        if let Some((pa, pm)) = prev {
            if *months >= pm {
                let i = n
                    .months_divisors
                    .iter()
                    .position(|d| d.age == *age)
                    .unwrap_or(0);
                s.push(
                    format!("months_divisors[{i}].months.value"),
                    format!("divisor at age {age} ({months}) is not below age {pa} ({pm})"),
                );
            }
        }
        prev = Some((*age, *months));
    }
    let mut tracks = BTreeSet::new();
    for (i, r) in n.retirement.iter().enumerate() {
        let path = format!("retirement[{i}]");
        if !tracks.insert(r.track) {
            s.push(format!("{path}.track"), "track listed twice");
        }
        if r.step_months == 0 {
            s.push(
                format!("{path}.step_months"),
                "step_months must be at least 1",
            );
        }
        if r.source.trim().is_empty() {
            s.push(format!("{path}.source"), "rule without a source");
        }
    }
    let mut from_years = BTreeSet::new();
    for (i, m) in n.minimum_years.iter().enumerate() {
        if !from_years.insert(m.from_year) {
            s.push(format!("minimum_years[{i}].from_year"), "year listed twice");
        }
        s.figure(
            &format!("minimum_years[{i}].years"),
            &m.years,
            Kind::Positive,
        );
    }
}

fn province<'p>(
    p: &'p ProvincePolicy,
    city_owner: &mut BTreeMap<&'p str, &'p str>,
    out: &mut Vec<PolicyProblem>,
) {
    let mut s = Sink {
        file: PolicyFile::Province(p.slug.clone()),
        out,
    };
    let slug_ok = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if !slug_ok(&p.slug) {
        s.push(
            "slug",
            format!(
                "slug {:?} must be lowercase ASCII letters, digits, -",
                p.slug
            ),
        );
    }
    if p.name.trim().is_empty() {
        s.push("name", "empty province name");
    }
    if p.cities.is_empty() {
        s.push("cities", "a province file lists at least one city");
    }
    let mut cities = BTreeSet::new();
    for (i, c) in p.cities.iter().enumerate() {
        if !slug_ok(&c.slug) {
            s.push(
                format!("cities[{i}].slug"),
                format!("bad city slug {:?}", c.slug),
            );
        }
        if let Some(other) = city_owner.insert(c.slug.as_str(), p.slug.as_str()) {
            s.push(
                format!("cities[{i}].slug"),
                format!("city {:?} also in {other:?}", c.slug),
            );
        }
        cities.insert(c.slug.as_str());
        if c.name.trim().is_empty() {
            s.push(format!("cities[{i}].name"), "empty city name");
        }
    }
    let mut years = BTreeSet::new();
    for (i, y) in p.years.iter().enumerate() {
        let path = format!("years[{i}]");
        if !years.insert(y.year) {
            s.push(
                format!("{path}.year"),
                format!("year {} listed twice", y.year),
            );
        }
        for (key, f) in [
            ("floor", &y.floor),
            ("ceiling", &y.ceiling),
            ("average_wage", &y.average_wage),
            ("computation_base", &y.computation_base),
        ] {
            if let Some(f) = f {
                s.figure(&format!("{path}.{key}"), f, Kind::Positive);
            }
        }
        if let (Some(fl), Some(ce)) = (&y.floor, &y.ceiling) {
            if fl.value > ce.value {
                s.push(
                    format!("{path}.floor.value"),
                    format!("floor {} above ceiling {}", fl.value, ce.value),
                );
            }
        }
        if y.floor.is_none()
            && y.ceiling.is_none()
            && y.average_wage.is_none()
            && y.computation_base.is_none()
        {
            s.push(path, "a year with no figures: leave the year out instead");
        }
    }
    s.rates(&p.rates, Some(&cities));
}
