//! A lazily loaded decoder module of the calculator page: one format (XLSX or PDF, by cargo
//! feature) turned into grids, handed back to the page as text (`shebao_calc::read::handover`)
//! for the engine in the main module (`Calculator.check_grid`). The engine itself is not in
//! this module: only the decoders, the grid model and the hand-over are reached from here.

use shebao_calc::read::{decode_document, handover};
use shebao_calc::TextDecode;
use wasm_bindgen::prelude::*;

/// The same allocator as the main module (see `calculator-wasm/src/lib.rs`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Decode a file into hand-over text for `Calculator.check_grid` of the main module. A file
/// that cannot be decoded is handed over as its error kind: the main module words it and adds
/// the file name, as it does for every other error (so this module carries no message text).
#[wasm_bindgen]
pub fn decode(bytes: &[u8]) -> String {
    match decode_document(bytes, &BrowserGbk) {
        Ok(d) => handover::encode(&d),
        Err(e) => handover::encode_error(&e),
    }
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
