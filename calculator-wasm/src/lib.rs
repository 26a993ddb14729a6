//! The browser front of `shebao-calc`: a thin wasm-bindgen layer (this file) over the pure
//! engine, plus the report's HTML presentation ([`present`], plain Rust, unit-tested natively).
//!
//! Bytes in, strings out; the page's JS only wires the file input and the DOM. GBK/GB18030 is
//! decoded with the browser's `TextDecoder` (see [`BrowserDecoder`]), so the module carries no
//! encoding tables. State lives in a `#[wasm_bindgen]` struct, never behind a raw pointer.

pub mod policy_object;
pub mod present;
#[cfg(test)]
mod test_policy;

use wasm_bindgen::prelude::*;

/// Talc instead of Rust's default dlmalloc: about 3 KB gzip less wasm, and no slower on the
/// 60,000-row statement (its wasm configuration; realloc-in-place is left out for size).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The calculator: parsed policy figures, ready to check statements.
#[wasm_bindgen]
pub struct Calculator {
    engine: present::Engine,
}

/// One checked statement: the report as an HTML fragment (and, in the JSON module, as JSON,
/// schema_version 1); kept alive by the page so the other people of a batch can be rendered
/// when picked.
#[wasm_bindgen]
pub struct Checked {
    out: present::CheckOutput,
}

#[wasm_bindgen]
impl Checked {
    /// The report JSON, as `shebao statement --json` prints it (the JSON module only: the page
    /// asks that module for the download, see `CheckOutput::json`).
    #[cfg(feature = "json")]
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.out.json()
    }

    /// The report as HTML (text from the file escaped; pictures as inline SVG).
    #[wasm_bindgen(getter)]
    pub fn html(&self) -> String {
        self.out.html.clone()
    }
}

#[wasm_bindgen]
impl Calculator {
    /// Build from the policy JSON the page inlines (the site's `/data/policy.json`), parsed
    /// with the browser's `JSON.parse` and read from the JS object (serde_json's parser would
    /// cost ~30 KB gzip of wasm).
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<Calculator, JsError> {
        let fail = |why: String| JsError::new(&present::PolicyError(why).to_string());
        let value = js_sys::JSON::parse(policy_json)
            .map_err(|e| fail(String::from(js_sys::Error::from(e).message())))?;
        let policy = policy_object::read_policy(&value).map_err(|e| fail(e.to_string()))?;
        Ok(Calculator {
            engine: present::Engine::new(policy),
        })
    }

    /// Check one statement. `options_json`: `{"city","birth","track","today"}`, each
    /// optional. A statement that cannot be read rejects with an `Error` whose `name` is the
    /// error kind, whose `message` is the Chinese explanation with file, row and column as the
    /// CLI prints it, and whose `row` and `column` are the location alone (or null). On
    /// `xlsx_not_supported` and `pdf_not_supported` the page loads that format's decoder module
    /// and calls [`Calculator::check_grid`] with what it hands back; on `json_not_supported`
    /// it loads the engine built with the tool's own JSON reader.
    pub fn check(
        &self,
        bytes: &[u8],
        file_name: &str,
        options_json: &str,
    ) -> Result<Checked, JsValue> {
        let checked = page_options(options_json).and_then(|options| {
            let input = present::CheckInput {
                bytes,
                file_name,
                options,
            };
            self.engine.check(&input, &BrowserDecoder)
        });
        checked.map(|out| Checked { out }).map_err(js_error)
    }

    /// Check the grids a decoder module (XLSX, PDF) made of a file: its `decode` returns this
    /// hand-over text (`shebao_calc::read::handover`). Errors as for [`Calculator::check`].
    pub fn check_grid(
        &self,
        handover: &str,
        file_name: &str,
        options_json: &str,
    ) -> Result<Checked, JsValue> {
        page_options(options_json)
            .and_then(|options| self.engine.check_grid(handover, file_name, &options))
            .map(|out| Checked { out })
            .map_err(js_error)
    }
}

/// The page's `Error`: `name` the kind, `message` the located Chinese text, plus `row` and
/// `column` (null when the error has no location).
fn js_error(e: present::CheckError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name(&e.kind);
    let row = e.row.map_or(JsValue::NULL, |r| JsValue::from_f64(r as f64));
    let column = e.column.map_or(JsValue::NULL, |c| JsValue::from_str(&c));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("row"), &row);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("column"), &column);
    err.into()
}

/// The page's options JSON, read with the browser's `JSON.parse` (serde_json's parser would
/// cost ~30 KB gzip of wasm). Each field is a string, or null/absent; unknown fields are
/// ignored.
fn page_options(json: &str) -> Result<present::OptionText, present::CheckError> {
    if json.trim().is_empty() {
        return Ok(present::OptionText::default());
    }
    let value = js_sys::JSON::parse(json).map_err(|e| {
        let why = js_sys::Error::from(e).message();
        present::bad_options(&String::from(why))
    })?;
    if !value.is_object() {
        return Err(present::bad_options("应为 JSON 对象"));
    }
    let field = |name: &str| -> Result<Option<String>, present::CheckError> {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(name)).unwrap_or(JsValue::NULL);
        if v.is_null() || v.is_undefined() {
            Ok(None)
        } else {
            v.as_string()
                .map(Some)
                .ok_or_else(|| present::bad_options(&format!("{name} 应为文字")))
        }
    };
    Ok(present::OptionText {
        city: field("city")?,
        birth: field("birth")?,
        track: field("track")?,
        today: field("today")?,
    })
}

#[wasm_bindgen]
impl Calculator {
    /// The inner HTML of person `index`'s section (several people in one file).
    pub fn person_html(&self, checked: &Checked, index: usize) -> Option<String> {
        self.engine.person_html(&checked.out, index)
    }
}

/// The policy reader's view of a parsed JS value.
impl policy_object::Json for JsValue {
    fn field(&self, name: &str) -> Option<JsValue> {
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(self, &JsValue::from_str(name)).ok()?;
        (!v.is_null() && !v.is_undefined()).then_some(v)
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn whole(&self) -> Option<u32> {
        // A JS number is a double; only exact whole numbers in range are accepted.
        let n = self.as_f64()?;
        (n >= 0.0 && n <= f64::from(u32::MAX) && n.trunc() == n).then_some(n as u32)
    }

    fn items(&self) -> Option<Vec<JsValue>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
    }
}

/// GBK/GB18030 through the browser's `TextDecoder` (fatal: a byte sequence that is not
/// GB18030 gives `None`, never replacement characters).
pub struct BrowserDecoder;

impl present::TextDecode for BrowserDecoder {
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}
