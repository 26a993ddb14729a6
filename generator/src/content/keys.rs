//! Finds unknown keys in front matter (with a did-you-mean) and removes them, so that the
//! serde shapes in `raw` can then be filled and every other problem reported too.
//!
//! The known keys are read from the serde shapes themselves (a deserializer that only records
//! the field list), so the list can never drift from `raw.rs`.

use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserialize, Visitor};
use toml::de::{DeTable, DeValue};

use super::raw::{RawChannel, RawFaq, RawFrontMatter, RawProcedure, RawSource};

/// An unknown key: where it is (byte span in the TOML text) and what was probably meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    /// The key as written.
    pub key: String,
    /// Byte span of the key in the TOML text.
    pub span: std::ops::Range<usize>,
    /// The closest known key, if one is close enough.
    pub suggestion: Option<&'static str>,
    /// The table's name for the message ("channels", or "" for the top level).
    pub table: &'static str,
}

/// Removes unknown keys from a front matter table (recursing into `sources`, `channels`,
/// `procedures`, `faqs`) and returns them in source order.
pub fn strip_unknown(table: &mut DeTable<'_>) -> Vec<UnknownKey> {
    let mut found = Vec::new();
    strip_table(table, schema(), "", &mut found);
    found.sort_by_key(|u| u.span.start);
    found
}

struct Schema {
    fields: &'static [&'static str],
    children: Vec<(&'static str, Schema)>,
}

fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let leaf = |fields| Schema {
            fields,
            children: Vec::new(),
        };
        Schema {
            fields: fields_of::<RawFrontMatter>(),
            children: vec![
                ("sources", leaf(fields_of::<RawSource>())),
                ("channels", leaf(fields_of::<RawChannel>())),
                ("procedures", leaf(fields_of::<RawProcedure>())),
                ("faqs", leaf(fields_of::<RawFaq>())),
            ],
        }
    })
}

fn strip_table(
    table: &mut DeTable<'_>,
    schema: &Schema,
    name: &'static str,
    found: &mut Vec<UnknownKey>,
) {
    let unknown: Vec<UnknownKey> = table
        .iter()
        .filter(|(key, _)| !schema.fields.contains(&key.get_ref().as_ref()))
        .map(|(key, _)| UnknownKey {
            key: key.get_ref().to_string(),
            span: key.span(),
            suggestion: did_you_mean(key.get_ref(), schema.fields),
            table: name,
        })
        .collect();
    for u in unknown {
        table.remove(u.key.as_str());
        found.push(u);
    }
    for (child_name, child) in &schema.children {
        let Some(value) = table.get_mut(*child_name) else {
            continue;
        };
        if let DeValue::Array(items) = value.get_mut() {
            for item in items.iter_mut() {
                if let DeValue::Table(t) = item.get_mut() {
                    strip_table(t, child, child_name, found);
                }
            }
        }
    }
}

/// The known key closest to `key`, if it is plausibly a typo of it.
pub fn did_you_mean(key: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The field names of a serde-derived struct, as its `Deserialize` impl announces them.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The recorder always fails after recording; the error carries no information.
    let _ = T::deserialize(FieldRecorder {
        fields: &mut fields,
    });
    fields
}

struct FieldRecorder<'a> {
    fields: &'a mut &'static [&'static str],
}

#[derive(Debug)]
struct Recorded;

impl fmt::Display for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field list recorded")
    }
}

impl std::error::Error for Recorded {}

impl de::Error for Recorded {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Recorded
    }
}

impl<'de> de::Deserializer<'de> for FieldRecorder<'_> {
    type Error = Recorded;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Recorded> {
        Err(Recorded)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Recorded> {
        *self.fields = fields;
        Err(Recorded)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_from_serde() {
        assert_eq!(fields_of::<RawFaq>(), &["id", "question", "answer"]);
        assert!(fields_of::<RawFrontMatter>().contains(&"reviewed"));
    }

    #[test]
    fn strips_unknown_keys_everywhere_with_suggestions() {
        let text = "titel = \"a\"\nzzz = 1\n[[channels]]\nid = \"x\"\nverifed = true\n";
        let mut table = DeTable::parse(text).unwrap().into_inner();
        let unknown = strip_unknown(&mut table);
        let got: Vec<_> = unknown
            .iter()
            .map(|u| (u.key.as_str(), &text[u.span.clone()], u.suggestion, u.table))
            .collect();
        assert_eq!(
            got,
            vec![
                ("titel", "titel", Some("title"), ""),
                ("zzz", "zzz", None, ""),
                ("verifed", "verifed", Some("verified"), "channels"),
            ]
        );
        assert!(!table.contains_key("titel"));
    }
}
