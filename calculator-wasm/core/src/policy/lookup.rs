//! Questions the analysis asks of the policy data: which rate applies to a month, which
//! figures a year has, which divisor an age has.

use super::{
    City, Figure, MinimumYears, MonthsDivisor, NationalPolicy, Policy, ProvincePolicy,
    ProvinceYear, RatePart, RateRule, RetirementRule, Track,
};
use crate::month::Month;
use crate::record::Insurance;

/// Where the analysis stands: a province and, within it, a city (both optional).
#[derive(Copy, Clone, Debug, Default)]
pub struct Place<'p> {
    /// The province, if the city is known.
    pub province: Option<&'p ProvincePolicy>,
    /// The city slug.
    pub city: Option<&'p City>,
}

/// The rate and fixed sum that apply to one month, from the most specific rule that has each.
#[derive(Copy, Clone, Debug, Default)]
pub struct ResolvedRate<'p> {
    /// Rate × base.
    pub rate: Option<&'p Figure>,
    /// Fixed monthly sum on top.
    pub fixed: Option<&'p Figure>,
}

impl Policy {
    /// The province and city entry of a city slug.
    pub fn place(&self, city_slug: &str) -> Option<Place<'_>> {
        self.provinces.iter().find_map(|p| {
            p.cities
                .iter()
                .find(|c| c.slug == city_slug)
                .map(|c| Place {
                    province: Some(p),
                    city: Some(c),
                })
        })
    }

    /// Every city slug, sorted (for messages listing what is known).
    pub fn city_slugs(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .provinces
            .iter()
            .flat_map(|p| p.cities.iter().map(|c| c.slug.as_str()))
            .collect();
        crate::order::sort_by_key(&mut v, |s| *s);
        v
    }

    /// The rate of `part` for `insurance` in `month` at `place`: a city rule beats a province
    /// rule, which beats a national one; rate and fixed sum are resolved separately so a
    /// province rule that only adds a fixed sum keeps the national rate.
    pub fn rate(
        &self,
        insurance: Insurance,
        part: RatePart,
        month: Month,
        place: Place<'_>,
    ) -> ResolvedRate<'_> {
        let applies = |r: &RateRule| {
            r.insurance == insurance
                && r.part == part
                && r.from.is_none_or(|f| f <= month)
                && r.to.is_none_or(|t| month <= t)
        };
        let city_slug = place.city.map(|c| c.slug.as_str());
        let province = place
            .province
            .and_then(|p| self.provinces.iter().find(|q| q.slug == p.slug));
        let province_rules = province.map(|p| p.rates.as_slice()).unwrap_or(&[]);
        // Most specific first; no allocation (this runs for every record).
        let city_tier = province_rules
            .iter()
            .filter(|r| city_slug.is_some() && r.city.as_deref() == city_slug && applies(r));
        let province_tier = province_rules
            .iter()
            .filter(|r| r.city.is_none() && applies(r));
        let national_tier = self.national.rates.iter().filter(|r| applies(r));
        let mut out = ResolvedRate::default();
        for r in city_tier.chain(province_tier).chain(national_tier) {
            if out.rate.is_none() {
                out.rate = r.rate.as_ref();
            }
            if out.fixed.is_none() {
                out.fixed = r.fixed.as_ref();
            }
            if out.rate.is_some() && out.fixed.is_some() {
                break;
            }
        }
        out
    }
}

impl NationalPolicy {
    /// The crediting rate of a year, if listed (check its confidence before using it).
    pub fn crediting_rate(&self, year: u32) -> Option<&Figure> {
        self.crediting_rates
            .iter()
            .find(|c| c.year == year)
            .map(|c| &c.rate)
    }

    /// The divisor of a whole age.
    pub fn divisor(&self, age: u32) -> Option<&MonthsDivisor> {
        self.months_divisors.iter().find(|d| d.age == age)
    }

    /// The retirement rule of a track.
    pub fn retirement_rule(&self, track: Track) -> Option<&RetirementRule> {
        self.retirement.iter().find(|r| r.track == track)
    }

    /// Minimum years for someone reaching retirement age in `year`: the latest entry at or
    /// before the year; years before the first entry take the first entry (the old 15 years).
    pub fn minimum_years(&self, year: u32) -> Option<&MinimumYears> {
        self.minimum_years
            .iter()
            .filter(|m| m.from_year <= year)
            .max_by_key(|m| m.from_year)
            .or_else(|| self.minimum_years.iter().min_by_key(|m| m.from_year))
    }
}

impl ProvincePolicy {
    /// The figures of a contribution year, if any are known.
    pub fn year(&self, year: u32) -> Option<&ProvinceYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The latest year with a computation base, at or before `year` (for estimates of a
    /// future retirement year, whose base is not published yet).
    pub fn latest_computation_base(&self, year: u32) -> Option<(u32, &Figure)> {
        self.years
            .iter()
            .filter(|y| y.year <= year)
            .filter_map(|y| y.computation_base.as_ref().map(|f| (y.year, f)))
            .max_by_key(|(y, _)| *y)
    }
}
