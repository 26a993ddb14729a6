//! Golden files through snapbox: a failure prints a line diff of every file that changed, and
//! `SNAPSHOTS=overwrite` (the one bless command, see ARCHITECTURE.md) rewrites them.
//!
//! The golden files stay plain files (HTML, XML, JSON, text) beside their fixtures, so a
//! reviewer reads them as they are and a diff in a pull request is the change itself.

use crate::files_under;
use snapbox::{Assert, Data};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The environment variable that chooses verify (unset) or `overwrite`.
pub const ACTION_ENV: &str = "SNAPSHOTS";

/// True when the run rewrites golden files instead of comparing them.
pub fn blessing() -> bool {
    std::env::var(ACTION_ENV).is_ok_and(|v| v == "overwrite")
}

/// Compares each `(golden file, actual bytes)` pair; when any differ, panics once with a diff
/// of each (so one run shows every change, not only the first). Under `SNAPSHOTS=overwrite`
/// the golden files are written instead, missing ones included.
pub fn assert_files(pairs: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) {
    let assert = Assert::new().action_env(ACTION_ENV);
    let mut failures = Vec::new();
    for (golden, actual) in pairs {
        // `raw`: compare exactly (newlines aside), without snapbox's `...` / `[..]` wildcards.
        let expected = Data::read_from(&golden, None).raw();
        if let Err(e) = assert.try_eq(Some(&"actual"), Data::binary(actual), expected) {
            failures.push(e.to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ:\n\n{}\nIf the change is intended: {ACTION_ENV}=overwrite cargo test -p shebao-tests, then review `git diff`.",
        failures.len(),
        failures.join("\n")
    );
}

/// A golden folder against the files a run produced (`actual`, paths relative to `dir` with
/// `/`): every file compared with a diff, a file that is no longer produced is a failure
/// (removed under `SNAPSHOTS=overwrite`), a new one is written then.
pub fn assert_dir<'a>(dir: &Path, actual: impl IntoIterator<Item = (&'a str, &'a [u8])>) {
    let actual: Vec<(&str, &[u8])> = actual.into_iter().collect();
    let produced: BTreeSet<&str> = actual.iter().map(|(p, _)| *p).collect();
    let stale: Vec<String> = files_under(dir)
        .into_iter()
        .filter(|rel| !produced.contains(rel.as_str()))
        .collect();
    if blessing() {
        for rel in &stale {
            let _ = std::fs::remove_file(dir.join(rel));
        }
    } else {
        assert!(
            stale.is_empty(),
            "golden files no longer produced (run with {ACTION_ENV}=overwrite to remove them):\n  {}",
            stale.join("\n  ")
        );
    }
    assert_files(
        actual
            .into_iter()
            .map(|(rel, bytes)| (dir.join(rel), bytes.to_vec())),
    );
}
