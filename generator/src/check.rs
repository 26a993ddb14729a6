//! Site-wide checks that need more than one file: internal links and anchors, heading
//! levels, stale review dates, city guides without policy data, reader field-name markers.
//! Together with the per-file validation in [`crate::content`] this is `shebao check`: every
//! problem at once, sorted.

use std::collections::BTreeSet;

use crate::bodies::{render_all, PageHtml};
use crate::content::load::TextFile;
use crate::date::Date;
use crate::diag::{Diagnostic, LineIndex};
use crate::model::{Page, PageKind};
use crate::reader_fields::{self, MarkerProblem};
use crate::site::{Site, SiteInput};
use crate::site_facts;

/// Section ids the page templates always emit, so links may point at them.
pub const TEMPLATE_ANCHORS: [&str; 7] = [
    "main",
    "channels",
    "compare",
    "procedures",
    "faq",
    "policy",
    "sources",
];

/// Runs every check on `input` (drafts included). `today` drives the stale-review warning.
pub fn check(input: &SiteInput, today: Date) -> Vec<Diagnostic> {
    let (site, mut diags) = Site::assemble(input, true);
    let html = render_all(&site);
    diags.extend(site_checks(&site, &html, input, today));
    sort(&mut diags);
    diags
}

/// Sorts diagnostics by file, line, column (stable output for tests and CI).
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort();
    diags.dedup();
}

/// Checks that need the rendered Markdown of every page.
pub fn site_checks(
    site: &Site,
    html: &[PageHtml],
    input: &SiteInput,
    today: Date,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let files: std::collections::HashMap<&str, &TextFile> =
        input.pages.iter().map(|f| (f.rel.as_str(), f)).collect();
    for (page, page_html) in site.pages.iter().zip(html) {
        let Some(file) = files.get(page.source.as_str()).copied() else {
            continue;
        };
        let mut at = Locator {
            file,
            index: LineIndex::new(&file.text),
            diags: &mut diags,
        };
        for link in &page_html.links {
            let Some(target) = site.get(&link.path) else {
                at.error(
                    link.offset,
                    format!("内部链接指向不存在的页面：@/{}", link.path),
                );
                continue;
            };
            if let Some(anchor) = &link.anchor {
                let target_html = site.index_of(&target.source).map(|i| &html[i]);
                if !anchors(target, target_html).contains(anchor.as_str()) {
                    at.error(
                        link.offset,
                        format!("页面 @/{} 中没有锚点 #{anchor}", link.path),
                    );
                }
            }
        }
        for h in page_html.headings.iter().filter(|h| h.level == 1) {
            at.error(
                h.offset,
                format!(
                    "正文不要用一级标题（# {}）：页面标题已是一级标题，请用 ##",
                    h.text
                ),
            );
        }
        for problem in reader_fields::problems(&page.body.text) {
            let offset = page.body.offset + problem.offset();
            match problem {
                MarkerProblem::UnknownField { .. } => at.error(offset, problem.message()),
                MarkerProblem::MissingFields { .. } => at.warning(offset, problem.message()),
            }
        }
        for (offset, name) in site_facts::unknown_markers(&page.body.text) {
            at.error(
                page.body.offset + offset,
                format!("不认识的标记 site:{name}（可用：site:city-count）"),
            );
        }
        if let Some(reviewed) = page.reviewed {
            if reviewed.is_older_than_a_year(today) {
                at.warning(
                    page.spans.reviewed,
                    format!("审核日期 {reviewed} 已超过 12 个月，请重新核对内容"),
                );
            }
        }
        if let (PageKind::City, Some(city), Some(policy)) =
            (page.kind, &page.guide.city, &site.policy)
        {
            match policy.place(&city.slug) {
                None => at.error(
                    page.spans.city,
                    format!(
                        "城市 \"{}\" 不在政策数据中（已知：{}）",
                        city.slug,
                        policy.city_slugs().join("、")
                    ),
                ),
                Some(place) => {
                    let province = place.province.map(|p| p.slug.as_str());
                    if province != Some(city.province.as_str()) {
                        at.error(
                            page.spans.city,
                            format!(
                                "城市 \"{}\" 属于省份 \"{}\"，不是 \"{}\"",
                                city.slug,
                                province.unwrap_or("?"),
                                city.province
                            ),
                        );
                    }
                }
            }
        }
    }
    diags
}

/// Every anchor a page has: body headings, structured ids and the template's sections.
pub fn anchors<'a>(page: &'a Page, html: Option<&'a PageHtml>) -> BTreeSet<&'a str> {
    let g = &page.guide;
    let mut set: BTreeSet<&str> = TEMPLATE_ANCHORS.into_iter().collect();
    set.extend(g.channels.iter().map(|c| c.id.as_str()));
    set.extend(g.procedures.iter().map(|p| p.id.as_str()));
    set.extend(g.faqs.iter().map(|f| f.id.as_str()));
    if let Some(h) = html {
        set.extend(h.headings.iter().map(|h| h.id.as_str()));
    }
    set
}

struct Locator<'a, 'd> {
    file: &'a TextFile,
    index: LineIndex<'a>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Locator<'_, '_> {
    fn error(&mut self, offset: usize, message: String) {
        self.diags.push(Diagnostic::error(
            &self.file.display,
            self.index.position(offset),
            message,
        ));
    }

    fn warning(&mut self, offset: usize, message: String) {
        self.diags.push(Diagnostic::warning(
            &self.file.display,
            self.index.position(offset),
            message,
        ));
    }
}
