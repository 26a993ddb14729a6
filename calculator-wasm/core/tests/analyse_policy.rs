//! The policy files in content/policy parse into the typed policy and obey every rule.

use shebao_calc::policy::{Confidence, Policy, RatePart, Track};
use shebao_calc::record::Insurance;
mod analyse_support;
use analyse_support::{m, policy as content_policy};

#[test]
fn content_policy_has_no_problems() {
    let p = content_policy();
    assert_eq!(p.problems(), vec![]);
    assert_eq!(
        p.city_slugs(),
        vec!["hangzhou", "hengyang", "xiaoshan", "yingkou"]
    );
}

#[test]
fn content_policy_carries_the_research_figures() {
    let p = content_policy();
    let n = &p.national;
    assert_eq!(n.crediting_rate(2024).unwrap().value.to_string(), "0.0262");
    let r2025 = n.crediting_rate(2025).unwrap();
    assert_eq!(r2025.confidence, Confidence::Low);
    assert!(!r2025.confidence.is_confirmed());
    assert_eq!(n.divisor(47).unwrap().months.value.to_string(), "208");
    assert_eq!(n.months_divisors.len(), 31);
    assert_eq!(
        n.retirement_rule(Track::Women50).unwrap().max_delay_months,
        60
    );
    assert_eq!(n.minimum_years(2024).unwrap().years.value.to_string(), "15");
    assert_eq!(
        n.minimum_years(2030).unwrap().years.value.to_string(),
        "15.5"
    );
    assert_eq!(n.minimum_years(2050).unwrap().years.value.to_string(), "20");
    let ln = p.place("yingkou").unwrap().province.unwrap();
    assert_eq!(
        ln.year(2025)
            .unwrap()
            .floor
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "4359"
    );
    assert!(
        ln.year(2024).unwrap().floor.is_none(),
        "Liaoning 2024 floor was not found"
    );
}

#[test]
fn rates_resolve_city_then_province_then_national() {
    let p = content_policy();
    let hz = p.place("hangzhou").unwrap();
    let xs = p.place("xiaoshan").unwrap();
    let hy = p.place("hengyang").unwrap();
    let med_emp = |place, month| {
        p.rate(Insurance::Medical, RatePart::Employer, month, place)
            .rate
            .map(|f| f.value.to_string())
    };
    assert_eq!(med_emp(hz, m(2023, 1)), Some("0.095".into()));
    assert_eq!(med_emp(hz, m(2022, 12)), None);
    assert_eq!(
        med_emp(xs, m(2024, 1)),
        None,
        "Xiaoshan is not covered by the Hangzhou rule"
    );
    let med_personal = p.rate(Insurance::Medical, RatePart::Personal, m(2025, 3), hy);
    assert_eq!(med_personal.rate.unwrap().value.to_string(), "0.02");
    assert_eq!(med_personal.fixed.unwrap().value.to_string(), "15");
    let une = p.rate(Insurance::Unemployment, RatePart::Personal, m(2025, 6), hy);
    assert_eq!(une.rate.unwrap().value.to_string(), "0.003");
    let une_2026 = p.rate(Insurance::Unemployment, RatePart::Personal, m(2026, 1), hy);
    assert!(une_2026.rate.is_none());
    let pension_1999 = p.rate(
        Insurance::Pension,
        RatePart::AccountCredit,
        m(1999, 1),
        Default::default(),
    );
    assert_eq!(pension_1999.rate.unwrap().value.to_string(), "0.11");
}

#[test]
fn problems_name_the_key_path() {
    let mut p = content_policy();
    let zj = p
        .provinces
        .iter_mut()
        .find(|p| p.slug == "zhejiang")
        .unwrap();
    let y = zj.years.iter_mut().position(|y| y.year == 2025).unwrap();
    zj.years[y].floor.as_mut().unwrap().value = "30000".parse().unwrap();
    zj.rates[0].rate.as_mut().unwrap().value = "8".parse().unwrap();
    zj.rates[0].rate.as_mut().unwrap().source = " ".into();
    p.national.crediting_rates[1].year = 2016;
    let got: Vec<String> = p
        .problems()
        .iter()
        .map(|q| format!("{:?} {}", q.file, q.path))
        .collect();
    assert_eq!(
        got,
        vec![
            "National crediting_rates[1].year".to_string(),
            "Province(\"zhejiang\") rates[0].rate.source".to_string(),
            "Province(\"zhejiang\") rates[0].rate.value".to_string(),
            format!("Province(\"zhejiang\") years[{y}].floor.value"),
        ]
    );
}

#[test]
fn a_float_in_a_policy_file_is_refused() {
    let text = r#"year = 2024
rate = { value = 0.0262, source = "x", confidence = "H" }"#;
    let err = toml::from_str::<shebao_calc::policy::CreditingRate>(text).unwrap_err();
    assert!(err.to_string().contains("string"), "{err}");
}

#[test]
fn policy_round_trips_through_json() {
    let p = content_policy();
    let json = serde_json::to_string(&p).unwrap();
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
}

/// The calculator pages inline `for_engine()`: no notes or links, and on every fixture
/// statement, in every city and with the retirement part on, the same report as the full
/// policy gives.
#[test]
fn the_engine_copy_drops_notes_and_links_and_changes_no_report() {
    use shebao_calc::analyse::{analyse, Options};
    use shebao_calc::statement::Input;

    let full = content_policy();
    let lean = full.for_engine();
    let (full_json, lean_json) = (
        serde_json::to_string(&full).unwrap(),
        serde_json::to_string(&lean).unwrap(),
    );
    assert!(full_json.contains("\"note\"") && full_json.contains("\"url\""));
    assert!(!lean_json.contains("\"note\"") && !lean_json.contains("\"url\""));
    assert!(
        lean_json.len() * 4 < full_json.len() * 3,
        "at least a quarter smaller"
    );

    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/statements");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let other = [".report.json", ".md", ".py"];
        if path.is_dir() || other.iter().any(|e| name.ends_with(e)) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let input = Input {
            bytes: &bytes,
            file_name: Some(&name),
        };
        let Ok(statement) = shebao_calc::read(&input, &shebao_calc::NativeDecoder) else {
            continue;
        };
        for city in [
            None,
            Some("yingkou"),
            Some("hengyang"),
            Some("hangzhou"),
            Some("xiaoshan"),
        ] {
            let options = Options {
                city: city.map(String::from),
                birth: Some(m(1970, 5)),
                track: Some(Track::Men),
                today: Some(m(2026, 11)),
            };
            assert_eq!(
                analyse(statement.clone(), &lean, &options),
                analyse(statement.clone(), &full, &options),
                "{name} in {city:?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} fixtures read");
}

/// Every rate rule judges only the months its source supports: a period no source covers is
/// not checked (`rates_unknown`), never judged by a rule of another period.
#[test]
fn rate_rules_hold_only_for_their_dated_periods() {
    use analyse_support::{rec, statement};
    use shebao_calc::analyse::{analyse, Options};
    use shebao_calc::report::FindingCode;
    let p = content_policy();
    let codes = |month, personal: &str, city: &str| {
        let r = rec(month, Insurance::Unemployment, "5000", personal, "25.00");
        let options = Options {
            city: Some(city.into()),
            ..Default::default()
        };
        let report = analyse(statement(vec![r]), &p, &options);
        report.people[0]
            .findings
            .iter()
            .map(|f| f.code)
            .filter(|c| *c != FindingCode::BaseDiffersBetweenInsurances)
            .collect::<Vec<_>>()
    };
    // Hunan 2017: 0.5 % personal under 湘人社发〔2016〕36号; no national 1 % applies then.
    assert_eq!(codes(m(2017, 6), "25.00", "hengyang"), vec![]);
    // Hunan 2018-06: no source found for the split: not checked, not flagged.
    assert_eq!(
        codes(m(2018, 6), "25.00", "hengyang"),
        vec![FindingCode::RatesUnknown]
    );
    // Zhejiang 2024: 0.5 % (浙人社发〔2023〕16号), no longer only from 2025.
    assert_eq!(codes(m(2024, 3), "25.00", "hangzhou"), vec![]);
    assert_eq!(
        codes(m(2024, 3), "50.00", "hangzhou"),
        vec![FindingCode::PersonalAmountMismatch]
    );
    // 2026: no extension of the reduced rates was found anywhere.
    assert_eq!(
        codes(m(2026, 3), "25.00", "yingkou"),
        vec![FindingCode::RatesUnknown]
    );
    // Zhejiang's 2026 limits: the 2025 figures, provisionally still in use.
    let zj = p.place("hangzhou").unwrap().province.unwrap();
    let y2026 = zj.year(2026).unwrap();
    assert_eq!(y2026.floor.as_ref().unwrap().value.to_string(), "4986");
    assert_eq!(y2026.ceiling.as_ref().unwrap().value.to_string(), "25299");
}
