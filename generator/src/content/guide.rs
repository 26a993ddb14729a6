//! Validates the structured parts of a guide: the city, channels, procedures and FAQs.

use std::collections::BTreeMap;

use toml::Spanned;

use super::locate::FileDiags;
use super::raw::{Field, RawChannel, RawFaq, RawFrontMatter, RawProcedure};
use super::validate::Fields;
use crate::model::{Channel, ChannelKind, CityRef, Faq, Guide, Markdown, PageKind, Procedure};

/// Validator for the guide part of one page.
pub(super) struct GuideFields<'f, 'a> {
    pub fd: &'f mut FileDiags<'a>,
    pub base: usize,
}

impl<'a> GuideFields<'_, 'a> {
    fn fields(&mut self) -> Fields<'_, 'a> {
        Fields {
            fd: self.fd,
            base: self.base,
        }
    }

    /// Builds the guide; reports fields that do not belong to this kind of page.
    pub fn guide(mut self, kind: PageKind, raw: &RawFrontMatter) -> Guide {
        let city = if kind == PageKind::City {
            let mut f = self.fields();
            let slug = f.required_text(&raw.city, "city", 0);
            let name = f.required_text(&raw.city_name, "city_name", 0);
            let province = f.required_text(&raw.province, "province", 0);
            Some(CityRef {
                slug: slug.unwrap_or_default(),
                name: name.unwrap_or_default(),
                province: province.unwrap_or_default(),
            })
        } else {
            for (f, name) in [
                (&raw.city, "city"),
                (&raw.city_name, "city_name"),
                (&raw.province, "province"),
            ] {
                if let Some(v) = f {
                    self.fd.error(
                        self.base + v.span().start,
                        format!("字段 `{name}` 只用于城市指南（kind = \"city\"）"),
                    );
                }
            }
            None
        };
        let is_guide = matches!(kind, PageKind::City | PageKind::National);
        if let (Some(v), false) = (&raw.start, is_guide) {
            self.fd.error(
                self.base + v.span().start,
                "字段 `start` 只用于城市或全国指南（kind = \"city\" 或 \"national\"）",
            );
        }
        let start = self.markdown_list(&raw.start);
        let tables = [
            (raw.channels.first().map(Spanned::span), "channels"),
            (raw.procedures.first().map(Spanned::span), "procedures"),
        ];
        for (span, name) in tables {
            if let (Some(span), false) = (span, is_guide) {
                self.fd.error(
                    self.base + span.start,
                    format!("`[[{name}]]` 只用于城市或全国指南（kind = \"city\" 或 \"national\"）"),
                );
            }
        }
        let mut ids = IdSet::default();
        let channels: Vec<Channel> = raw
            .channels
            .iter()
            .filter_map(|c| self.channel(c, &mut ids))
            .collect();
        let procedures = raw
            .procedures
            .iter()
            .filter_map(|p| self.procedure(p, &channels, &mut ids))
            .collect();
        let faqs = raw
            .faqs
            .iter()
            .filter_map(|f| self.faq(f, &mut ids))
            .collect();
        Guide {
            city,
            start,
            channels,
            procedures,
            faqs,
        }
    }

    fn id(&mut self, f: &Field<String>, at: usize, ids: &mut IdSet) -> Option<String> {
        let id = self.fields().required_text(f, "id", at)?;
        let span = f.as_ref().map_or(at, |v| v.span().start);
        if id
            .chars()
            .any(|c| c.is_whitespace() || c == '#' || c == '/')
        {
            self.fd.error(
                self.base + span,
                format!("`id` \"{id}\" 不能含空格、# 或 /"),
            );
            return None;
        }
        if let Some(first) = ids.0.insert(id.clone(), span) {
            let line = self.fd.pos(self.base + first).line;
            self.fd.error(
                self.base + span,
                format!("`id` \"{id}\" 重复（第 {line} 行已用过）"),
            );
            return None;
        }
        Some(id)
    }

    fn markdown_list(&mut self, f: &Field<Vec<String>>) -> Vec<Markdown> {
        let Some(v) = f else { return Vec::new() };
        let offset = self.base + v.span().start;
        v.get_ref()
            .iter()
            .map(|t| Markdown {
                text: t.clone(),
                offset,
            })
            .collect()
    }

    fn channel(&mut self, c: &Spanned<RawChannel>, ids: &mut IdSet) -> Option<Channel> {
        let at = c.span().start;
        let raw = c.get_ref();
        let id = self.id(&raw.id, at, ids);
        let kind = self
            .fields()
            .required(&raw.kind, "kind", at)
            .and(raw.kind.as_ref())
            .and_then(|k| {
                let kind = ChannelKind::parse(k.get_ref());
                if kind.is_none() {
                    let names: Vec<_> = ChannelKind::NAMES.iter().map(|(n, _)| *n).collect();
                    self.fd.error(
                        self.base + k.span().start,
                        format!(
                            "渠道 `kind` 的值 \"{}\" 无效（可选：{}）",
                            k.get_ref(),
                            names.join("、")
                        ),
                    );
                }
                kind
            });
        let name = self.fields().required_text(&raw.name, "name", at);
        let queries = self.fields().required(&raw.queries, "queries", at).cloned();
        let needs = self.fields().required(&raw.needs, "needs", at).cloned();
        let verified = self
            .fields()
            .required(&raw.verified, "verified", at)
            .copied();
        let url = raw.url.as_ref().and_then(|u| self.fields().url(u, "url"));
        let phone = raw.phone.as_ref().and_then(|p| self.phone(p));
        let steps = self.markdown_list(&raw.steps);
        Some(Channel {
            id: id?,
            kind: kind?,
            name: name?,
            queries: queries?,
            needs: needs?,
            steps,
            url,
            phone,
            hours: raw.hours.as_ref().map(|h| h.get_ref().clone()),
            verified: verified?,
            note: raw.note.as_ref().map(|n| n.get_ref().clone()),
        })
    }

    fn phone(&mut self, p: &Spanned<String>) -> Option<String> {
        let s = p.get_ref().trim();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if digits < 5 || !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
            self.fd.error(
                self.base + p.span().start,
                format!("电话号码 \"{s}\" 无效（只能有数字和 -，如 \"0417-12333\"）"),
            );
            return None;
        }
        Some(s.to_string())
    }

    fn procedure(
        &mut self,
        p: &Spanned<RawProcedure>,
        channels: &[Channel],
        ids: &mut IdSet,
    ) -> Option<Procedure> {
        let at = p.span().start;
        let raw = p.get_ref();
        let id = self.id(&raw.id, at, ids);
        let title = self.fields().required_text(&raw.title, "title", at);
        self.fields().required(&raw.steps, "steps", at);
        let steps = self.markdown_list(&raw.steps);
        let channel = raw.channel.as_ref().and_then(|c| {
            if channels.iter().any(|ch| &ch.id == c.get_ref()) {
                Some(c.get_ref().clone())
            } else {
                self.fd.error(
                    self.base + c.span().start,
                    format!("`channel` \"{}\" 不是本页任何渠道的 `id`", c.get_ref()),
                );
                None
            }
        });
        if raw.steps.as_ref().is_some_and(|s| s.get_ref().is_empty()) {
            self.fd.error(self.base + at, "`steps` 至少要有一步");
        }
        Some(Procedure {
            id: id?,
            title: title?,
            steps,
            channel,
        })
    }

    fn faq(&mut self, f: &Spanned<RawFaq>, ids: &mut IdSet) -> Option<Faq> {
        let at = f.span().start;
        let raw = f.get_ref();
        let id = self.id(&raw.id, at, ids);
        let question = self.fields().required_text(&raw.question, "question", at);
        let answer = self.fields().required_text(&raw.answer, "answer", at);
        let offset = self.base + raw.answer.as_ref().map_or(at, |a| a.span().start);
        Some(Faq {
            id: id?,
            question: question?,
            answer: Markdown {
                text: answer?,
                offset,
            },
        })
    }
}

/// Ids already used on the page, with the TOML offset of their first use.
#[derive(Default)]
struct IdSet(BTreeMap<String, usize>);
