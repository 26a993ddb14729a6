//! JSON that is not our own: a social-insurance website's raw data, as saved from the browser.
//! When it holds a list of records whose keys are column names we know (the national codes
//! `aae002`, `aae140`, `aac123`…, or Chinese headers), the list is a table: its keys become
//! the header row and each record a row. Anything else is refused in Chinese with a hint.

use super::grid::{Cell, Grid, GridRow};
use super::synonyms::match_field;
use super::text_norm::normalise_label;
use rust_decimal::Decimal;
use serde_json::Value;

/// How deep to look for the list (`{"data": {"list": [...]}}` is depth 2).
const MAX_DEPTH: usize = 6;

/// Fewest keys of a record that must be known column names.
const MIN_KNOWN_KEYS: usize = 2;

fn known_keys(o: &serde_json::Map<String, Value>) -> usize {
    o.keys()
        .filter(|k| match_field(&normalise_label(k)).is_some())
        .count()
}

/// The first list of records (objects) with known keys, searching objects' values in order.
fn find_records(v: &Value, depth: usize) -> Option<&Vec<Value>> {
    match v {
        Value::Array(items) => {
            let first = items.iter().find_map(Value::as_object)?;
            if known_keys(first) >= MIN_KNOWN_KEYS {
                return Some(items);
            }
            if depth == 0 {
                return None;
            }
            items.iter().find_map(|i| find_records(i, depth - 1))
        }
        Value::Object(o) if depth > 0 => o.values().find_map(|x| find_records(x, depth - 1)),
        _ => None,
    }
}

fn cell(v: Option<&Value>) -> Cell {
    match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::String(s)) => Cell::text(s),
        // Numbers keep their written digits (`202301`, `480.5`); anything Decimal cannot hold
        // stays text, and the amount reader refuses it with the row named.
        Some(Value::Number(n)) => {
            let t = n.to_string();
            Decimal::from_str_exact(&t)
                .map(Cell::Number)
                .unwrap_or_else(|_| Cell::text(&t))
        }
        Some(Value::Bool(b)) => Cell::text(if *b { "是" } else { "否" }),
        Some(Value::Array(_) | Value::Object(_)) => Cell::Empty,
    }
}

/// The records as a grid: row 1 the keys (in the order serde_json keeps them), then one row per
/// record. `None` when the JSON holds no list of records with known keys.
pub fn json_to_grid(v: &Value) -> Option<Grid> {
    let records = find_records(v, MAX_DEPTH)?;
    let mut keys: Vec<&str> = Vec::new();
    for o in records.iter().filter_map(Value::as_object) {
        for k in o.keys() {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    let mut rows = vec![GridRow {
        number: 1,
        cells: keys.iter().map(|k| Cell::text(k)).collect(),
    }];
    rows.extend(records.iter().enumerate().map(|(i, r)| GridRow {
        number: i + 2,
        cells: keys.iter().map(|k| cell(r.get(*k))).collect(),
    }));
    Some(Grid {
        rows,
        sheet: None,
        ocr: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_under_a_wrapper_become_a_table() {
        let v: Value = serde_json::from_str(
            r#"{"code": 0, "data": {"total": 2, "list": [
                {"aae003": 202401, "aae140": "110", "aac123": 400.00},
                {"aae003": 202402, "aae140": "110", "aac123": 400.00, "aae078": "1"}]}}"#,
        )
        .unwrap();
        let g = json_to_grid(&v).unwrap();
        assert_eq!(g.rows.len(), 3);
        let header: Vec<_> = g.rows[0].cells.iter().map(|c| c.display()).collect();
        // serde_json's map is sorted by key.
        assert_eq!(header, ["aac123", "aae003", "aae140", "aae078"]);
        assert_eq!(g.rows[1].cell(3), &Cell::Empty);
        assert_eq!(g.rows[2].cell(1).display(), "202402");
    }

    #[test]
    fn other_json_is_not_a_table() {
        let v: Value =
            serde_json::from_str(r#"{"user": {"name": "x", "menus": [{"id": 1}]}}"#).unwrap();
        assert_eq!(json_to_grid(&v), None);
    }
}
