//! Site → output files in memory: every page through its Tera template (in parallel), the
//! generated pages (channel comparison, calculators), sitemap, Atom feed and policy JSON.

pub mod feeds;
pub mod jsonld;
pub mod policy_view;
pub mod search_page;
pub mod templates;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::bodies::PageHtml;
use crate::markdown::render_inline;
use crate::model::{ChannelKind, Page, PageKind};
use crate::site::{relative_url, root_prefix, Site};
pub use templates::{TemplateError, Templates};
use views::LinkView;

/// The site's name, shown in every header and the feed.
pub const SITE_TITLE: &str = "社保查询指南";

/// A body comment that editors put where the crediting-rate table should appear.
pub const CREDITING_MARKER: &str = "<!-- policy:crediting-rates -->";
/// URL path of the main calculator page (each city guide has its own copy below it).
pub const CALCULATOR_PATH: &str = "calculator/";

/// One output file: path relative to the output folder, and its bytes.
pub type OutFile = (String, Vec<u8>);

/// Settings of one render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Absolute base URL ending in `/`, for canonical links, sitemap and feed.
    pub base_url: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'static str,
    base_url: &'a str,
}

/// Renders every page and generated file. Output is unsorted; [`crate::output`] sorts it.
pub fn render_site(
    site: &Site,
    html: &[PageHtml],
    t: &Templates,
    opts: &RenderOptions,
) -> Result<Vec<OutFile>, TemplateError> {
    let cities: Vec<&Page> = {
        let mut v: Vec<&Page> = site
            .pages
            .iter()
            .filter(|p| p.kind == PageKind::City)
            .collect();
        v.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        v
    };
    let crediting = site
        .policy
        .as_ref()
        .map(policy_view::crediting_rates)
        .unwrap_or_default();
    let crediting_html = if crediting.is_empty() || !t.has("partials/crediting.html") {
        String::new()
    } else {
        let mut ctx = Context::new();
        ctx.insert("crediting", &crediting);
        t.render("partials/crediting.html", &ctx)?
    };
    let r = Renderer {
        site,
        html,
        t,
        opts,
        cities: &cities,
        crediting_html: &crediting_html,
        faq_page: site.pages.iter().find(|p| p.kind == PageKind::FaqIndex),
    };
    let mut files: Vec<OutFile> = site
        .pages
        .par_iter()
        .zip(html)
        .map(|(p, h)| {
            r.page(p, h)
                .map(|s| (format!("{}index.html", p.url_path), s.into_bytes()))
        })
        .collect::<Result<_, _>>()?;
    files.extend(r.generated()?);
    let search = r.search(&files)?;
    files.extend(search);
    let published: Vec<&Page> = site.pages.iter().collect();
    let mut extra: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| path.strip_suffix("index.html").map(str::to_string))
        .collect();
    let page_urls: std::collections::HashSet<&str> =
        site.pages.iter().map(|p| p.url_path.as_str()).collect();
    extra.retain(|u| !page_urls.contains(u.as_str()));
    files.push((
        "sitemap.xml".into(),
        feeds::sitemap(&opts.base_url, &published, &extra),
    ));
    files.push(("robots.txt".into(), feeds::robots(&opts.base_url)));
    files.push((
        "atom.xml".into(),
        feeds::atom(&opts.base_url, SITE_TITLE, &published),
    ));
    if let Some(policy) = &site.policy {
        let json = serde_json::to_string_pretty(policy).unwrap_or_default();
        files.push(("data/policy.json".into(), json.into_bytes()));
    }
    Ok(files)
}

struct Renderer<'a> {
    site: &'a Site,
    html: &'a [PageHtml],
    t: &'a Templates,
    opts: &'a RenderOptions,
    cities: &'a [&'a Page],
    crediting_html: &'a str,
    faq_page: Option<&'a Page>,
}

impl Renderer<'_> {
    fn base(&self, url_path: &str, crumbs: &[LinkView<'_>]) -> Context {
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: SITE_TITLE,
                base_url: &self.opts.base_url,
            },
        );
        ctx.insert("root", &root_prefix(url_path));
        ctx.insert("breadcrumbs", crumbs);
        let nav: Vec<LinkView<'_>> = self
            .cities
            .iter()
            .map(|c| LinkView {
                title: c.guide.city.as_ref().map_or(&c.title, |x| &x.name),
                url: relative_url(url_path, &c.url_path),
                description: &c.description,
            })
            .collect();
        ctx.insert("cities", &nav);
        if let Some(faq) = self.faq_page {
            ctx.insert("faq_url", &relative_url(url_path, &faq.url_path));
        }
        if self.has_calculator() {
            ctx.insert(
                "calculator_url",
                &format!("{}calculator/", root_prefix(url_path)),
            );
        }
        ctx
    }

    fn has_calculator(&self) -> bool {
        self.site.policy.is_some() && self.t.has("calculator.html")
    }

    fn page(&self, page: &Page, html: &PageHtml) -> Result<String, TemplateError> {
        let crumbs = views::breadcrumbs(self.site, page);
        let crumb_urls: Vec<String> = crumb_canonicals(self.site, page, &self.opts.base_url);
        let mut ctx = self.base(&page.url_path, &crumbs);
        let mut view = views::page(page, html, &self.opts.base_url);
        let body_with_tables;
        if view.body.contains(CREDITING_MARKER) {
            body_with_tables = view.body.replace(CREDITING_MARKER, self.crediting_html);
            view.body = &body_with_tables;
        }
        let guide = matches!(page.kind, PageKind::City | PageKind::National)
            .then(|| views::guide(page, html));
        let ld = jsonld::page_graph(page, &view.canonical, &crumbs, &crumb_urls, guide.as_ref());
        ctx.insert("jsonld", &ld);
        ctx.insert("page", &view);
        ctx.insert("children", &views::children(self.site, page));
        if let Some(g) = &guide {
            ctx.insert("guide", g);
        }
        let template = match page.kind {
            PageKind::City => {
                if let (Some(policy), Some(city)) = (&self.site.policy, &page.guide.city) {
                    ctx.insert("policy", &policy_view::city(policy, &city.slug));
                }
                if self.has_calculator() {
                    ctx.insert("calculator_url", "calculator/");
                }
                ctx.insert("crediting_html", self.crediting_html);
                "city.html"
            }
            PageKind::National => {
                ctx.insert("crediting_html", self.crediting_html);
                "national.html"
            }
            PageKind::Topic => "topic.html",
            PageKind::FaqIndex => {
                let groups = self.faq_groups(page);
                let ld = jsonld::standalone(jsonld::faq_page(
                    groups
                        .iter()
                        .flat_map(|g| g.faqs.iter().map(|f| (f.question, f.answer.as_str()))),
                ));
                ctx.insert("faq_jsonld", &ld);
                ctx.insert("faq_groups", &groups);
                "faq_index.html"
            }
            PageKind::Page if page.source == "_index.md" => "home.html",
            PageKind::Page if page.is_section => "section.html",
            PageKind::Page => "page.html",
        };
        self.t.render(template, &ctx)
    }

    /// FAQs of every guide, the national guide first (its answers apply everywhere), then
    /// the other pages by weight and title; answers are rendered again so their links are
    /// relative to the index page, not to the guide they come from.
    fn faq_groups<'p>(&'p self, from: &Page) -> Vec<FaqGroup<'p>> {
        let resolve = |target: &str| self.site.link(&from.url_path, target);
        let mut pages: Vec<&Page> = self
            .site
            .pages
            .iter()
            .filter(|p| !p.guide.faqs.is_empty())
            .collect();
        pages.sort_by_key(|p| (p.kind != PageKind::National, p.order_key()));
        pages
            .into_iter()
            .map(|p| FaqGroup {
                title: &p.title,
                url: relative_url(&from.url_path, &p.url_path),
                faqs: p
                    .guide
                    .faqs
                    .iter()
                    .map(|f| FaqEntry {
                        id: &f.id,
                        question: &f.question,
                        answer: render_inline(&f.answer.text, &resolve).html,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Pages that have no content file: each city's channel comparison and calculator, and
    /// the general calculator.
    fn generated(&self) -> Result<Vec<OutFile>, TemplateError> {
        let mut out = Vec::new();
        let policy_json = self
            .site
            .policy
            .as_ref()
            .map(|p| serde_json::to_string(&p.for_engine()).unwrap_or_default());
        for (page, html) in self
            .site
            .pages
            .iter()
            .zip(self.html)
            .filter(|(p, _)| p.kind == PageKind::City)
        {
            let Some(city) = &page.guide.city else {
                continue;
            };
            let compare_path = format!("{}channels/", page.url_path);
            let title = format!("{}：哪个渠道查什么", city.name);
            let description = format!(
                "{}社保查询渠道对比：每个官方渠道能查什么、需要准备什么。",
                city.name
            );
            let crumbs = self.crumbs_under(page, &compare_path);
            let mut ctx = self.base(&compare_path, &crumbs);
            ctx.insert(
                "page",
                &self.generated_view(&title, &description, &compare_path),
            );
            ctx.insert("guide", &views::guide(page, html));
            ctx.insert("guide_url", "../");
            ctx.insert("compare", &compare_rows(page));
            out.push((
                format!("{compare_path}index.html"),
                self.t.render("channels.html", &ctx)?.into_bytes(),
            ));

            if let (true, Some(json)) = (self.t.has("calculator.html"), &policy_json) {
                let path = format!("{}calculator/", page.url_path);
                let title = format!("{}社保缴费记录自查", city.name);
                let description = format!(
                    "在本机检查{}社保缴费明细：断缴、欠费、基数、个人账户。文件不上传。",
                    city.name
                );
                let crumbs = self.crumbs_under(page, &path);
                let mut ctx = self.base(&path, &crumbs);
                ctx.insert("page", &self.generated_view(&title, &description, &path));
                ctx.insert("city", &CityCalcView::new(page, html));
                ctx.insert("policy_json", json);
                out.push((
                    format!("{path}index.html"),
                    self.t.render("calculator.html", &ctx)?.into_bytes(),
                ));
            }
        }
        if let (true, Some(json)) = (self.t.has("calculator.html"), &policy_json) {
            let path = CALCULATOR_PATH;
            let crumbs: Vec<LinkView<'_>> = self
                .site
                .get("_index.md")
                .map(|h| LinkView {
                    title: &h.title,
                    url: "../".into(),
                    description: &h.description,
                })
                .into_iter()
                .collect();
            let mut ctx = self.base(path, &crumbs);
            ctx.insert(
                "page",
                &self.generated_view(
                    "社保缴费记录自查",
                    "在本机检查社保缴费明细：断缴、欠费、基数、个人账户。文件不上传。",
                    path,
                ),
            );
            ctx.insert("policy_json", json);
            out.push((
                format!("{path}index.html"),
                self.t.render("calculator.html", &ctx)?.into_bytes(),
            ));
        }
        Ok(out)
    }

    fn crumbs_under<'p>(&'p self, page: &'p Page, path: &str) -> Vec<LinkView<'p>> {
        let mut crumbs: Vec<LinkView<'p>> = views::breadcrumbs(self.site, page)
            .into_iter()
            .map(|c| LinkView {
                url: format!("../{}", c.url),
                ..c
            })
            .collect();
        crumbs.push(LinkView {
            title: &page.title,
            url: relative_url(path, &page.url_path),
            description: &page.description,
        });
        crumbs
    }

    fn generated_view<'v>(
        &self,
        title: &'v str,
        description: &'v str,
        path: &str,
    ) -> views::PageView<'v> {
        views::PageView {
            title,
            description,
            kind: "page",
            canonical: format!("{}{path}", self.opts.base_url),
            reviewed: None,
            sources: Vec::new(),
            body: "",
            toc: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct FaqGroup<'a> {
    title: &'a str,
    url: String,
    faqs: Vec<FaqEntry<'a>>,
}

#[derive(Serialize)]
struct FaqEntry<'a> {
    id: &'a str,
    question: &'a str,
    answer: String,
}

/// The city as the calculator page sees it.
#[derive(Serialize)]
struct CityCalcView<'a> {
    slug: &'a str,
    name: &'a str,
    province: &'a str,
    guide_url: &'static str,
    channels: Vec<views::ChannelView<'a>>,
}

impl<'a> CityCalcView<'a> {
    fn new(page: &'a Page, html: &'a PageHtml) -> Self {
        let city = page.guide.city.as_ref();
        let g = views::guide(page, html);
        CityCalcView {
            slug: city.map_or("", |c| &c.slug),
            name: city.map_or("", |c| &c.name),
            province: city.map_or("", |c| &c.province),
            guide_url: "../",
            channels: g
                .channels
                .into_iter()
                .filter(|c| {
                    c.kind == ChannelKind::Hotline.slug() || c.kind == ChannelKind::Hall.slug()
                })
                .collect(),
        }
    }
}

/// Rows of the "which channel for what" table: channels grouped by kind, in kind order.
#[derive(Serialize)]
struct CompareRow<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    queries: &'a [String],
    needs: &'a [String],
    verified: bool,
}

fn compare_rows(page: &Page) -> Vec<CompareRow<'_>> {
    let mut rows: Vec<_> = page.guide.channels.iter().enumerate().collect();
    rows.sort_by_key(|(i, c)| (c.kind, *i));
    rows.into_iter()
        .map(|(_, c)| CompareRow {
            id: &c.id,
            name: &c.name,
            kind: c.kind.slug(),
            kind_label: c.kind.label_zh(),
            queries: &c.queries,
            needs: &c.needs,
            verified: c.verified,
        })
        .collect()
}

fn crumb_canonicals(site: &Site, page: &Page, base_url: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut parent = page.parent.as_deref();
    while let Some(p) = parent.and_then(|s| site.get(s)) {
        urls.push(format!("{base_url}{}", p.url_path));
        parent = p.parent.as_deref();
    }
    urls.reverse();
    urls
}
