//! The report, presented: statement bytes → engine → an HTML fragment in plain Chinese (and,
//! in the lazily loaded JSON module only, the report JSON).
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
use shebao_calc::policy::Policy;
use shebao_calc::report::Report;
use shebao_calc::statement::{Input, Statement};
pub use shebao_calc::OptionText;

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
    /// The page's options, as text (parsed by the engine's one options parser).
    pub options: OptionText,
}

/// A checked statement.
pub struct CheckOutput {
    /// The report as an HTML fragment (every person after the first is an empty section,
    /// filled on demand by [`Engine::person_html`]).
    pub html: String,
    /// The report, kept for rendering the other people.
    pub report: Report,
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
        let options = self.options(&input.options)?;
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
        options: &OptionText,
    ) -> Result<CheckOutput, CheckError> {
        let options = self.options(options)?;
        let statement = shebao_calc::read::read_handover(handover, Some(file_name))?;
        self.finish(statement, &options, file_name)
    }

    /// The page's options through the engine's one options parser.
    fn options(&self, text: &OptionText) -> Result<Options, CheckError> {
        text.parse(&self.policy).map_err(|e| CheckError {
            kind: "bad_options".into(),
            message: e.message_zh(),
            row: None,
            column: None,
        })
    }

    fn finish(
        &self,
        statement: Statement,
        options: &Options,
        file_name: &str,
    ) -> Result<CheckOutput, CheckError> {
        let report = analyse(statement, &self.policy, options);
        let html = render(&report, file_name);
        Ok(CheckOutput { html, report })
    }

    /// The inner HTML of person `i`'s section of a checked statement.
    pub fn person_html(&self, out: &CheckOutput, i: usize) -> Option<String> {
        person::person_body(&out.report, i)
    }
}

impl CheckOutput {
    /// The report JSON (what `shebao statement --json` prints). Only the lazily loaded JSON
    /// module has it: serde's serialiser costs the main module ~7.6 KB gzip, for a download
    /// few people make.
    #[cfg(any(feature = "json", test))]
    pub fn json(&self) -> String {
        // Serialising these plain structs into memory cannot fail; if it did, the download
        // would say so rather than the page break.
        serde_json::to_string(&self.report).unwrap_or_else(|_| String::new())
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

/// The whole report as HTML.
pub fn render(report: &Report, file_name: &str) -> String {
    person::report(report, file_name)
}
