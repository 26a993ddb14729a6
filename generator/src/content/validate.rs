//! Front matter → validated [`Page`]: every missing, malformed or unknown field of one file is
//! reported with its line and column; a page is produced only when the file has no errors.

use serde::Deserialize;
use toml::de::DeTable;
use toml::Spanned;

use super::front_matter;
use super::guide::GuideFields;
use super::keys;
use super::locate::FileDiags;
use super::raw::{Field, RawFrontMatter, RawSource};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::model::{Markdown, Page, PageKind, PageSpans, Source};

/// Validates one page file. `source` is its path under content/ ("cities/yingkou.md"),
/// `display` the path to show in diagnostics.
pub fn parse_page(source: &str, display: &str, text: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let mut fd = FileDiags::new(display, text);
    let page = parse_into(source, text, &mut fd);
    let page = if fd.has_errors() { None } else { page };
    (page, fd.diags)
}

fn parse_into(source: &str, text: &str, fd: &mut FileDiags<'_>) -> Option<Page> {
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(e) => {
            fd.error(0, e.to_string());
            return None;
        }
    };
    let base = split.toml_offset;
    let mut table = match DeTable::parse(split.toml) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            fd.error(base + at, format!("TOML 语法错误：{}", e.message().trim()));
            return None;
        }
    };
    for u in keys::strip_unknown(table.get_mut()) {
        let place = if u.table.is_empty() {
            String::new()
        } else {
            format!("（在 [[{}]] 中）", u.table)
        };
        let hint = u
            .suggestion
            .map_or(String::new(), |s| format!("，是不是 `{s}`？"));
        fd.error_in(base, &u.span, format!("未知字段 `{}`{place}{hint}", u.key));
    }
    let raw = match RawFrontMatter::deserialize(toml::de::Deserializer::from(table)) {
        Ok(r) => r,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            fd.error(base + at, format!("字段类型不对：{}", e.message().trim()));
            return None;
        }
    };
    let mut v = Fields { fd, base };
    let title = v
        .required(&raw.title, "title", 0)
        .map(|s| s.trim().to_string());
    let description = v.required(&raw.description, "description", 0).cloned();
    let kind = v.kind(&raw.kind);
    let reviewed = raw.reviewed.as_ref().and_then(|r| v.date(r, "reviewed"));
    let sources: Vec<Source> = raw.sources.iter().filter_map(|s| v.source(s)).collect();
    if kind.needs_review() {
        if raw.reviewed.is_none() {
            v.fd.error(
                base,
                "缺少必填字段 `reviewed`（指南和专题页必须写审核日期，如 2026-11-25）",
            );
        }
        if raw.sources.is_empty() {
            v.fd.error(
                base,
                "缺少必填字段 `[[sources]]`（指南和专题页必须列出信息来源）",
            );
        }
    }
    let guide = GuideFields { fd: v.fd, base }.guide(kind, &raw);
    let is_section = source.rsplit('/').next() == Some("_index.md");
    let slug = raw.slug.as_ref().map(|s| s.get_ref().as_str());
    Some(Page {
        source: source.to_string(),
        url_path: url_path(source, slug),
        is_section,
        parent: parent_section(source),
        title: title?,
        description: description?,
        kind,
        reviewed,
        weight: raw.weight.as_ref().map_or(0, |w| *w.get_ref()),
        draft: raw.draft.as_ref().is_some_and(|d| *d.get_ref()),
        sources,
        guide,
        body: Markdown {
            text: split.body.to_string(),
            offset: split.body_offset,
        },
        spans: PageSpans {
            slug: base + raw.slug.as_ref().map_or(0, |s| s.span().start),
            reviewed: base + raw.reviewed.as_ref().map_or(0, |s| s.span().start),
            city: base + raw.city.as_ref().map_or(0, |s| s.span().start),
        },
    })
}

/// Field checks shared by the page and its tables.
pub(super) struct Fields<'f, 'a> {
    pub fd: &'f mut FileDiags<'a>,
    /// Byte offset of the TOML text in the file.
    pub base: usize,
}

impl Fields<'_, '_> {
    /// A required field; `table_at` is where to point when it is missing (offset in the TOML).
    pub fn required<'v, T>(
        &mut self,
        f: &'v Field<T>,
        name: &str,
        table_at: usize,
    ) -> Option<&'v T> {
        match f {
            Some(v) => Some(v.get_ref()),
            None => {
                self.fd
                    .error(self.base + table_at, format!("缺少必填字段 `{name}`"));
                None
            }
        }
    }

    /// A required, non-empty string.
    pub fn required_text(
        &mut self,
        f: &Field<String>,
        name: &str,
        table_at: usize,
    ) -> Option<String> {
        let s = self.required(f, name, table_at)?.trim().to_string();
        if s.is_empty() {
            let at = f.as_ref().map_or(table_at, |v| v.span().start);
            self.fd
                .error(self.base + at, format!("字段 `{name}` 不能为空"));
            return None;
        }
        Some(s)
    }

    fn kind(&mut self, f: &Field<String>) -> PageKind {
        let Some(k) = f else { return PageKind::Page };
        PageKind::parse(k.get_ref()).unwrap_or_else(|| {
            let names: Vec<_> = PageKind::NAMES.iter().map(|(n, _)| *n).collect();
            let hint = keys::did_you_mean(k.get_ref(), &names)
                .map_or(String::new(), |s| format!("，是不是 \"{s}\"？"));
            self.fd.error_in(
                self.base,
                &k.span(),
                format!(
                    "`kind` 的值 \"{}\" 无效（可选：{}）{hint}",
                    k.get_ref(),
                    names.join("、")
                ),
            );
            PageKind::Page
        })
    }

    /// A date field: a TOML date or a "YYYY-MM-DD" string that is a real day.
    pub fn date(&mut self, f: &Spanned<toml::Value>, name: &str) -> Option<Date> {
        let d = Date::from_toml(f.get_ref());
        if d.is_none() {
            self.fd.error_in(
                self.base,
                &f.span(),
                format!("字段 `{name}` 不是有效日期（格式 YYYY-MM-DD，如 2026-11-25）"),
            );
        }
        d
    }

    /// A URL: absolute http(s) with a host and no spaces; plain http is a warning.
    pub fn url(&mut self, f: &Spanned<String>, name: &str) -> Option<String> {
        let u = f.get_ref().trim();
        let rest = u
            .strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        let ok = host.is_some_and(|h| h.contains('.') && !h.starts_with('.'))
            && !u.chars().any(char::is_whitespace);
        if !ok {
            self.fd.error_in(
                self.base,
                &f.span(),
                format!("字段 `{name}` 不是有效网址：\"{u}\"（应以 https:// 开头）"),
            );
            return None;
        }
        if u.starts_with("http://") {
            self.fd.warning(
                self.base + f.span().start,
                format!("字段 `{name}` 建议使用 https:// 网址"),
            );
        }
        Some(u.to_string())
    }

    fn source(&mut self, s: &Spanned<RawSource>) -> Option<Source> {
        let at = s.span().start;
        let raw = s.get_ref();
        let title = self.required_text(&raw.title, "sources.title", at);
        let url = self
            .required(&raw.url, "sources.url", at)
            .and(raw.url.as_ref());
        let url = url.and_then(|u| self.url(u, "sources.url"));
        let seen = self
            .required(&raw.seen, "sources.seen", at)
            .and(raw.seen.as_ref());
        let seen = seen.and_then(|d| self.date(d, "sources.seen"));
        Some(Source {
            title: title?,
            url: url?,
            seen: seen?,
        })
    }
}

/// URL path of a content file relative to the site root, ending in `/`.
pub fn url_path(source: &str, slug: Option<&str>) -> String {
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut url = String::new();
    if !dir.is_empty() {
        url.push_str(dir);
        url.push('/');
    }
    if stem != "_index" {
        url.push_str(slug.unwrap_or(stem));
        url.push('/');
    }
    url
}

/// The `_index.md` of the section containing `source` (None for the home page itself).
pub fn parent_section(source: &str) -> Option<String> {
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    let is_index = source.ends_with("_index.md");
    let parent_dir = if is_index {
        if source == "_index.md" {
            return None;
        }
        dir.rsplit_once('/').map_or("", |(d, _)| d)
    } else {
        dir
    };
    Some(if parent_dir.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{parent_dir}/_index.md")
    })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
