//! `shebao statement FILE`: check a social-insurance statement with the same engine the
//! browser runs. The only I/O is here: read the file and the policy data, print the report.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use shebao_calc::month::Month;
use shebao_calc::policy::Policy;
use shebao_calc::read::MAX_INPUT_BYTES;
use shebao_calc::{ErrorKind, Input, NativeDecoder, OptionText, Options, StatementError};

use crate::content::load::{self, LoadError};
use crate::diag::{self, Diagnostic};
use crate::policy_data;

/// Arguments of `shebao statement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementArgs {
    /// The statement file (CSV, TSV, XLSX, text, JSON).
    pub file: PathBuf,
    /// City slug (`yingkou`, `hengyang`, `hangzhou`, `xiaoshan`).
    pub city: Option<String>,
    /// Print the JSON report instead of the Chinese summary.
    pub json: bool,
    /// Birth month `YYYY-MM`, for the retirement part.
    pub birth: Option<String>,
    /// `men`, `women-50` or `women-55`, for the retirement part.
    pub track: Option<String>,
    /// Content folder holding `policy/`.
    pub content: PathBuf,
}

/// Why the policy data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PolicyLoadError {
    /// A file could not be read.
    #[error(transparent)]
    Read(#[from] LoadError),
    /// The files did not parse or break a rule (run `shebao check` for the full list).
    #[error("policy data has errors (run `shebao check`):\n{0}")]
    Invalid(String),
}

/// The policy data this binary was built with (`content/policy/`), used when the command runs
/// outside the repository, where no `content/policy/` folder exists. A test keeps the list
/// complete.
const EMBEDDED_POLICY: &[(&str, &str)] = &[
    (
        "national.toml",
        include_str!("../../content/policy/national.toml"),
    ),
    (
        "provinces/hunan.toml",
        include_str!("../../content/policy/provinces/hunan.toml"),
    ),
    (
        "provinces/liaoning.toml",
        include_str!("../../content/policy/provinces/liaoning.toml"),
    ),
    (
        "provinces/zhejiang.toml",
        include_str!("../../content/policy/provinces/zhejiang.toml"),
    ),
];

/// Load `content_dir/policy/national.toml` and `provinces/*.toml` into the typed policy (the
/// embedded copy when that folder does not exist); any error-level problem refuses the data
/// (warnings pass).
pub fn load_policy(content_dir: &Path) -> Result<Policy, PolicyLoadError> {
    let dir = content_dir.join("policy");
    let files = if dir.is_dir() {
        load::tomls(&dir)?
    } else {
        embedded_policy_files()
    };
    let (policy, diags) = policy_data::parse(&files);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    match policy {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(PolicyLoadError::Invalid(diag::format_all(
            &errors,
            diag::Format::Text,
        ))),
    }
}

/// Exit code of a report printed from a file with data rows that could not be read (listed in
/// the report; figures leave them out), so scripts can tell a partial read from a clean one.
pub const EXIT_ROWS_UNREAD: u8 = 3;

/// Run the command: 0 on a report, 3 on a report that leaves unreadable rows out, 2 when the
/// input or options are refused (message on stderr in Chinese).
pub fn run(args: StatementArgs) -> anyhow::Result<ExitCode> {
    let policy = load_policy(&args.content)?;
    let options = match options(&args, &policy) {
        Ok(o) => o,
        Err(message) => return Ok(refuse(&message)),
    };
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let bytes = match read_limited(&args.file) {
        Ok(b) => b,
        Err(Refusal::Io(e)) => {
            return Ok(refuse(&format!(
                "无法打开文件 {}：{}",
                args.file.display(),
                crate::io_text::why(&e)
            )))
        }
        Err(Refusal::TooLarge(size)) => {
            let mut err = StatementError::new(ErrorKind::TooLarge {
                size,
                limit: MAX_INPUT_BYTES,
            });
            err.file = name;
            return Ok(refuse(&err.message_zh()));
        }
    };
    let input = Input {
        bytes: &bytes,
        file_name: name.as_deref(),
    };
    match shebao_calc::check(&input, &NativeDecoder, &policy, &options) {
        Ok(report) => {
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", shebao_calc::summary_zh(&report));
            }
            let partial = report.source.rows_skipped.iter().any(|r| r.unreadable);
            Ok(if partial {
                ExitCode::from(EXIT_ROWS_UNREAD)
            } else {
                ExitCode::SUCCESS
            })
        }
        Err(mut e) => {
            if e.file.is_none() {
                e.file = name;
            }
            Ok(refuse(&e.message_zh()))
        }
    }
}

fn refuse(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// Options from the arguments, through the engine's one options parser.
fn options(args: &StatementArgs, policy: &Policy) -> Result<Options, String> {
    let text = OptionText {
        city: args.city.clone(),
        birth: args.birth.clone(),
        track: args.track.clone(),
        today: Some(today().to_string()),
    };
    text.parse(policy).map_err(|e| e.message_zh())
}

/// The current month: `SHEBAO_TODAY` (`YYYY-MM` or `YYYY-MM-DD`, for tests), else the clock.
fn today() -> Month {
    if let Some(m) = std::env::var("SHEBAO_TODAY")
        .ok()
        .and_then(|t| Month::parse_typed(t.get(..7).unwrap_or(&t)))
    {
        return m;
    }
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m) = civil_from_days(days);
    Month::new(y, m).unwrap_or_else(|| Month::new(2026, 1).expect("a valid month"))
}

/// Year and month of a day count since 1970-01-01 (H. Hinnant's civil-from-days algorithm).
fn civil_from_days(z: i64) -> (u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u32, month as u32)
}

enum Refusal {
    Io(std::io::Error),
    TooLarge(usize),
}

/// Read at most the engine's limit, so a huge file is refused without loading it all.
fn read_limited(path: &Path) -> Result<Vec<u8>, Refusal> {
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    let len = file.metadata().map_err(Refusal::Io)?.len();
    if len > MAX_INPUT_BYTES as u64 {
        return Err(Refusal::TooLarge(
            usize::try_from(len).unwrap_or(usize::MAX),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_to_months() {
        assert_eq!(civil_from_days(0), (1970, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1)); // 2026-01-01
        assert_eq!(civil_from_days(20_453), (2025, 12));
    }
}

fn embedded_policy_files() -> Vec<load::TextFile> {
    EMBEDDED_POLICY
        .iter()
        .map(|(rel, text)| load::TextFile {
            rel: (*rel).to_string(),
            display: format!("(built-in) content/policy/{rel}"),
            text: (*text).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod embedded_tests {
    use super::*;

    #[test]
    fn embedded_policy_is_every_policy_file_as_it_is_now() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/policy");
        let on_disk = load::tomls(&dir).unwrap();
        let on_disk: Vec<(&str, &str)> = on_disk
            .iter()
            .map(|f| (f.rel.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(on_disk, EMBEDDED_POLICY.to_vec(), "update EMBEDDED_POLICY");
    }

    #[test]
    fn embedded_policy_loads_outside_the_repository() {
        let policy = load_policy(Path::new("/nonexistent-content-dir")).unwrap();
        assert!(policy.place("yingkou").is_some());
    }
}
