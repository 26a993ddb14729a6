//! `shebao statement`: golden reports for every fixture statement, golden errors for every
//! refused one, and exit codes.
//!
//! Each `tests/fixtures/statements/<file>` has a hand-checked `<file>.report.json` (the JSON
//! `shebao statement --json` prints); each `invalid/<file>` that is refused has
//! `<file>.error.txt` (the error's kind, row and column as JSON, then the Chinese message). A
//! failure prints a diff; `SNAPSHOTS=overwrite cargo test -p shebao-tests --test statement_cli`
//! writes missing or changed goldens: review the diff against the figures in that folder's
//! README before committing.

use shebao::statement::{load_policy, run, StatementArgs};
use shebao_calc::month::Month;
use shebao_calc::{check, Input, NativeDecoder, OptionText, Options, Report, StatementError};
use shebao_tests::golden;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
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

fn options_for(name: &str) -> Options {
    Options {
        city: city_for(name).map(String::from),
        today: Month::new(2026, 11),
        ..Default::default()
    }
}

/// What the engine makes of a fixture: the report, or the error it refuses the file with.
fn outcome(path: &Path) -> Result<Report, StatementError> {
    let policy = load_policy(&root().join("content")).expect("content policy loads");
    let name = path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    let bytes = std::fs::read(path).expect("fixture readable");
    let input = Input {
        bytes: &bytes,
        file_name: Some(&name),
    };
    check(&input, &NativeDecoder, &policy, &options_for(&name))
}

fn report_json(path: &Path) -> String {
    match outcome(path) {
        Ok(r) => serde_json::to_string_pretty(&r).expect("report serialises") + "\n",
        Err(e) => panic!("{}: {}", path.display(), e.message_zh()),
    }
}

/// `<dir>/<name><suffix>`: the golden file beside a fixture.
fn golden_beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().expect("file name").to_string_lossy();
    path.with_file_name(format!("{name}{suffix}"))
}

#[test]
fn every_fixture_matches_its_golden_report() {
    let files = statement_files();
    assert!(!files.is_empty(), "no fixture statements found");
    golden::assert_files(files.iter().map(|path| {
        (
            golden_beside(path, ".report.json"),
            report_json(path).into_bytes(),
        )
    }));
}

/// The files in `invalid/` the engine refuses (all but the partly good ones, read below).
fn refused_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("invalid"))
        .expect("invalid/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.to_string_lossy().ends_with(".error.txt") && !partly_good(p))
        .collect();
    files.sort();
    files
}

/// A good file with a few bad rows is read; its bad rows are listed.
fn partly_good(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("some-rows-bad"))
}

/// Each refused file's error: kind (with its details), row and column as JSON, then the
/// message a person reads, so a change of kind, row or wording shows as a diff.
#[test]
fn every_refused_fixture_matches_its_golden_error() {
    let files = refused_files();
    assert!(!files.is_empty(), "no invalid fixture statements found");
    golden::assert_files(files.iter().map(|path| {
        let error = match outcome(path) {
            Ok(_) => panic!("{} was read, but it is in invalid/", path.display()),
            Err(e) => e,
        };
        let text = format!(
            "{}\n\n{}\n",
            serde_json::to_string_pretty(&error).expect("error serialises"),
            error.message_zh()
        );
        (golden_beside(path, ".error.txt"), text.into_bytes())
    }));
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

/// Refused files exit 2 (their message is checked by the golden errors above); a partly good
/// file is read and exits 3 (rows left unread).
#[test]
fn bad_input_exits_2() {
    for path in refused_files() {
        assert_eq!(
            run(args(path.clone())).expect("runs"),
            ExitCode::from(2),
            "{}",
            path.display()
        );
    }
    let partly = fixtures().join("invalid/some-rows-bad.csv");
    assert_eq!(
        run(args(partly)).expect("runs"),
        ExitCode::from(shebao::statement::EXIT_ROWS_UNREAD)
    );
    assert_eq!(
        run(args(fixtures().join("no-such-file.csv"))).expect("runs"),
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
    // 2023-02 and 2023-03 have no readable record, but row 3 (month unreadable) sits between
    // 2023-01 and 2023-04 and row 4 is 2023-03 with a bad amount: both months are
    // unreadable, never a gap.
    let pension = &v["people"][0]["insurances"][0];
    assert_eq!(pension["gaps"], serde_json::json!([]));
    let runs: Vec<(&str, u64, Vec<u64>)> = pension["unreadable"]
        .as_array()
        .expect("unreadable runs")
        .iter()
        .map(|r| {
            let rows = r["rows"].as_array().expect("rows");
            (
                r["from"].as_str().expect("from"),
                r["months"].as_u64().expect("months"),
                rows.iter().map(|x| x.as_u64().expect("row")).collect(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        vec![("2023-02", 1, vec![3]), ("2023-03", 1, vec![3, 4])]
    );
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
    // Each refusal exits 2 and is refused for its own reason (the kind of OptionError, whose
    // Chinese message the CLI prints).
    let policy = load_policy(&root().join("content")).expect("content policy loads");
    for (bad, kind) in [
        (
            StatementArgs {
                city: Some("beijing".into()),
                ..args(file.clone())
            },
            "UnknownCity",
        ),
        (
            StatementArgs {
                birth: Some("1970-13".into()),
                track: Some("men".into()),
                ..args(file.clone())
            },
            "BadBirth",
        ),
        (
            StatementArgs {
                birth: Some("1970-05".into()),
                ..args(file.clone())
            },
            "BirthAndTrackTogether",
        ),
        (
            StatementArgs {
                birth: Some("1970-05".into()),
                track: Some("woman".into()),
                ..args(file.clone())
            },
            "BadTrack",
        ),
    ] {
        assert_eq!(
            run(bad.clone()).expect("runs"),
            ExitCode::from(2),
            "{bad:?}"
        );
        let text = OptionText {
            city: bad.city.clone(),
            birth: bad.birth.clone(),
            track: bad.track.clone(),
            today: None,
        };
        let refused = text.parse(&policy).expect_err("refused");
        assert!(
            format!("{refused:?}").starts_with(kind),
            "{bad:?}: refused as {refused:?}, not {kind}"
        );
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

/// A refund of a payment the file does not list is taken off the total: the summary says so
/// beside the total, and explains a balance below zero.
#[test]
fn refunds_are_named_beside_the_total_and_the_balance() {
    let report = outcome(&fixtures().join("long-codes.csv")).expect("reads");
    let summary = shebao_calc::summary_zh(&report);
    assert!(
        summary.contains("个人合计 520.00 元（已减去退费 480.00 元）"),
        "{summary}"
    );
    assert!(summary.contains("年末余额是负数"), "{summary}");
    // 2023 has only the refund: it credits no month.
    assert!(summary.contains("记入 -480.00 元，"), "{summary}");
}

/// A row whose one bad cell is medical leaves the other insurances' figures whole: only the
/// medical line says it leaves the row out.
#[test]
fn an_unreadable_cell_of_one_insurance_marks_only_that_insurance() {
    let report = outcome(&fixtures().join("wide-bad-cell.csv")).expect("reads");
    let summary = shebao_calc::summary_zh(&report);
    let line = |name: &str| {
        summary
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {summary}"))
            .to_string()
    };
    assert!(line("医疗保险：").contains("不含第 4 行"), "{summary}");
    assert!(!line("养老保险：").contains("不含第 4 行"), "{summary}");
    assert!(!line("失业保险：").contains("不含第 4 行"), "{summary}");
    assert!(!summary.contains("账户余额：1243.67 元（不含"), "{summary}");
}
