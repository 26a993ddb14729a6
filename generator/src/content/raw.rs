//! Serde shapes of a page's front matter, exactly as editors write them (see content/README.md).
//!
//! Every field is optional here and carries its span, so that validation (in `validate`) can
//! report *every* missing or malformed field at once with its line and column, instead of
//! serde stopping at the first. Unknown keys are reported (with a did-you-mean) by `keys`
//! before these shapes are filled; `deny_unknown_fields` stays on as a safety net.

use serde::Deserialize;
use toml::Spanned;

/// A spanned optional field.
pub type Field<T> = Option<Spanned<T>>;

/// The front matter of any page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// The page's `<h1>` and `<title>`.
    pub title: Field<String>,
    /// One sentence for search engines.
    pub description: Field<String>,
    /// Which template and typed fields apply.
    pub kind: Field<String>,
    /// Last review date (TOML date or "YYYY-MM-DD" string).
    pub reviewed: Field<toml::Value>,
    /// Order within the section.
    pub weight: Field<i64>,
    /// Left out unless building with drafts.
    pub draft: Field<bool>,
    /// Overrides the file name in the URL.
    pub slug: Field<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<Spanned<RawSource>>,
    /// City slug (city guides).
    pub city: Field<String>,
    /// City name in Chinese (city guides).
    pub city_name: Field<String>,
    /// Province slug (city guides).
    pub province: Field<String>,
    /// "Start here": the two or three simplest ways, one Markdown line each (guides).
    pub start: Field<Vec<String>>,
    /// Official query channels.
    #[serde(default)]
    pub channels: Vec<Spanned<RawChannel>>,
    /// Numbered step lists.
    #[serde(default)]
    pub procedures: Vec<Spanned<RawProcedure>>,
    /// Questions and answers.
    #[serde(default)]
    pub faqs: Vec<Spanned<RawFaq>>,
}

/// One source of facts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Title of the document.
    pub title: Field<String>,
    /// Where it is.
    pub url: Field<String>,
    /// When an editor saw it.
    pub seen: Field<toml::Value>,
}

/// One official query channel.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChannel {
    /// Anchor and reference.
    pub id: Field<String>,
    /// app, website, mini-program, hall, terminal, hotline, bank.
    pub kind: Field<String>,
    /// Display name.
    pub name: Field<String>,
    /// What can be looked up there.
    pub queries: Field<Vec<String>>,
    /// What one needs.
    pub needs: Field<Vec<String>>,
    /// How, briefly (Markdown).
    pub steps: Field<Vec<String>>,
    /// Official address.
    pub url: Field<String>,
    /// Phone number.
    pub phone: Field<String>,
    /// Opening hours.
    pub hours: Field<String>,
    /// Confirmed by the research notes.
    pub verified: Field<bool>,
    /// A caveat.
    pub note: Field<String>,
}

/// A numbered procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcedure {
    /// Anchor.
    pub id: Field<String>,
    /// Heading.
    pub title: Field<String>,
    /// Steps (Markdown).
    pub steps: Field<Vec<String>>,
    /// The channel it uses (a channel `id`).
    pub channel: Field<String>,
}

/// A question and its answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaq {
    /// Anchor.
    pub id: Field<String>,
    /// The question.
    pub question: Field<String>,
    /// The answer (Markdown).
    pub answer: Field<String>,
}
