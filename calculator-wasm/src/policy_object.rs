//! The site's policy data read from the page's parsed JSON (the browser's `JSON.parse`).
//!
//! serde's derived deserialisers, monomorphised against a deserializer, cost about 26 KB gzip
//! of wasm for the policy types alone; this reader walks the object field by field through the
//! small [`Json`] trait (implemented for `JsValue` in the wasm layer) and is a few KB. Enum
//! labels go through [`Label`] tables (tested against serde's spellings) and months through
//! [`Month::parse_ym`], which serde's impl uses too. A native test reads the real policy data through
//! `serde_json::Value` and compares the result with serde's. Unknown fields are ignored; a
//! missing list counts as empty where serde has `#[serde(default)]`.

use rust_decimal::Decimal;
use shebao_calc::label::Label;
use shebao_calc::month::Month;
use shebao_calc::policy::{
    City, CreditingRate, Figure, MinimumYears, MonthsDivisor, NationalPolicy, Policy,
    ProvincePolicy, ProvinceYear, RateRule, Reference, RetirementRule,
};
use std::fmt;

/// A parsed JSON value, as far as the policy needs it.
pub trait Json: Sized {
    /// The field `name` of an object; `None` if absent or null (or if this is no object).
    fn field(&self, name: &str) -> Option<Self>;
    /// The text of a string.
    fn text(&self) -> Option<String>;
    /// A whole number from 0 to `u32::MAX`.
    fn whole(&self) -> Option<u32>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
}

/// Where the policy JSON is not what the calculator expects.
#[derive(Debug, PartialEq, Eq)]
pub struct PolicyReadError {
    /// Path of the field, e.g. `national.rates[3].rate.value`.
    pub path: String,
    /// What was expected there.
    pub expected: &'static str,
}

impl PolicyReadError {
    fn at(name: &str, expected: &'static str) -> PolicyReadError {
        PolicyReadError {
            path: name.to_string(),
            expected,
        }
    }

    /// Prefix the path with the field that contains it.
    fn within(mut self, name: &str) -> PolicyReadError {
        self.path = if self.path.is_empty() {
            name.to_string()
        } else if self.path.starts_with('[') {
            format!("{name}{}", self.path)
        } else {
            format!("{name}.{}", self.path)
        };
        self
    }
}

impl fmt::Display for PolicyReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}", self.path, self.expected)
    }
}

type Read<T> = Result<T, PolicyReadError>;

/// Reads one value. Plain `fn` pointers, not closures: each reader helper is then compiled
/// once per result type instead of once per field (this module's share of the wasm halved).
type Reader<J, T> = fn(&J) -> Read<T>;

/// The whole policy.
pub fn read_policy<J: Json>(root: &J) -> Read<Policy> {
    Ok(Policy {
        national: required(root, "national", national)?,
        provinces: list(root, "provinces", true, province)?,
    })
}

fn national<J: Json>(o: &J) -> Read<NationalPolicy> {
    Ok(NationalPolicy {
        rates: list(o, "rates", false, rate_rule)?,
        crediting_rates: list(o, "crediting_rates", false, crediting_rate)?,
        account_interest: required(o, "account_interest", reference)?,
        months_divisors: list(o, "months_divisors", false, months_divisor)?,
        divisor_interpolation: required(o, "divisor_interpolation", reference)?,
        retirement: list(o, "retirement", false, retirement_rule)?,
        minimum_years: list(o, "minimum_years", false, minimum_years)?,
        pension_formula: required(o, "pension_formula", reference)?,
    })
}

fn province<J: Json>(o: &J) -> Read<ProvincePolicy> {
    Ok(ProvincePolicy {
        slug: required(o, "slug", text)?,
        name: required(o, "name", text)?,
        cities: list(o, "cities", true, city)?,
        years: list(o, "years", false, province_year)?,
        rates: list(o, "rates", false, rate_rule)?,
    })
}

fn city<J: Json>(o: &J) -> Read<City> {
    Ok(City {
        slug: required(o, "slug", text)?,
        name: required(o, "name", text)?,
        note: optional(o, "note", text)?,
    })
}

fn province_year<J: Json>(o: &J) -> Read<ProvinceYear> {
    Ok(ProvinceYear {
        year: required(o, "year", whole)?,
        floor: optional(o, "floor", figure)?,
        ceiling: optional(o, "ceiling", figure)?,
        average_wage: optional(o, "average_wage", figure)?,
        computation_base: optional(o, "computation_base", figure)?,
    })
}

fn rate_rule<J: Json>(o: &J) -> Read<RateRule> {
    Ok(RateRule {
        insurance: required(o, "insurance", label)?,
        part: required(o, "part", label)?,
        from: optional(o, "from", month)?,
        to: optional(o, "to", month)?,
        city: optional(o, "city", text)?,
        rate: optional(o, "rate", figure)?,
        fixed: optional(o, "fixed", figure)?,
    })
}

fn crediting_rate<J: Json>(o: &J) -> Read<CreditingRate> {
    Ok(CreditingRate {
        year: required(o, "year", whole)?,
        rate: required(o, "rate", figure)?,
    })
}

fn months_divisor<J: Json>(o: &J) -> Read<MonthsDivisor> {
    Ok(MonthsDivisor {
        age: required(o, "age", whole)?,
        months: required(o, "months", figure)?,
    })
}

fn retirement_rule<J: Json>(o: &J) -> Read<RetirementRule> {
    Ok(RetirementRule {
        track: required(o, "track", label)?,
        base_age: required(o, "base_age", whole)?,
        first_affected_birth: required(o, "first_affected_birth", month)?,
        step_months: required(o, "step_months", whole)?,
        max_delay_months: required(o, "max_delay_months", whole)?,
        source: required(o, "source", text)?,
        url: optional(o, "url", text)?,
        confidence: required(o, "confidence", label)?,
    })
}

fn minimum_years<J: Json>(o: &J) -> Read<MinimumYears> {
    Ok(MinimumYears {
        from_year: required(o, "from_year", whole)?,
        years: required(o, "years", figure)?,
    })
}

fn reference<J: Json>(o: &J) -> Read<Reference> {
    Ok(Reference {
        text: required(o, "text", text)?,
        source: required(o, "source", text)?,
        url: optional(o, "url", text)?,
        confidence: required(o, "confidence", label)?,
    })
}

fn figure<J: Json>(o: &J) -> Read<Figure> {
    Ok(Figure {
        value: required(o, "value", decimal)?,
        source: required(o, "source", text)?,
        url: optional(o, "url", text)?,
        confidence: required(o, "confidence", label)?,
        note: optional(o, "note", text)?,
    })
}

/// A decimal written as a string, as in the policy files (never a JSON number).
fn decimal<J: Json>(v: &J) -> Read<Decimal> {
    v.text()
        .and_then(|t| Decimal::from_str_exact(t.trim()).ok())
        .ok_or_else(|| PolicyReadError::at("", "a decimal number as a string"))
}

/// An enum by its label (the spellings are serde's, see [`Label`]).
fn label<J: Json, T: Label>(v: &J) -> Read<T> {
    v.text()
        .and_then(|t| T::from_label(&t))
        .ok_or_else(|| PolicyReadError::at("", "a known label"))
}

fn month<J: Json>(v: &J) -> Read<Month> {
    v.text()
        .and_then(|t| Month::parse_ym(&t))
        .ok_or_else(|| PolicyReadError::at("", "a month YYYY-MM"))
}

fn text<J: Json>(v: &J) -> Read<String> {
    v.text().ok_or_else(|| PolicyReadError::at("", "a string"))
}

fn whole<J: Json>(v: &J) -> Read<u32> {
    v.whole()
        .ok_or_else(|| PolicyReadError::at("", "a whole number"))
}

fn required<J: Json, T>(o: &J, name: &str, read: Reader<J, T>) -> Read<T> {
    let v = o
        .field(name)
        .ok_or_else(|| PolicyReadError::at(name, "a value (missing)"))?;
    // Errors raised on the value itself have an empty path until the field names it.
    read(&v).map_err(|e| e.within(name))
}

fn optional<J: Json, T>(o: &J, name: &str, read: Reader<J, T>) -> Read<Option<T>> {
    match o.field(name) {
        None => Ok(None),
        Some(v) => read(&v).map(Some).map_err(|e| e.within(name)),
    }
}

/// A list; when absent, empty if `required` is false (serde's `#[serde(default)]`).
fn list<J: Json, T>(o: &J, name: &str, required: bool, read: Reader<J, T>) -> Read<Vec<T>> {
    let items = list_items(o, name, required)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item).map_err(|e| item_error(e, name, i))?);
    }
    Ok(out)
}

/// The part of [`list`] that does not depend on the item type (compiled once, not once per
/// list type).
fn list_items<J: Json>(o: &J, name: &str, required: bool) -> Read<Vec<J>> {
    match o.field(name) {
        None if required => Err(PolicyReadError::at(name, "a list (missing)")),
        None => Ok(Vec::new()),
        Some(v) => v.items().ok_or_else(|| PolicyReadError::at(name, "a list")),
    }
}

fn item_error(e: PolicyReadError, name: &str, i: usize) -> PolicyReadError {
    e.within(&format!("[{i}]")).within(name)
}

#[cfg(test)]
#[path = "policy_object_tests.rs"]
mod tests;
