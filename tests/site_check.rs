//! `shebao check` on a fixture with one planted error of each kind: the exact
//! path:line:column list, severities, and the GitHub annotation format.

use std::path::Path;

use shebao::build::read_input;
use shebao::check::check;
use shebao::date::Date;
use shebao::diag::{format_all, Format, Severity};

fn diagnostics() -> Vec<shebao::diag::Diagnostic> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites/invalid/content");
    let input = read_input(&content).expect("fixture readable");
    let prefix = format!("{}/", content.display());
    let mut diags = check(&input, Date::new(2026, 11, 25).expect("date"));
    for d in &mut diags {
        d.path = d.path.trim_start_matches(&prefix).to_string();
    }
    diags
}

#[test]
fn every_planted_error_is_located() {
    let got: Vec<(String, usize, usize, Severity, String)> = diagnostics()
        .into_iter()
        .map(|d| (d.path, d.line, d.col, d.severity, d.message))
        .collect();
    let located: Vec<String> = got
        .iter()
        .map(|(p, l, c, s, _)| format!("{p}:{l}:{c} {s:?}"))
        .collect();
    assert_eq!(
        located,
        [
            "cities/yingkou.md:2:1 Error", // unknown field `titel` (did you mean `title`)
            "cities/yingkou.md:2:1 Error", // missing required `description`
            "cities/yingkou.md:2:1 Error", // missing required `title`
            "cities/yingkou.md:11:7 Error", // bad URL
            "policy/provinces/liaoning.toml:7:19 Error", // floor above ceiling
            "policy/provinces/liaoning.toml:8:39 Error", // figure without a source
            "policy/provinces/liaoning.toml:13:18 Error", // rate outside 0–1
            "topics/b.md:5:8 Error",       // duplicate slug
            "topics/c.md:5:12 Error",      // bad TOML date
            "topics/d.md:2:1 Error",       // missing [[sources]] on a topic
            "topics/d.md:5:12 Error",      // bad date string
            "topics/e.md:5:12 Warning",    // reviewed > 12 months ago
            "topics/e.md:11:2 Error",      // link to a missing page
            "topics/e.md:11:32 Error",     // missing anchor
            "topics/e.md:14:4 Error",      // field-name marker naming no reader field
            "topics/e.md:14:4 Warning",    // reader fields the page does not list
        ]
    );
    let messages: Vec<&str> = got.iter().map(|g| g.4.as_str()).collect();
    assert!(
        messages[0].contains("`titel`") && messages[0].contains("是不是 `title`"),
        "{}",
        messages[0]
    );
    assert!(messages[7].contains("重复"), "{}", messages[7]);
    assert!(messages[12].contains("@/cities/nowhere.md"));
    assert!(messages[13].contains("#没有这一节"));
    assert!(
        messages[14].contains("\"bass\"") && messages[14].contains("base"),
        "{}",
        messages[14]
    );
    assert!(messages[15].contains("period"), "{}", messages[15]);
}

#[test]
fn github_annotations() {
    let diags = diagnostics();
    let text = format_all(&diags, Format::Github);
    let first = text.lines().next().expect("a line");
    assert!(
        first.starts_with("::error file=cities/yingkou.md,line=2,col=1::未知字段"),
        "{first}"
    );
    assert!(text.contains("::warning file=topics/e.md,line=5,col=12::"));
}

#[test]
fn the_real_content_passes_check() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let input = read_input(&content).expect("content readable");
    let errors: Vec<String> = check(&input, Date::new(2026, 11, 25).expect("date"))
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "content/ has errors:\n{}",
        errors.join("\n")
    );
}

/// Readers see every policy `source` beside its figure (and in the calculator's report), so
/// it must be Chinese: no English words, only document numbers, dates and figures.
#[test]
fn policy_sources_are_written_in_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/policy");
    let mut files = vec![root.join("national.toml")];
    for entry in std::fs::read_dir(root.join("provinces")).expect("provinces") {
        files.push(entry.expect("entry").path());
    }
    let mut english = Vec::new();
    let mut seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("policy file");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            for part in line.split("source = \"").skip(1) {
                let value = part.split('"').next().unwrap_or_default();
                seen += 1;
                let mut run = 0;
                let has_word = value.chars().any(|c| {
                    run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
                    run >= 3
                });
                if has_word {
                    english.push(format!("{}:{}: {value}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        seen > 50,
        "only {seen} sources found: did the file format change?"
    );
    assert!(
        english.is_empty(),
        "English in sources:\n{}",
        english.join("\n")
    );
}
