//! The validated content model: what a page *is* once its front matter has been checked.
//! No serde, no spans except the byte offsets Markdown fragments need for link diagnostics.

use crate::date::Date;

/// Which template and typed fields apply to a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// A city guide (`kind = "city"`).
    City,
    /// The national guide.
    National,
    /// A topic page.
    Topic,
    /// The FAQ index across cities.
    FaqIndex,
    /// Any other page or section.
    Page,
}

impl PageKind {
    /// The value editors write.
    pub const NAMES: [(&'static str, PageKind); 5] = [
        ("city", PageKind::City),
        ("national", PageKind::National),
        ("topic", PageKind::Topic),
        ("faq-index", PageKind::FaqIndex),
        ("page", PageKind::Page),
    ];

    /// Parses the front-matter value.
    pub fn parse(s: &str) -> Option<PageKind> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    /// Guides and topics must carry `reviewed` and `sources`.
    pub fn needs_review(self) -> bool {
        matches!(self, PageKind::City | PageKind::National | PageKind::Topic)
    }
}

/// A Markdown fragment from front matter (a step, an answer), with its byte offset in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markdown {
    /// The Markdown text.
    pub text: String,
    /// Byte offset in the source file (start of the TOML string).
    pub offset: usize,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Title of the document.
    pub title: String,
    /// Its address.
    pub url: String,
    /// When an editor saw it.
    pub seen: Date,
}

/// Kinds of query channel, in the order the comparison table groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChannelKind {
    /// A phone app.
    App,
    /// A WeChat/Alipay mini-program.
    MiniProgram,
    /// A website.
    Website,
    /// A phone hotline.
    Hotline,
    /// A service hall.
    Hall,
    /// A self-service terminal.
    Terminal,
    /// A bank counter or bank app.
    Bank,
}

impl ChannelKind {
    /// Front-matter names.
    pub const NAMES: [(&'static str, ChannelKind); 7] = [
        ("app", ChannelKind::App),
        ("mini-program", ChannelKind::MiniProgram),
        ("website", ChannelKind::Website),
        ("hotline", ChannelKind::Hotline),
        ("hall", ChannelKind::Hall),
        ("terminal", ChannelKind::Terminal),
        ("bank", ChannelKind::Bank),
    ];

    /// Parses the front-matter value.
    pub fn parse(s: &str) -> Option<ChannelKind> {
        Self::NAMES.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    /// The front-matter name (also the CSS/icon key).
    pub fn slug(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("app", |(n, _)| n)
    }

    /// Label shown to readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            ChannelKind::App => "手机应用",
            ChannelKind::MiniProgram => "小程序",
            ChannelKind::Website => "网站",
            ChannelKind::Hotline => "电话",
            ChannelKind::Hall => "办事大厅",
            ChannelKind::Terminal => "自助终端",
            ChannelKind::Bank => "银行",
        }
    }
}

/// An official query channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Channel {
    /// Anchor and reference.
    pub id: String,
    /// What kind of channel.
    pub kind: ChannelKind,
    /// Display name.
    pub name: String,
    /// What one can look up there.
    pub queries: Vec<String>,
    /// What one needs.
    pub needs: Vec<String>,
    /// How, briefly.
    pub steps: Vec<Markdown>,
    /// Official address (https).
    pub url: Option<String>,
    /// Phone number as written.
    pub phone: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// Confirmed by the research notes.
    pub verified: bool,
    /// A caveat.
    pub note: Option<String>,
}

/// A numbered procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procedure {
    /// Anchor.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The steps.
    pub steps: Vec<Markdown>,
    /// The channel it uses (a channel id on the same page).
    pub channel: Option<String>,
}

/// A question with its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Faq {
    /// Anchor.
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: Markdown,
}

/// The city a city guide is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CityRef {
    /// City slug, e.g. "yingkou".
    pub slug: String,
    /// City name, e.g. "营口".
    pub name: String,
    /// Province slug, e.g. "liaoning".
    pub province: String,
}

/// The structured part of a guide (city or national).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guide {
    /// Set on city guides.
    pub city: Option<CityRef>,
    /// "Start here" lines: the simplest ways, shown first.
    pub start: Vec<Markdown>,
    /// Query channels.
    pub channels: Vec<Channel>,
    /// Procedures.
    pub procedures: Vec<Procedure>,
    /// Questions and answers.
    pub faqs: Vec<Faq>,
}

/// One validated page or section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Path under content/, with `/` separators: "cities/yingkou.md".
    pub source: String,
    /// URL path relative to the site root, ending in `/` ("" for the home page).
    pub url_path: String,
    /// Whether this is a section (`_index.md`).
    pub is_section: bool,
    /// The `_index.md` of the section this page belongs to (None for the home page).
    pub parent: Option<String>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Kind.
    pub kind: PageKind,
    /// Review date.
    pub reviewed: Option<Date>,
    /// Sort weight.
    pub weight: i64,
    /// Draft pages are left out of normal builds.
    pub draft: bool,
    /// Sources.
    pub sources: Vec<Source>,
    /// Structured guide parts (empty for plain pages).
    pub guide: Guide,
    /// Markdown body.
    pub body: Markdown,
    /// Where some fields are in the file, for site-wide diagnostics.
    pub spans: PageSpans,
}

/// Byte offsets (in the page file) of the fields that site-wide checks point at; 0 = start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageSpans {
    /// The `slug` value, else the start of the front matter.
    pub slug: usize,
    /// The `reviewed` value.
    pub reviewed: usize,
    /// The `city` value.
    pub city: usize,
}

impl Page {
    /// Sort key within a section: weight, then title, then source (total and deterministic).
    pub fn order_key(&self) -> (i64, &str, &str) {
        (self.weight, &self.title, &self.source)
    }
}
