//! The report, presented: statement bytes → engine → JSON + an HTML fragment in plain Chinese.
//!
//! Pure Rust (no wasm types), so it is unit-tested natively. Everything read from the file
//! (names, employer names, reasons quoting cells) is untrusted and goes through
//! [`html::escape`]. Pictures are inline SVG styled by classes (the page's CSP allows no
//! inline styles), each followed by a data table for screen readers.

mod account;
mod base_chart;
mod findings;
pub mod html;
mod insurances;
mod person;
mod retirement;
mod timeline;

#[cfg(test)]
mod tests;

use shebao_calc::analyse::{analyse, Options};
use shebao_calc::month::Month;
use shebao_calc::policy::{Policy, Track};
use shebao_calc::report::Report;
use shebao_calc::statement::{Input, Statement};

pub use shebao_calc::decode::TextDecode;

/// The policy figures, ready to check statements with.
pub struct Engine {
    policy: Policy,
}

/// What the page passes for one check.
pub struct CheckInput<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// Its name as picked.
    pub file_name: &'a str,
    /// The page's options.
    pub options: PageOptions,
}

/// A checked statement.
pub struct CheckOutput {
    /// The report JSON (what `shebao statement --json` prints).
    pub json: String,
    /// The report as an HTML fragment (every person after the first is an empty section,
    /// filled on demand by [`Engine::person_html`]).
    pub html: String,
    /// The report, kept for rendering the other people.
    pub report: Report,
    /// What was read, kept for the base chart of the other people.
    pub statement: Statement,
}

/// Why a check gave no report: a stable kind (for the page's logic), a Chinese message with
/// the location in it (as the CLI prints it), and the location on its own.
#[derive(Debug)]
pub struct CheckError {
    /// Snake-case kind, e.g. `xlsx_not_supported`, `bad_month`, `bad_options`.
    pub kind: String,
    /// What the person reads: file, row and column, then what is wrong.
    pub message: String,
    /// The row (1-based), when the error belongs to one.
    pub row: Option<usize>,
    /// The column header, when the error belongs to one.
    pub column: Option<String>,
}

impl From<shebao_calc::StatementError> for CheckError {
    fn from(e: shebao_calc::StatementError) -> CheckError {
        CheckError {
            kind: e.kind.tag().to_string(),
            message: e.message_zh(),
            row: e.row,
            column: e.column,
        }
    }
}

/// The policy JSON could not be read (a site build problem, not the reader's).
#[derive(Debug)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "计算器的政策数据无法读取（{}），请刷新页面，或告诉网站维护者。",
            self.0
        )
    }
}

/// The page's options as the page gives them (the wasm layer reads them from the page's JSON
/// with the browser's `JSON.parse`: serde_json's parser would cost ~30 KB gzip of wasm).
/// Empty strings count as absent.
#[derive(Clone, Debug, Default)]
pub struct PageOptions {
    /// City slug.
    pub city: Option<String>,
    /// Birth month, `YYYY-MM`.
    pub birth: Option<String>,
    /// Retirement track (`men`, `women_50`, `women_55`).
    pub track: Option<String>,
    /// This month, `YYYY-MM`.
    pub today: Option<String>,
}

impl Engine {
    /// The engine over the site's policy data (the wasm layer reads it from the page's JSON).
    pub fn new(policy: Policy) -> Engine {
        Engine { policy }
    }

    /// Read, analyse and present one statement.
    pub fn check(
        &self,
        input: &CheckInput<'_>,
        decoder: &dyn TextDecode,
    ) -> Result<CheckOutput, CheckError> {
        let options = parse_options(&input.options)?;
        let file = Input {
            bytes: input.bytes,
            file_name: Some(input.file_name),
        };
        let statement = shebao_calc::read(&file, decoder)?;
        self.finish(statement, &options, input.file_name)
    }

    /// Analyse and present grids handed over by a decoder module (XLSX, PDF; see
    /// `shebao_calc::read::handover`), from the grid stage on.
    pub fn check_grid(
        &self,
        handover: &str,
        file_name: &str,
        options: &PageOptions,
    ) -> Result<CheckOutput, CheckError> {
        let options = parse_options(options)?;
        let statement = shebao_calc::read::read_handover(handover, Some(file_name))?;
        self.finish(statement, &options, file_name)
    }

    fn finish(
        &self,
        statement: Statement,
        options: &Options,
        file_name: &str,
    ) -> Result<CheckOutput, CheckError> {
        let report = analyse(&statement, &self.policy, options);
        // Serialising these plain structs into memory cannot fail; the error's text is left
        // out so that serde_json's error formatting stays out of the wasm module.
        let json = serde_json::to_string(&report).map_err(|_| CheckError {
            kind: "internal".into(),
            message: "报告无法生成（程序内部错误），请告诉网站维护者。".into(),
            row: None,
            column: None,
        })?;
        let html = render(&report, &statement, &self.policy, file_name);
        Ok(CheckOutput {
            json,
            html,
            report,
            statement,
        })
    }

    /// The inner HTML of person `i`'s section of a checked statement.
    pub fn person_html(&self, out: &CheckOutput, i: usize) -> Option<String> {
        person::person_body(&out.report, &out.statement, &self.policy, i)
    }
}

/// Why the page's options are refused (kind `bad_options`).
pub fn bad_options(what: &str) -> CheckError {
    CheckError {
        kind: "bad_options".into(),
        message: format!("选项有误：{what}"),
        row: None,
        column: None,
    }
}

fn parse_options(raw: &PageOptions) -> Result<Options, CheckError> {
    let bad = bad_options;
    let raw = raw.clone();
    let month = |s: Option<String>, what: &str| -> Result<Option<Month>, CheckError> {
        let Some(s) = s.filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        let parsed = s
            .split_once('-')
            .and_then(|(y, m)| Month::new(y.parse().ok()?, m.parse().ok()?));
        parsed.map(Some).ok_or_else(|| bad(what))
    };
    let track = match raw.track.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => Some(Track::parse(t).ok_or_else(|| bad("退休类别不认识"))?),
    };
    Ok(Options {
        city: raw.city.filter(|c| !c.is_empty()),
        birth: month(raw.birth, "出生年月应为“年-月”")?,
        track,
        today: month(raw.today, "当前月份应为“年-月”")?,
    })
}

/// The whole report as HTML.
pub fn render(report: &Report, statement: &Statement, policy: &Policy, file_name: &str) -> String {
    person::report(report, statement, policy, file_name)
}
