//! The policy reader over `serde_json::Value` against serde's own reading of the same JSON.

use super::{read_policy, Json, PolicyReadError};
use crate::test_policy::policy_json;
use shebao_calc::policy::Policy;

impl Json for serde_json::Value {
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| !v.is_null()).cloned()
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn whole(&self) -> Option<u32> {
        self.as_u64().and_then(|n| u32::try_from(n).ok())
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

fn read(json: &str) -> Result<Policy, PolicyReadError> {
    read_policy(&serde_json::from_str::<serde_json::Value>(json).expect("json"))
}

#[test]
fn real_policy_reads_as_serde_reads_it() {
    let json = policy_json();
    let ours = read(&json).expect("policy reads");
    let serde: Policy = serde_json::from_str(&json).expect("serde reads");
    assert!(!ours.provinces.is_empty() && !ours.national.rates.is_empty());
    assert_eq!(ours, serde);
}

#[test]
fn errors_name_the_field() {
    let mut v: serde_json::Value = serde_json::from_str(&policy_json()).expect("json");
    v["national"]["rates"][1]["rate"]["value"] = serde_json::json!(0.08);
    let e = read_policy(&v).expect_err("a float is refused");
    assert_eq!(e.path, "national.rates[1].rate.value");
    assert_eq!(e.expected, "a decimal number as a string");

    let mut v: serde_json::Value = serde_json::from_str(&policy_json()).expect("json");
    v["national"]["rates"][0]["part"] = serde_json::json!("half");
    let e = read_policy(&v).expect_err("unknown part");
    assert_eq!(e.path, "national.rates[0].part");

    let mut v: serde_json::Value = serde_json::from_str(&policy_json()).expect("json");
    v["national"]["retirement"][0]["first_affected_birth"] = serde_json::json!("1965-13");
    let e = read_policy(&v).expect_err("bad month");
    assert_eq!(e.path, "national.retirement[0].first_affected_birth");

    let e = read(r#"{"national":{}}"#).expect_err("missing");
    assert_eq!(e.path, "national.account_interest");
    let e = read(r#"{"provinces":[]}"#).expect_err("missing");
    assert_eq!(e.path, "national");
}

#[test]
fn absent_lists_default_to_empty_like_serde() {
    let reference = r#"{"text":"t","source":"s","confidence":"H"}"#;
    let json = format!(
        r#"{{"national":{{"account_interest":{reference},"divisor_interpolation":{reference},"pension_formula":{reference}}},"provinces":[{{"slug":"x","name":"X","cities":[]}}]}}"#
    );
    let serde: Policy = serde_json::from_str(&json).expect("serde reads");
    assert_eq!(read(&json).expect("reads"), serde);
}
