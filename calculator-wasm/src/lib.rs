//! wasm-bindgen layer over `shebao-calc` (temporary stub while the engine lands).

use wasm_bindgen::prelude::*;

/// The calculator: holds the policy figures; checks statements.
#[wasm_bindgen]
pub struct Calculator {
    policy_len: usize,
}

#[wasm_bindgen]
impl Calculator {
    /// Build from the policy JSON the page inlines.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str) -> Result<Calculator, JsError> {
        let v: serde_json::Value = serde_json::from_str(policy_json)?;
        Ok(Calculator {
            policy_len: v.to_string().len(),
        })
    }

    /// Check a statement (stub).
    pub fn check(&self, bytes: &[u8], file_name: &str) -> Result<String, JsError> {
        Ok(format!(
            "{{\"bytes\":{},\"name\":{:?},\"policy\":{}}}",
            bytes.len(),
            file_name,
            self.policy_len
        ))
    }
}
