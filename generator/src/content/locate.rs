//! Turns spans inside one content file into diagnostics: a file's display path, its line
//! index, and the list of problems found so far.

use std::ops::Range;

use crate::diag::{Diagnostic, LineIndex, Position};

/// Collects diagnostics for one file.
pub struct FileDiags<'a> {
    path: &'a str,
    index: LineIndex<'a>,
    /// Problems found so far, in discovery order.
    pub diags: Vec<Diagnostic>,
}

impl<'a> FileDiags<'a> {
    /// Starts collecting for `path`, whose full text is `text`.
    pub fn new(path: &'a str, text: &'a str) -> Self {
        FileDiags {
            path,
            index: LineIndex::new(text),
            diags: Vec::new(),
        }
    }

    /// Position of a byte offset in the file.
    pub fn pos(&self, offset: usize) -> Position {
        self.index.position(offset)
    }

    /// An error at byte `offset` of the file.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = Diagnostic::error(self.path, self.pos(offset), message);
        self.diags.push(d);
    }

    /// A warning at byte `offset` of the file.
    pub fn warning(&mut self, offset: usize, message: impl Into<String>) {
        let d = Diagnostic::warning(self.path, self.pos(offset), message);
        self.diags.push(d);
    }

    /// An error at a span of a TOML fragment that starts at byte `base` of the file.
    pub fn error_in(&mut self, base: usize, span: &Range<usize>, message: impl Into<String>) {
        self.error(base + span.start, message);
    }

    /// Whether any error (not warning) was reported.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }
}
