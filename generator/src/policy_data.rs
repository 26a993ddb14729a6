//! Policy data files (`content/policy/national.toml`, `content/policy/provinces/*.toml`) →
//! [`shebao_calc::policy::Policy`], with every problem located by line and column:
//! TOML syntax and type errors from the parser, rule violations from
//! [`Policy::problems`](shebao_calc::policy::Policy::problems) mapped from key paths
//! (`years[1].floor.value`) to spans.

use serde::Deserialize;
use shebao_calc::policy::{NationalPolicy, Policy, PolicyFile, ProvincePolicy};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::content::load::TextFile;
use crate::diag::{Diagnostic, LineIndex, Position};

/// Path of the national file under `policy/`.
pub const NATIONAL: &str = "national.toml";
/// Folder of the province files under `policy/`.
pub const PROVINCES: &str = "provinces/";

/// Parses the policy files (relative paths under `policy/`). Returns the policy when every
/// file parsed (rule problems are diagnostics but do not withhold the policy), and all
/// diagnostics.
pub fn parse(files: &[TextFile]) -> (Option<Policy>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut national = None;
    let mut provinces = Vec::new();
    let mut national_seen = false;
    for f in files {
        if f.rel == NATIONAL {
            national_seen = true;
            national = parse_one::<NationalPolicy>(f, &mut diags);
        } else if f.rel.starts_with(PROVINCES) {
            if let Some(p) = parse_one::<ProvincePolicy>(f, &mut diags) {
                let stem = f
                    .rel
                    .trim_start_matches(PROVINCES)
                    .trim_end_matches(".toml");
                if p.slug != stem {
                    let at = span_of(&f.text, "slug").unwrap_or(0);
                    diags.push(error(
                        f,
                        at,
                        format!("`slug` \"{}\" 应与文件名一致（\"{stem}\"）", p.slug),
                    ));
                }
                provinces.push((f, p));
            }
        } else {
            diags.push(error(
                f,
                0,
                format!("未知的政策文件（只认 {NATIONAL} 和 {PROVINCES}*.toml）"),
            ));
        }
    }
    if !national_seen {
        diags.push(Diagnostic::error(
            &format!("policy/{NATIONAL}"),
            Position::START,
            "缺少全国政策文件",
        ));
    }
    let Some(national) = national else {
        return (None, diags);
    };
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let files_by_slug: Vec<(String, &TextFile)> = provinces
        .iter()
        .map(|(f, p)| (p.slug.clone(), *f))
        .collect();
    let national_file = files.iter().find(|f| f.rel == NATIONAL);
    let policy = Policy {
        national,
        provinces: provinces.into_iter().map(|(_, p)| p).collect(),
    };
    for problem in policy.problems() {
        let file = match &problem.file {
            PolicyFile::National => national_file,
            PolicyFile::Province(slug) => files_by_slug
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, f)| *f),
        };
        if let Some(f) = file {
            let at = key_path_offset(&f.text, &problem.path);
            diags.push(error(
                f,
                at,
                format!("{}（{}）", problem.message, problem.path),
            ));
        }
    }
    (Some(policy), diags)
}

fn parse_one<T: for<'de> Deserialize<'de>>(f: &TextFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    let table = match DeTable::parse(&f.text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(error(
                f,
                e.span().map_or(0, |s| s.start),
                format!("TOML 语法错误：{}", e.message().trim()),
            ));
            return None;
        }
    };
    match T::deserialize(toml::de::Deserializer::from(table)) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(error(
                f,
                e.span().map_or(0, |s| s.start),
                format!("政策数据格式不对：{}", e.message().trim()),
            ));
            None
        }
    }
}

fn error(f: &TextFile, offset: usize, message: String) -> Diagnostic {
    Diagnostic::error(
        &f.display,
        LineIndex::new(&f.text).position(offset),
        message,
    )
}

fn span_of(text: &str, key: &str) -> Option<usize> {
    let table = DeTable::parse(text).ok()?;
    table
        .get_ref()
        .get_key_value(key)
        .map(|(_, v)| v.span().start)
}

/// Byte offset of a key path such as `years[1].floor.value`; the deepest part that exists
/// when the rest is missing (a missing `source` points at its figure).
pub fn key_path_offset(text: &str, path: &str) -> usize {
    let Ok(root) = DeTable::parse(text) else {
        return 0;
    };
    let mut at = 0;
    let mut current: Option<&DeValue<'_>> = None;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    for segment in path.split('.') {
        let (key, indices) = split_indices(segment);
        let next: Option<&Spanned<DeValue<'_>>> = match (table, current) {
            (Some(t), _) => t.get(key),
            _ => None,
        };
        let Some(mut value) = next else { break };
        let mut complete = true;
        for i in indices {
            match value.get_ref() {
                DeValue::Array(items) => match items.get(i) {
                    Some(v) => value = v,
                    None => {
                        complete = false;
                        break;
                    }
                },
                _ => {
                    complete = false;
                    break;
                }
            }
        }
        at = value.span().start;
        if !complete {
            break;
        }
        current = Some(value.get_ref());
        table = value.get_ref().as_table();
    }
    at
}

fn split_indices(segment: &str) -> (&str, Vec<usize>) {
    let key_end = segment.find('[').unwrap_or(segment.len());
    let indices = segment[key_end..]
        .split(['[', ']'])
        .filter_map(|s| s.parse().ok())
        .collect();
    (&segment[..key_end], indices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_key_paths_to_offsets() {
        let text = "slug = \"x\"\n[[years]]\nyear = 2024\n[[years]]\nyear = 2025\nfloor = { value = \"9\", source = \"\" }\n";
        let at = key_path_offset(text, "years[1].floor.value");
        assert_eq!(&text[at..at + 3], "\"9\"");
        let at = key_path_offset(text, "years[1].floor.url");
        assert!(text[at..].starts_with("{ value"));
        assert_eq!(key_path_offset(text, "nothing"), 0);
    }
}
