//! A lazily loaded decoder module of the calculator page: one format (XLSX or PDF, by cargo
//! feature) turned into grids, handed back to the page as text (`shebao_calc::read::handover`)
//! for the engine in the main module (`Calculator.check_grid`). The engine itself is not in
//! this module: only the decoders, the grid model and the error messages are reached from here.

use shebao_calc::read::{decode_document, handover};
use shebao_calc::TextDecode;
use wasm_bindgen::prelude::*;

/// The same allocator as the main module (see `calculator-wasm/src/lib.rs`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Decode a file into hand-over text. A file that cannot be decoded rejects with an `Error`
/// as the main module's `check` does: `name` the kind, `message` the Chinese text with the
/// file name, `row` and `column` null.
#[wasm_bindgen]
pub fn decode(bytes: &[u8], file_name: &str) -> Result<String, JsValue> {
    decode_document(bytes, &BrowserGbk)
        .map(|d| handover::encode(&d))
        .map_err(|e| {
            let e = e.in_file(Some(file_name));
            let err = js_sys::Error::new(&e.message_zh());
            err.set_name(e.kind.tag());
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str("row"), &JsValue::NULL);
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str("column"), &JsValue::NULL);
            err.into()
        })
}

/// GBK text inside a PDF (GBK-EUC-H fonts) through the browser's `TextDecoder`, as the main
/// module decodes GBK files: no encoding tables in the module.
struct BrowserGbk;

impl TextDecode for BrowserGbk {
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}
