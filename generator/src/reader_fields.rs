//! The statement-fields glossary comes from the statement reader itself: a body line such
//! as `列名：<!-- reader:field-names base -->。` becomes every header name the reader maps to
//! that field (`shebao_calc::read::header_synonyms`), so the page and the calculator cannot
//! drift apart. `check` reports a marker naming an unknown field, and — on a page that uses
//! the markers — every field of the reader that the page does not list.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use shebao_calc::read::header_synonyms;

/// Start of a marker; the field's slug and ` -->` follow.
pub const MARKER_START: &str = "<!-- reader:field-names ";
const MARKER_END: &str = " -->";

/// One marker in a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker<'a> {
    /// Byte offset of `<!--` in the text.
    pub offset: usize,
    /// The field slug as written (`"base"`).
    pub slug: &'a str,
}

/// A problem with the markers of one body, at a byte offset of that body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkerProblem {
    /// The slug names no field of the reader.
    UnknownField {
        /// Offset of the marker.
        offset: usize,
        /// What was written.
        slug: String,
    },
    /// The page lists some fields but not these (reported at the first marker).
    MissingFields {
        /// Offset of the first marker.
        offset: usize,
        /// Slugs of the fields not listed, in the reader's order.
        slugs: Vec<&'static str>,
    },
}

impl MarkerProblem {
    /// The Chinese message for editors.
    pub fn message(&self) -> String {
        match self {
            MarkerProblem::UnknownField { slug, .. } => format!(
                "列名标记里的字段 \"{slug}\" 不存在（可用：{}）",
                all_slugs().collect::<Vec<_>>().join("、")
            ),
            MarkerProblem::MissingFields { slugs, .. } => format!(
                "缴费自查工具还认得这些字段的列名，本页没有列出：{}（加一行 <!-- reader:field-names 字段 -->）",
                slugs.join("、")
            ),
        }
    }

    /// Byte offset in the body.
    pub fn offset(&self) -> usize {
        match self {
            MarkerProblem::UnknownField { offset, .. }
            | MarkerProblem::MissingFields { offset, .. } => *offset,
        }
    }
}

/// The slug editors write for each field, in the reader's table order: the field's
/// snake_case serde name (`PeriodRange` → `period_range`, as in the report JSON), taken
/// from serde so a renamed field cannot be missed here.
static SLUGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    header_synonyms()
        .iter()
        .map(|(f, _)| {
            serde_json::to_value(f)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect()
});

fn all_slugs() -> impl Iterator<Item = &'static str> {
    SLUGS.iter().map(String::as_str)
}

/// The header names of the field with this slug, preferred first.
pub fn names(slug: &str) -> Option<&'static [&'static str]> {
    let i = SLUGS.iter().position(|s| *s == slug)?;
    header_synonyms().get(i).map(|(_, names)| *names)
}

/// Every marker in `text`, in order.
pub fn markers(text: &str) -> Vec<Marker<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(MARKER_START) {
        let start = from + at;
        let rest = &text[start + MARKER_START.len()..];
        let Some(end) = rest.find(MARKER_END) else {
            break;
        };
        out.push(Marker {
            offset: start,
            slug: rest[..end].trim(),
        });
        from = start + MARKER_START.len() + end + MARKER_END.len();
    }
    out
}

/// Replaces every marker naming a known field with its names joined by `、`. Unknown
/// markers stay as they are (an HTML comment, invisible); `check` reports them.
pub fn expand(html: &str) -> String {
    let found = markers(html);
    if found.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + found.len() * 200);
    let mut last = 0;
    for m in found {
        let Some(list) = names(m.slug) else {
            continue;
        };
        let end = m.offset
            + html[m.offset..]
                .find(MARKER_END)
                .map_or(0, |e| e + MARKER_END.len());
        out.push_str(&html[last..m.offset]);
        for (i, name) in list.iter().enumerate() {
            if i > 0 {
                out.push('、');
            }
            out.push_str(&crate::escape::html(name));
        }
        last = end;
    }
    out.push_str(&html[last..]);
    out
}

/// Problems with the markers of one Markdown body (offsets relative to `text`).
pub fn problems(text: &str) -> Vec<MarkerProblem> {
    let found = markers(text);
    let Some(first) = found.first() else {
        return Vec::new();
    };
    let mut out: Vec<MarkerProblem> = found
        .iter()
        .filter(|m| names(m.slug).is_none())
        .map(|m| MarkerProblem::UnknownField {
            offset: m.offset,
            slug: m.slug.to_string(),
        })
        .collect();
    let listed: BTreeSet<&str> = found.iter().map(|m| m.slug).collect();
    let missing: Vec<&'static str> = all_slugs().filter(|s| !listed.contains(s)).collect();
    if !missing.is_empty() {
        out.push(MarkerProblem::MissingFields {
            offset: first.offset,
            slugs: missing,
        });
    }
    out
}

#[cfg(test)]
#[path = "reader_fields_tests.rs"]
mod tests;
