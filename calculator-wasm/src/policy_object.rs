//! The site's policy data read from the page's parsed JSON (the browser's `JSON.parse`).
//!
//! serde's derived deserialisers, monomorphised against a deserializer, cost about 26 KB gzip
//! of wasm for the policy types alone; this reader walks the object field by field through the
//! small [`Json`] trait (implemented for `JsValue` in the wasm layer) and is a few KB. Enum
//! labels and months still go through the types' own serde impls (from a plain `&str`), so
//! the spellings stay defined in one place. A native test reads the real policy data through
//! `serde_json::Value` and compares the result with serde's. Unknown fields are ignored; a
//! missing list counts as empty where serde has `#[serde(default)]`.

use rust_decimal::Decimal;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use shebao_calc::policy::{
    City, CreditingRate, Figure, MinimumYears, MonthsDivisor, NationalPolicy, Policy,
    ProvincePolicy, ProvinceYear, RateRule, Reference, RetirementRule,
};
use std::fmt;
use std::str::FromStr;

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
        slug: text(o, "slug")?,
        name: text(o, "name")?,
        cities: list(o, "cities", true, city)?,
        years: list(o, "years", false, province_year)?,
        rates: list(o, "rates", false, rate_rule)?,
    })
}

fn city<J: Json>(o: &J) -> Read<City> {
    Ok(City {
        slug: text(o, "slug")?,
        name: text(o, "name")?,
        note: optional_text(o, "note")?,
    })
}

fn province_year<J: Json>(o: &J) -> Read<ProvinceYear> {
    Ok(ProvinceYear {
        year: whole(o, "year")?,
        floor: optional(o, "floor", figure)?,
        ceiling: optional(o, "ceiling", figure)?,
        average_wage: optional(o, "average_wage", figure)?,
        computation_base: optional(o, "computation_base", figure)?,
    })
}

fn rate_rule<J: Json>(o: &J) -> Read<RateRule> {
    Ok(RateRule {
        insurance: label(o, "insurance")?,
        part: label(o, "part")?,
        from: optional(o, "from", |v| serde_label(v, "a month YYYY-MM"))?,
        to: optional(o, "to", |v| serde_label(v, "a month YYYY-MM"))?,
        city: optional_text(o, "city")?,
        rate: optional(o, "rate", figure)?,
        fixed: optional(o, "fixed", figure)?,
    })
}

fn crediting_rate<J: Json>(o: &J) -> Read<CreditingRate> {
    Ok(CreditingRate {
        year: whole(o, "year")?,
        rate: required(o, "rate", figure)?,
    })
}

fn months_divisor<J: Json>(o: &J) -> Read<MonthsDivisor> {
    Ok(MonthsDivisor {
        age: whole(o, "age")?,
        months: required(o, "months", figure)?,
    })
}

fn retirement_rule<J: Json>(o: &J) -> Read<RetirementRule> {
    Ok(RetirementRule {
        track: label(o, "track")?,
        base_age: whole(o, "base_age")?,
        first_affected_birth: required(o, "first_affected_birth", |v| {
            serde_label(v, "a month YYYY-MM")
        })?,
        step_months: whole(o, "step_months")?,
        max_delay_months: whole(o, "max_delay_months")?,
        source: text(o, "source")?,
        url: optional_text(o, "url")?,
        confidence: label(o, "confidence")?,
    })
}

fn minimum_years<J: Json>(o: &J) -> Read<MinimumYears> {
    Ok(MinimumYears {
        from_year: whole(o, "from_year")?,
        years: required(o, "years", figure)?,
    })
}

fn reference<J: Json>(o: &J) -> Read<Reference> {
    Ok(Reference {
        text: text(o, "text")?,
        source: text(o, "source")?,
        url: optional_text(o, "url")?,
        confidence: label(o, "confidence")?,
    })
}

fn figure<J: Json>(o: &J) -> Read<Figure> {
    Ok(Figure {
        value: required(o, "value", decimal)?,
        source: text(o, "source")?,
        url: optional_text(o, "url")?,
        confidence: label(o, "confidence")?,
        note: optional_text(o, "note")?,
    })
}

/// A decimal written as a string, as in the policy files (never a JSON number).
fn decimal<J: Json>(v: &J) -> Read<Decimal> {
    v.text()
        .and_then(|t| Decimal::from_str(t.trim()).ok())
        .ok_or_else(|| PolicyReadError::at("", "a decimal number as a string"))
}

/// An enum or month through its serde impl, from the string's text.
fn serde_label<J: Json, T: DeserializeOwned>(v: &J, expected: &'static str) -> Read<T> {
    let text = v.text().ok_or_else(|| PolicyReadError::at("", expected))?;
    let de: StrDeserializer<'_, ValueError> = text.as_str().into_deserializer();
    T::deserialize(de).map_err(|_| PolicyReadError::at("", expected))
}

fn label<J: Json, T: DeserializeOwned>(o: &J, name: &str) -> Read<T> {
    required(o, name, |v| serde_label(v, "a known label"))
}

fn required<J: Json, T>(o: &J, name: &str, read: impl Fn(&J) -> Read<T>) -> Read<T> {
    let v = o
        .field(name)
        .ok_or_else(|| PolicyReadError::at(name, "a value (missing)"))?;
    // Errors raised on the value itself have an empty path until the field names it.
    read(&v).map_err(|e| e.within(name))
}

fn optional<J: Json, T>(o: &J, name: &str, read: impl Fn(&J) -> Read<T>) -> Read<Option<T>> {
    match o.field(name) {
        None => Ok(None),
        Some(v) => read(&v).map(Some).map_err(|e| e.within(name)),
    }
}

/// A list; when absent, empty if `required` is false (serde's `#[serde(default)]`).
fn list<J: Json, T>(o: &J, name: &str, required: bool, read: fn(&J) -> Read<T>) -> Read<Vec<T>> {
    let Some(v) = o.field(name) else {
        return if required {
            Err(PolicyReadError::at(name, "a list (missing)"))
        } else {
            Ok(Vec::new())
        };
    };
    let items = v
        .items()
        .ok_or_else(|| PolicyReadError::at(name, "a list"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item).map_err(|e| e.within(&format!("[{i}]")).within(name)))
        .collect()
}

fn text<J: Json>(o: &J, name: &str) -> Read<String> {
    required(o, name, |v| {
        v.text().ok_or_else(|| PolicyReadError::at("", "a string"))
    })
}

fn optional_text<J: Json>(o: &J, name: &str) -> Read<Option<String>> {
    optional(o, name, |v| {
        v.text().ok_or_else(|| PolicyReadError::at("", "a string"))
    })
}

fn whole<J: Json>(o: &J, name: &str) -> Read<u32> {
    required(o, name, |v| {
        v.whole()
            .ok_or_else(|| PolicyReadError::at("", "a whole number"))
    })
}

#[cfg(test)]
#[path = "policy_object_tests.rs"]
mod tests;
