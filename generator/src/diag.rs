//! Diagnostics: one problem in one content file, located by line and column.
//!
//! Problems are collected, never thrown, so `shebao check` can report all of them at once
//! (ripgrep's `ignore::Error::Partial`). This module also owns the two output formats
//! (plain `path:line:column: message` and GitHub Actions annotations) and the byte-offset →
//! line/column mapping every producer uses.

use std::fmt;

/// How bad a problem is: errors fail `check` and `build`, warnings are only printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site must not be published like this.
    Error,
    /// Worth fixing (e.g. stale review date), but not blocking.
    Warning,
}

/// One problem at one place in a content file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Path as given to the user (relative to the working directory when possible).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes), so CJK text lines up.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(path: &str, pos: Position, message: impl Into<String>) -> Self {
        Self::new(path, pos, Severity::Error, message)
    }

    /// A warning at a position.
    pub fn warning(path: &str, pos: Position, message: impl Into<String>) -> Self {
        Self::new(path, pos, Severity::Warning, message)
    }

    fn new(path: &str, pos: Position, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            severity,
            message: message.into(),
        }
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(
            f,
            "{}:{}:{}: {label}{}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// Output format of a diagnostic list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// `path:line:column: message`, one per line.
    #[default]
    Text,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
    Github,
}

/// Renders diagnostics in the chosen format, one per line, in the given order.
pub fn format_all(diags: &[Diagnostic], format: Format) -> String {
    let mut out = String::new();
    for d in diags {
        match format {
            Format::Text => out.push_str(&d.to_string()),
            Format::Github => {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                out.push_str(&format!(
                    "::{kind} file={},line={},col={}::{}",
                    escape_property(&d.path),
                    d.line,
                    d.col,
                    escape_data(&d.message)
                ));
            }
        }
        out.push('\n');
    }
    out
}

// GitHub's workflow-command escaping: data and property values differ (toolkit/core command.ts).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

impl Position {
    /// The start of a file.
    pub const START: Position = Position { line: 1, col: 1 };
}

/// Maps byte offsets of one text to line/column positions.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`'s line starts once; lookups are then a binary search.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// Position of byte `offset` (clamped to the text; a mid-character offset rounds down).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Position { line, col }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let idx = LineIndex::new("第一行\n营口 = 1\n");
        assert_eq!(idx.position(0), Position { line: 1, col: 1 });
        let eq = "第一行\n营口 ".len();
        assert_eq!(idx.position(eq), Position { line: 2, col: 4 });
        assert_eq!(idx.position(10_000), Position { line: 3, col: 1 });
    }

    #[test]
    fn github_format_escapes() {
        let d = Diagnostic::warning("a,b.md", Position { line: 2, col: 3 }, "x\ny");
        assert_eq!(
            format_all(&[d], Format::Github),
            "::warning file=a%2Cb.md,line=2,col=3::x%0Ay\n"
        );
    }
}
