//! The page set: validated pages (in parallel), drafts left out, URL clashes found, the
//! policy data attached, and the lookups the renderer needs (by source path, children of a
//! section, relative links).

use std::collections::BTreeMap;

use rayon::prelude::*;
use shebao_calc::policy::Policy;

use crate::content::load::TextFile;
use crate::content::validate::parse_page;
use crate::diag::{Diagnostic, LineIndex};
use crate::model::Page;
use crate::policy_data;

/// Everything read from content/.
#[derive(Clone, Debug, Default)]
pub struct SiteInput {
    /// Markdown pages (relative to content/), sorted.
    pub pages: Vec<TextFile>,
    /// Policy TOML files (relative to content/policy/), sorted.
    pub policy: Vec<TextFile>,
}

/// The validated site.
#[derive(Debug, Default)]
pub struct Site {
    /// Published pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Policy figures, if the policy files are valid.
    pub policy: Option<Policy>,
    by_source: BTreeMap<String, usize>,
    children: BTreeMap<String, Vec<usize>>,
}

impl Site {
    /// Validates every file and assembles the site. Pages with errors are left out; the
    /// diagnostics say why.
    pub fn assemble(input: &SiteInput, drafts: bool) -> (Site, Vec<Diagnostic>) {
        let parsed: Vec<(Option<Page>, Vec<Diagnostic>)> = input
            .pages
            .par_iter()
            .map(|f| parse_page(&f.rel, &f.display, &f.text))
            .collect();
        let mut diags = Vec::new();
        let mut pages = Vec::with_capacity(parsed.len());
        for (page, d) in parsed {
            diags.extend(d);
            pages.extend(page.filter(|p| drafts || !p.draft));
        }
        let (policy, policy_diags) = if input.policy.is_empty() {
            (None, Vec::new())
        } else {
            policy_data::parse(&input.policy)
        };
        diags.extend(policy_diags);
        let mut site = Site {
            pages,
            policy,
            by_source: BTreeMap::new(),
            children: BTreeMap::new(),
        };
        site.by_source = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        // Children are listed on every page's context; index them once (not per page).
        for (i, p) in site.pages.iter().enumerate() {
            if let Some(parent) = &p.parent {
                site.children.entry(parent.clone()).or_default().push(i);
            }
        }
        let pages = &site.pages;
        for kids in site.children.values_mut() {
            kids.sort_by(|&a, &b| pages[a].order_key().cmp(&pages[b].order_key()));
        }
        diags.extend(site.url_clashes(input));
        (site, diags)
    }

    /// The page with this content path.
    pub fn get(&self, source: &str) -> Option<&Page> {
        self.index_of(source).map(|i| &self.pages[i])
    }

    /// Index in [`Site::pages`] of the page with this content path.
    pub fn index_of(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Pages (not sections) whose parent is `section`, in display order.
    pub fn children<'a>(&'a self, section: &str) -> Vec<&'a Page> {
        self.children.get(section).map_or_else(Vec::new, |kids| {
            kids.iter().map(|&i| &self.pages[i]).collect()
        })
    }

    /// The relative URL from `from` (a url_path) to the content page `target`.
    pub fn link(&self, from: &str, target: &str) -> Option<String> {
        self.get(target).map(|t| relative_url(from, &t.url_path))
    }

    fn url_clashes(&self, input: &SiteInput) -> Vec<Diagnostic> {
        let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
        let mut diags = Vec::new();
        for page in &self.pages {
            if let Some(first) = seen.insert(&page.url_path, page) {
                seen.insert(&first.url_path, first);
                if let Some(f) = input.pages.iter().find(|f| f.rel == page.source) {
                    let pos = LineIndex::new(&f.text).position(page.spans.slug);
                    diags.push(Diagnostic::error(
                        &f.display,
                        pos,
                        format!(
                            "网址 /{} 重复：{} 已经使用（请改 `slug`）",
                            page.url_path, first.source
                        ),
                    ));
                }
            }
        }
        diags
    }
}

/// Prefix that leads from a page at `url_path` back to the site root ("" or "../../").
pub fn root_prefix(url_path: &str) -> String {
    "../".repeat(url_path.matches('/').count())
}

/// Relative URL from the page at `from` to the page at `to` (both url paths).
pub fn relative_url(from: &str, to: &str) -> String {
    let url = format!("{}{to}", root_prefix(from));
    if url.is_empty() {
        "./".to_string()
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("", ""), "./");
        assert_eq!(relative_url("", "cities/yingkou/"), "cities/yingkou/");
        assert_eq!(relative_url("cities/yingkou/", ""), "../../");
        assert_eq!(relative_url("topics/a/", "cities/b/"), "../../cities/b/");
    }
}
