//! The native engine as the reference: the same bytes, policy and options through
//! `shebao_calc` natively (encoding_rs, calamine), compared with what the page shows.

use fantoccini::Client;
use serde_json::Value;
use shebao_calc::analyse::{analyse, Options};
use shebao_calc::policy::{Policy, Track};
use shebao_calc::statement::Input;
use shebao_calc::NativeDecoder;
use shebao_tests::calc_page::{self as page, PageResult};
use std::fmt::Write;
use std::path::Path;

/// The native report, as JSON and as the presentation's HTML, or the native error: its
/// message and its row.
fn native(
    bytes: &[u8],
    name: &str,
    policy: &Policy,
    options: &Options,
) -> Result<(Value, String), (String, Option<usize>)> {
    let input = Input {
        bytes,
        file_name: Some(name),
    };
    let statement =
        shebao_calc::read(&input, &NativeDecoder).map_err(|e| (e.message_zh(), e.row))?;
    let report = analyse(statement, policy, options);
    let html = shebao_calc_wasm::present::render(&report, name);
    let json = serde_json::to_value(report).map_err(|e| (e.to_string(), None))?;
    Ok((json, html))
}

async fn page_policy_and_options(c: &Client) -> PageResult<(Policy, Options)> {
    let policy = page::js(
        c,
        "return document.getElementById('calc-policy').textContent;",
    )
    .await?;
    let policy: Policy = serde_json::from_str(policy.as_str().unwrap_or(""))
        .map_err(|e| format!("page policy: {e}"))?;
    let raw = page::calc_attr(c, "data-options")
        .await?
        .ok_or("the page recorded no options")?;
    let v: Value = serde_json::from_str(&raw).map_err(|e| format!("page options {raw}: {e}"))?;
    let month = |k: &str| {
        v.get(k)
            .cloned()
            .filter(|m| !m.is_null())
            .and_then(|m| serde_json::from_value(m).ok())
    };
    Ok((
        policy,
        Options {
            city: v.get("city").and_then(|c| c.as_str()).map(String::from),
            birth: month("birth"),
            track: v
                .get("track")
                .and_then(|t| t.as_str())
                .and_then(Track::parse),
            today: month("today"),
        },
    ))
}

/// The page finished with a report: it must equal the native one, field for field, and show
/// the same HTML.
pub async fn compare(c: &Client, _site: &Path, bytes: &[u8], name: &str) -> PageResult<()> {
    compare_outcome(c, _site, bytes, name, "done").await
}

/// Compare the page's outcome (`done` or `error`) with the native engine's.
pub async fn compare_outcome(
    c: &Client,
    _site: &Path,
    bytes: &[u8],
    name: &str,
    state: &str,
) -> PageResult<()> {
    let (policy, options) = page_policy_and_options(c).await?;
    match (state, native(bytes, name, &policy, &options)) {
        ("done", Ok((expected, expected_html))) => {
            // The main module's own output: it has no JSON writer, so its HTML is compared.
            let shown_html = page::report_html(c).await?;
            if shown_html != expected_html {
                return Err(format!(
                    "the page's report HTML differs from the native presentation's:\n{}",
                    first_text_difference(&shown_html, &expected_html)
                ));
            }
            // The download's JSON, made by the JSON module from the same input.
            let shown = page::report_json(c).await?;
            if shown != expected {
                return Err(format!(
                    "the page's report JSON differs from the native engine's:\n{}",
                    first_difference(&shown, &expected, "")
                ));
            }
            dom_matches_json(c, &expected).await
        }
        ("error", Err((expected, row))) => {
            // The same located message as the CLI, and the row kept apart for scripts.
            let shown = page::text(c, "#calc-error").await?;
            let shown_row = page::calc_attr(c, "data-error-row")
                .await?
                .unwrap_or_default();
            let row = row.map(|r| r.to_string()).unwrap_or_default();
            if shown.trim() != expected.trim() {
                Err(format!(
                    "error differs: page {shown:?}, native {expected:?}"
                ))
            } else if shown_row != row {
                Err(format!(
                    "error row differs: page {shown_row:?}, native {row:?}"
                ))
            } else {
                Ok(())
            }
        }
        ("done", Err((e, _))) => Err(format!(
            "the page showed a report, the native engine refused: {e}"
        )),
        (_, Ok(_)) => Err(format!(
            "the page ended in {state:?}: {}; the native engine read it",
            page::text(c, "#calc-error").await?
        )),
        (_, Err((e, _))) => Err(format!("the page ended in {state:?}; native error: {e}")),
    }
}

/// The figures a person reads on the page (the insurance table's data-* attributes) are the
/// report's figures.
async fn dom_matches_json(c: &Client, report: &Value) -> PageResult<()> {
    let people = report["people"].as_array().cloned().unwrap_or_default();
    let mut errors = String::new();
    for (i, person) in people.iter().enumerate() {
        if i > 0 {
            // Later people are rendered when picked from the list: pick them like a person would.
            page::click_css(c, &format!("[data-person-link=\"{i}\"]")).await?;
        }
        let rows = page::data_rows(c, &format!("[data-person=\"{i}\"] tr[data-insurance]")).await?;
        let insurances = person["insurances"].as_array().cloned().unwrap_or_default();
        if rows.len() != insurances.len() {
            let _ = writeln!(
                errors,
                "person {i}: {} insurance rows shown, {} in the report",
                rows.len(),
                insurances.len()
            );
            continue;
        }
        for (row, ins) in rows.iter().zip(&insurances) {
            let want = [
                ("insurance", ins["kind"].clone()),
                ("monthsPaid", Value::String(ins["months_paid"].to_string())),
                (
                    "firstMonth",
                    Value::String(ins["first_month"].as_str().unwrap_or("").into()),
                ),
                (
                    "lastMonth",
                    Value::String(ins["last_month"].as_str().unwrap_or("").into()),
                ),
                (
                    "personalTotal",
                    Value::String(ins["personal_total"].as_str().unwrap_or("").into()),
                ),
                (
                    "employerTotal",
                    Value::String(ins["employer_total"].as_str().unwrap_or("").into()),
                ),
            ];
            for (key, expected) in want {
                if row.get(key) != Some(&expected) {
                    let _ = writeln!(
                        errors,
                        "person {i} {}: {key} shown {:?}, report {expected}",
                        ins["kind"],
                        row.get(key)
                    );
                }
            }
        }
        let shown_findings = page::js(c, &format!("var e = document.querySelector('[data-person=\"{i}\"] [data-findings]'); return e && e.getAttribute('data-findings');")).await?;
        let n = person["findings"]
            .as_array()
            .map_or(0, |f| f.len())
            .to_string();
        if shown_findings.as_str() != Some(n.as_str()) {
            let _ = writeln!(
                errors,
                "person {i}: {shown_findings} findings shown, {n} in the report"
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where two texts part, with some context from each.
fn first_text_difference(shown: &str, expected: &str) -> String {
    let at = shown
        .char_indices()
        .zip(expected.chars())
        .find(|((_, a), b)| a != b)
        .map_or(shown.len().min(expected.len()), |((i, _), _)| i);
    let start = shown[..at]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let tail = |s: &str| {
        s.get(start..)
            .unwrap_or("")
            .chars()
            .take(160)
            .collect::<String>()
    };
    format!("page:   …{}\nnative: …{}", tail(shown), tail(expected))
}

fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                if x.get(k) != y.get(k) {
                    return first_difference(
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        &format!("{path}.{k}"),
                    );
                }
            }
            String::new()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                if p != q {
                    return first_difference(p, q, &format!("{path}[{i}]"));
                }
            }
            String::new()
        }
        _ => format!("at {path}: page {a}, native {b}"),
    }
}

/// A long CSV of `rows` rows: `people` people, five insurances, consecutive months.
pub fn big_statement(rows: usize, people: usize) -> String {
    let names = [
        "企业职工基本养老保险",
        "职工基本医疗保险",
        "失业保险",
        "工伤保险",
        "生育保险",
    ];
    let per_person = rows / people;
    let months = per_person / names.len();
    let mut out =
        String::from("姓名,证件号码,费款所属期,险种类型,缴费基数,个人缴费,单位缴费,缴费标志\n");
    for p in 0..people {
        for m in 0..months {
            let (year, month) = (1985 + m / 12, m % 12 + 1);
            for (k, n) in names.iter().enumerate() {
                let (personal, employer) = match k {
                    0 => ("400.00", "800.00"),
                    1 => ("100.00", "400.00"),
                    2 => ("25.00", "25.00"),
                    3 => ("0.00", "10.00"),
                    _ => ("0.00", "35.00"),
                };
                let _ = writeln!(out, "测试{p:02},1101011990010{p:05},{year}{month:02},{n},5000.00,{personal},{employer},已到账");
            }
        }
    }
    out
}
