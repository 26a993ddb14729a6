//! The report, presented: statement bytes → engine → JSON + an HTML fragment in plain Chinese.
//!
//! Pure Rust (no wasm types), so it is unit-tested natively. Everything read from the file
//! (names, employer names) is untrusted and goes through [`html::escape`].

pub mod html;

/// Temporary until the core exports `decode::TextDecode`.
pub trait TextDecode {
    /// Decode GBK.
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String>;
}

/// The policy figures, ready to check statements with.
pub struct Engine {
    policy: serde_json::Value,
}

/// What the page passes for one check.
pub struct CheckInput<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// Its name as picked.
    pub file_name: &'a str,
    /// Page options as JSON (city, birth, track, today, guide).
    pub options_json: &'a str,
}

/// A checked statement.
pub struct CheckOutput {
    /// The report JSON.
    pub json: String,
    /// The report as an HTML fragment.
    pub html: String,
}

/// Why a check gave no report: a stable kind (for the page's logic) and a Chinese message.
#[derive(Debug)]
pub struct CheckError {
    /// Snake-case kind, e.g. `xlsx_not_supported`, `bad_month`, `bad_options`.
    pub kind: String,
    /// What the person reads.
    pub message: String,
}

/// The policy JSON could not be read (a site build problem, not the reader's).
#[derive(Debug)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "计算器的政策数据无法读取（{}），请刷新页面或告诉网站维护者。",
            self.0
        )
    }
}

impl Engine {
    /// Parse the policy JSON.
    pub fn new(policy_json: &str) -> Result<Engine, PolicyError> {
        let policy = serde_json::from_str(policy_json).map_err(|e| PolicyError(e.to_string()))?;
        Ok(Engine { policy })
    }

    /// Check one statement (temporary: the engine's `check` is landing).
    pub fn check(
        &self,
        input: &CheckInput<'_>,
        decoder: &dyn TextDecode,
    ) -> Result<CheckOutput, CheckError> {
        let _ = (&self.policy, input.options_json);
        let text = std::str::from_utf8(input.bytes)
            .ok()
            .map(|s| (s.to_string(), 0))
            .or_else(|| decoder.decode_gb18030(input.bytes).map(|s| (s, 1)))
            .ok_or_else(|| CheckError {
                kind: "not_decodable".into(),
                message: "无法识别文件的文字编码".into(),
            })?;
        let rows = text.1;
        let json = format!("{{\"rows\":{}}}", text.0.lines().count());
        let html = format!(
            "<h2>报告</h2><p data-rows=\"{}\">{}</p>",
            text.0.lines().count(),
            html::escape(&format!("{rows:?} {}", input.file_name))
        );
        Ok(CheckOutput { json, html })
    }
}
