//! The search page (`/search/`): the index is built from the pages rendered so far, then
//! the page is rendered with the list of every page by topic and its headings (what a
//! reader without JavaScript gets; `search.js` adds results above it).

use serde::Serialize;

use super::{OutFile, Renderer, TemplateError, CALCULATOR_PATH};
use crate::model::{Page, PageKind};
use crate::search::{self, City, ListedPage};

/// URL path of the search page.
pub const SEARCH_PATH: &str = "search/";
/// Above this many pages the list leaves out headings and shows at most
/// [`BIG_GROUP`] pages per topic (with a link to the topic), to keep the page light.
const BIG_SITE: usize = 300;
const BIG_GROUP: usize = 50;

#[derive(Serialize)]
struct Group<'a> {
    title: &'a str,
    url: Option<String>,
    pages: Vec<Listed<'a>>,
    more: usize,
}

#[derive(Serialize)]
struct Listed<'a> {
    title: &'a str,
    url: String,
    headings: Vec<(String, &'a str)>,
}

impl Renderer<'_> {
    /// The index files and the search page, from the rendered `files`.
    pub(super) fn search(&self, files: &[OutFile]) -> Result<Vec<OutFile>, TemplateError> {
        if !self.t.has("search.html") {
            return Ok(Vec::new());
        }
        let skip: Vec<&str> = self
            .site
            .pages
            .iter()
            .filter(|p| p.kind == PageKind::FaqIndex)
            .map(|p| p.url_path.as_str())
            .chain([SEARCH_PATH])
            .collect();
        let mut pages: Vec<search::Page<'_>> = files
            .iter()
            .filter_map(|(path, bytes)| {
                let url = path.strip_suffix("index.html")?;
                // A city's calculator is the same tool with the city chosen: only the main one
                // is indexed (four of them filled the results for 缴费记录).
                let city_calculator = url.ends_with(CALCULATOR_PATH) && url != CALCULATOR_PATH;
                (!skip.contains(&url) && !city_calculator).then(|| search::Page {
                    url: url.to_string(),
                    html: bytes,
                    top_only: url == CALCULATOR_PATH,
                })
            })
            .collect();
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        let cities: Vec<City> = self
            .cities
            .iter()
            .filter_map(|p| {
                let c = p.guide.city.as_ref()?;
                Some(City {
                    names: city_names(&c.name, &p.title),
                    url: p.url_path.clone(),
                })
            })
            .collect();
        let index = search::build(&pages, &cities);
        let mut ctx = self.base(SEARCH_PATH, &[]);
        ctx.insert(
            "page",
            &self.generated_view(
                "搜索",
                "在社保查询指南里搜索：缴费基数、断缴、查询渠道、退休年龄等。",
                SEARCH_PATH,
            ),
        );
        ctx.insert("groups", &self.groups(&index.pages));
        ctx.insert("search_version", &index.version);
        ctx.insert("search_meta", &index.meta);
        let mut out = index.files;
        out.push((
            format!("{SEARCH_PATH}index.html"),
            self.t.render("search.html", &ctx)?.into_bytes(),
        ));
        Ok(out)
    }

    /// Pages grouped by their first URL segment, the home page first, then topics in the
    /// order of their section pages.
    fn groups<'p>(&'p self, pages: &'p [ListedPage]) -> Vec<Group<'p>> {
        let big = pages.len() > BIG_SITE;
        let section = |seg: &str| -> Option<&'p Page> {
            let url = format!("{seg}/");
            self.site.pages.iter().find(|p| p.url_path == url)
        };
        let mut groups: Vec<(Option<&Page>, &str, Group<'p>)> = Vec::new();
        for p in pages {
            let seg = p.url.split('/').next().unwrap_or("");
            if groups.last().is_none_or(|g| g.1 != seg) {
                let sec = (!seg.is_empty()).then(|| section(seg)).flatten();
                groups.push((
                    sec,
                    seg,
                    Group {
                        // A topic without a section page (the calculator) is named after
                        // its first page.
                        title: match sec {
                            Some(s) => &s.title,
                            None if seg.is_empty() => "首页",
                            None => &p.title,
                        },
                        url: sec.map(|s| format!("../{}", s.url_path)),
                        pages: Vec::new(),
                        more: 0,
                    },
                ));
            }
            let Some((_, _, g)) = groups.last_mut() else {
                continue;
            };
            if big && g.pages.len() >= BIG_GROUP {
                g.more += 1;
                continue;
            }
            g.pages.push(Listed {
                title: &p.title,
                url: format!("../{}", p.url),
                headings: if big {
                    Vec::new()
                } else {
                    p.headings
                        .iter()
                        .filter(|(a, _)| a != "sources-h")
                        .map(|(a, h)| (format!("../{}#{a}", p.url), h.as_str()))
                        .collect()
                },
            });
        }
        groups.sort_by_key(|(sec, seg, _)| {
            (!seg.is_empty(), sec.is_none(), sec.map(|s| s.order_key()))
        });
        groups.into_iter().map(|(_, _, g)| g).collect()
    }
}

/// The names a query may use for a city: its name, and districts its guide's title names
/// in parentheses ("杭州（含萧山）社保查询指南" → 杭州, 萧山).
fn city_names(name: &str, title: &str) -> Vec<String> {
    let mut names = vec![name.to_string()];
    if let Some((_, rest)) = title.split_once('（') {
        if let Some((inner, _)) = rest.split_once('）') {
            names.extend(
                inner
                    .trim_start_matches('含')
                    .split(['、', '，', ','])
                    .map(str::trim)
                    .filter(|n| n.chars().count() >= 2 && n.chars().all(search::tokens::is_han))
                    .map(String::from),
            );
        }
    }
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::city_names;

    #[test]
    fn districts_in_the_title_count_as_city_names() {
        assert_eq!(
            city_names("杭州", "杭州（含萧山）社保查询指南"),
            ["杭州", "萧山"]
        );
        assert_eq!(city_names("营口", "营口社保查询指南"), ["营口"]);
        assert_eq!(
            city_names("衡阳", "衡阳（含南岳区、衡南县）指南"),
            ["衡阳", "南岳区", "衡南县"]
        );
    }
}
