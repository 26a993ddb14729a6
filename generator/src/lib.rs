//! `shebao`: the site generator for the 社保查询指南 and the statement checker CLI.
//!
//! Pipeline (each step a module with one job; only [`content::load`] reads and
//! [`output`] writes files):
//! content files → [`content`] (front matter, serde shapes, validation) → [`model`] →
//! [`site`] (the page set, drafts, URLs) → [`markdown`] + [`render`] (Tera, views, JSON-LD,
//! sitemap, feed) → [`output`] (sorted in-memory files, written in parallel).
//! [`check`] runs the same steps without templates and reports [`diag::Diagnostic`]s.

pub mod bodies;
pub mod build;
pub mod check;
pub mod content;
pub mod date;
pub mod diag;
pub mod escape;
pub mod io_text;
pub mod markdown;
pub mod model;
pub mod output;
pub mod policy_data;
pub mod reader_fields;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod site_facts;
pub mod statement;
pub mod stylesheet;
