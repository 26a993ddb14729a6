//! Text decoding. UTF-8 is decoded here; GBK/GB18030 goes through [`TextDecode`] so the wasm
//! build can use the browser's `TextDecoder` instead of shipping encoding tables.

use crate::statement::Encoding;

/// Decodes GBK/GB18030.
pub trait TextDecode {
    /// Decode GBK/GB18030 bytes; `None` if not decodable.
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String>;
}

/// The native decoder (encoding_rs).
#[cfg(feature = "native")]
#[derive(Clone, Copy, Debug, Default)]
pub struct NativeDecoder;

#[cfg(feature = "native")]
impl TextDecode for NativeDecoder {
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }
}

/// A decoder that knows no GBK: for builds and tests that only take UTF-8.
#[derive(Clone, Copy, Debug, Default)]
pub struct Utf8Only;

impl TextDecode for Utf8Only {
    fn decode_gb18030(&self, _bytes: &[u8]) -> Option<String> {
        None
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode text: UTF-8 with BOM, UTF-8, else GB18030. `None` when nothing fits.
pub fn decode_text(bytes: &[u8], decoder: &dyn TextDecode) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (s.to_string(), Encoding::Utf8Bom));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.to_string(), Encoding::Utf8));
    }
    decoder
        .decode_gb18030(bytes)
        .map(|s| (s, Encoding::Gb18030))
}
