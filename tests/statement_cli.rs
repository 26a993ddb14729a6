//! `shebao statement`: golden reports for every fixture statement, and refusals with exit 2.
//!
//! Each `tests/fixtures/statements/<file>` has a hand-checked `<file>.report.json` (the JSON
//! `shebao statement --json` prints). Run with `BLESS=1` to rewrite them, then review the diff
//! against the figures in that folder's README before committing.

use shebao::statement::{load_policy, run, StatementArgs};
use shebao_calc::month::Month;
use shebao_calc::{check, Input, NativeDecoder, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/statements")
}

/// Fixtures whose file says which city they come from get that city's figures.
fn city_for(file: &str) -> Option<&'static str> {
    match file {
        f if f.starts_with("zhejiang-") => Some("hangzhou"),
        f if f.starts_with("annual-record") => None,
        _ => None,
    }
}

fn statement_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with(".report.json")
                && !name.ends_with(".md")
                && !name.ends_with(".py")
                && !name.ends_with(".rs")
        })
        .collect();
    files.sort();
    files
}

fn report_json(path: &Path) -> String {
    let policy = load_policy(&root().join("content")).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let options = Options {
        city: city_for(&name).map(String::from),
        today: Month::new(2026, 11),
        ..Default::default()
    };
    let input = Input {
        bytes: &bytes,
        file_name: Some(&name),
    };
    match check(&input, &NativeDecoder, &policy, &options) {
        Ok(r) => serde_json::to_string_pretty(&r).unwrap() + "\n",
        Err(e) => panic!("{name}: {}", e.message_zh()),
    }
}

#[test]
fn every_fixture_matches_its_golden_report() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let files = statement_files();
    assert!(!files.is_empty(), "no fixture statements found");
    for path in files {
        let golden = path.with_file_name(format!(
            "{}.report.json",
            path.file_name().unwrap().to_string_lossy()
        ));
        let got = report_json(&path);
        if bless {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!(
                "{} differs from {}",
                path.display(),
                golden.display()
            )),
            Err(_) => failures.push(format!(
                "{} has no golden {}",
                path.display(),
                golden.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "run with BLESS=1 and review the diff:\n{}",
        failures.join("\n")
    );
}

#[test]
fn reports_never_contain_a_full_id_number() {
    for path in statement_files() {
        let json = report_json(&path);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        for p in v["people"].as_array().unwrap() {
            if let Some(id) = p["id_masked"].as_str() {
                let digits = id.chars().filter(|c| c.is_ascii_digit()).count();
                assert!(digits <= 10, "{}: unmasked id {id}", path.display());
            }
        }
        assert_eq!(v["schema_version"], 1);
    }
}

fn args(file: PathBuf) -> StatementArgs {
    StatementArgs {
        file,
        city: None,
        json: true,
        birth: None,
        track: None,
        content: root().join("content"),
    }
}

#[test]
fn bad_input_exits_2() {
    let invalid = fixtures().join("invalid");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&invalid)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        // A good file with a few bad rows is read; the bad rows are listed (next test).
        let partly_good = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("some-rows-bad"));
        let want = if partly_good {
            ExitCode::from(shebao::statement::EXIT_ROWS_UNREAD)
        } else {
            ExitCode::from(2)
        };
        assert_eq!(run(args(path.clone())).unwrap(), want, "{}", path.display());
    }
    assert_eq!(
        run(args(fixtures().join("no-such-file.csv"))).unwrap(),
        ExitCode::from(2)
    );
}

#[test]
fn unreadable_rows_are_listed_not_dropped() {
    let json = report_json(&fixtures().join("invalid/some-rows-bad.csv"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let unreadable: Vec<u64> = v["source"]["rows_skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["unreadable"] == true)
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(unreadable, vec![3, 4]);
    assert_eq!(v["people"][0]["insurances"][0]["months_paid"], 2);
    // 2023-02 and 2023-03 have no readable record, but the unreadable rows 3 and 4 sit
    // between 2023-01 and 2023-04: those months are unreadable, never a gap.
    let pension = &v["people"][0]["insurances"][0];
    assert_eq!(pension["gaps"], serde_json::json!([]));
    assert_eq!(pension["unreadable"][0]["from"], "2023-02");
    assert_eq!(pension["unreadable"][0]["months"], 2);
    assert_eq!(pension["unreadable"][0]["rows"], serde_json::json!([3, 4]));
    assert_eq!(v["people"][0]["unread_rows"], serde_json::json!([3, 4]));
}

#[test]
fn bad_options_exit_2_and_good_ones_succeed() {
    let file = fixtures().join("long-utf8.csv");
    let ok = StatementArgs {
        city: Some("yingkou".into()),
        birth: Some("1970-05".into()),
        track: Some("women-55".into()),
        ..args(file.clone())
    };
    assert_eq!(run(ok).unwrap(), ExitCode::SUCCESS);
    let summary = StatementArgs {
        json: false,
        ..args(file.clone())
    };
    assert_eq!(run(summary).unwrap(), ExitCode::SUCCESS);
    for bad in [
        StatementArgs {
            city: Some("beijing".into()),
            ..args(file.clone())
        },
        StatementArgs {
            birth: Some("1970-13".into()),
            track: Some("men".into()),
            ..args(file.clone())
        },
        StatementArgs {
            birth: Some("1970-05".into()),
            ..args(file.clone())
        },
        StatementArgs {
            birth: Some("1970-05".into()),
            track: Some("woman".into()),
            ..args(file.clone())
        },
    ] {
        assert_eq!(run(bad.clone()).unwrap(), ExitCode::from(2), "{bad:?}");
    }
}

#[test]
fn content_policy_loads_without_errors() {
    let p = load_policy(&root().join("content")).unwrap();
    assert!(p.problems().is_empty());
    // Outside the repository the built-in copy is used; a policy folder that is there but
    // broken is refused, never silently replaced.
    assert!(load_policy(&root().join("no-such-content")).is_ok());
    let broken = std::env::temp_dir().join(format!("shebao-broken-policy-{}", std::process::id()));
    std::fs::create_dir_all(broken.join("policy")).unwrap();
    std::fs::write(broken.join("policy/national.toml"), "rates = 3\n").unwrap();
    let refused = load_policy(&broken).is_err();
    std::fs::remove_dir_all(&broken).unwrap();
    assert!(refused);
}
