//! Policy figures as the pages show them: a city's yearly base floors and ceilings, and the
//! national crediting rates — each figure with its source and confidence. The values are
//! formatted from `Decimal` only (no floats).

use rust_decimal::Decimal;
use serde::Serialize;
use shebao_calc::policy::{Figure, Policy};

/// One figure ready to print.
#[derive(Debug, Serialize)]
pub struct FigureView<'a> {
    /// Formatted value ("4359" yuan, or "8.31%").
    pub value: String,
    /// Source document.
    pub source: &'a str,
    /// Source address.
    pub url: Option<&'a str>,
    /// Confidence code (H … L).
    pub confidence: &'static str,
    /// Confidence in words.
    pub confidence_zh: &'static str,
    /// Whether the figure is confirmed (not L).
    pub confirmed: bool,
    /// Caveat.
    pub note: Option<&'a str>,
}

/// A year of a province's base limits.
#[derive(Debug, Serialize)]
pub struct YearView<'a> {
    /// Contribution year.
    pub year: u32,
    /// Monthly base floor.
    pub floor: Option<FigureView<'a>>,
    /// Monthly base ceiling.
    pub ceiling: Option<FigureView<'a>>,
    /// Pension computation base.
    pub computation_base: Option<FigureView<'a>>,
}

/// The base-limit table of a city page.
#[derive(Debug, Serialize)]
pub struct CityPolicyView<'a> {
    /// Province name.
    pub province: &'a str,
    /// Years, newest first; only years with at least one figure.
    pub years: Vec<YearView<'a>>,
    /// The distinct sources of the shown figures (one per URL), in first-use order.
    pub sources: Vec<SourceRef<'a>>,
}

/// A source document of figures.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct SourceRef<'a> {
    /// The document.
    pub source: &'a str,
    /// Its address.
    pub url: Option<&'a str>,
    /// How sure the first figure taken from it is, in words.
    pub confidence_zh: &'static str,
}

/// One year's crediting rate.
#[derive(Debug, Serialize)]
pub struct CreditingView<'a> {
    /// Year.
    pub year: u32,
    /// The rate.
    pub rate: FigureView<'a>,
}

/// The base limits of the province that `city` belongs to.
pub fn city<'a>(policy: &'a Policy, city: &str) -> Option<CityPolicyView<'a>> {
    let province = policy.place(city)?.province?;
    let mut years: Vec<YearView<'_>> = province
        .years
        .iter()
        .filter(|y| y.floor.is_some() || y.ceiling.is_some() || y.computation_base.is_some())
        .map(|y| YearView {
            year: y.year,
            floor: y.floor.as_ref().map(money),
            ceiling: y.ceiling.as_ref().map(money),
            computation_base: y.computation_base.as_ref().map(money),
        })
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    let mut sources: Vec<SourceRef<'_>> = Vec::new();
    for f in years
        .iter()
        .flat_map(|y| [&y.floor, &y.ceiling, &y.computation_base])
        .flatten()
    {
        let r = SourceRef {
            source: f.source,
            url: f.url,
            confidence_zh: f.confidence_zh,
        };
        // One entry per document: the same page cited with a longer or shorter name counts once.
        let listed = sources
            .iter()
            .any(|s| s.source == r.source || (r.url.is_some() && s.url == r.url));
        if !listed {
            sources.push(r);
        }
    }
    Some(CityPolicyView {
        province: &province.name,
        years,
        sources,
    })
}

/// The national crediting rates, newest first.
pub fn crediting_rates(policy: &Policy) -> Vec<CreditingView<'_>> {
    let mut v: Vec<_> = policy
        .national
        .crediting_rates
        .iter()
        .map(|c| CreditingView {
            year: c.year,
            rate: rate(&c.rate),
        })
        .collect();
    v.sort_by_key(|c| std::cmp::Reverse(c.year));
    v
}

/// Yuan without the unit: the table caption names it once, so the figures fit a phone.
fn money(f: &Figure) -> FigureView<'_> {
    view(f, f.value.normalize().to_string())
}

fn rate(f: &Figure) -> FigureView<'_> {
    view(
        f,
        format!("{}%", (f.value * Decimal::ONE_HUNDRED).normalize()),
    )
}

fn view(f: &Figure, value: String) -> FigureView<'_> {
    FigureView {
        value,
        source: &f.source,
        url: f.url.as_deref(),
        confidence: f.confidence.label(),
        confidence_zh: f.confidence.label_zh(),
        confirmed: f.confidence.is_confirmed(),
        note: f.note.as_deref(),
    }
}
