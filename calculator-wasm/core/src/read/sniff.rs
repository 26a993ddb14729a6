//! What kind of file the bytes are, from the bytes themselves (not the file name).

/// The kind of bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// Text (to be decoded).
    Text,
    /// UTF-16 little-endian text with a BOM (Excel's "Unicode text").
    Utf16Le,
    /// A zip archive holding a workbook (XLSX).
    Xlsx,
    /// A PDF document.
    Pdf,
    /// An old binary Office file (.xls).
    OldExcel,
    /// An OpenDocument spreadsheet (.ods).
    OpenDocument,
    /// Something else binary: what it looks like, in Chinese.
    Binary(&'static str),
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Sniff the bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"BM", "BMP 图片"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"\x1F\x8B", "gzip 压缩文件"),
        (b"II*\x00", "TIFF 图片"),
        (b"MM\x00*", "TIFF 图片"),
    ];
    if bytes.starts_with(b"\xFF\xFE") {
        return Sniffed::Utf16Le;
    }
    // Viewers accept a PDF header anywhere in the first kilobyte.
    if contains(&bytes[..bytes.len().min(1024)], b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Sniffed::Binary("WebP 图片");
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            // "BM" could start a text file; a BMP has its size right after.
            if *magic == b"BM"
                && bytes.len() > 2
                && bytes[2..].iter().take(4).all(u8::is_ascii_graphic)
            {
                continue;
            }
            return Sniffed::Binary(what);
        }
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Sniffed::OldExcel;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if contains(bytes, b"xl/") {
            return Sniffed::Xlsx;
        }
        // An OpenDocument file names its type first, uncompressed (its `mimetype` entry).
        if contains(&bytes[..bytes.len().min(200)], b"opendocument.spreadsheet") {
            return Sniffed::OpenDocument;
        }
        if contains(bytes, b"word/") {
            return Sniffed::Binary("Word 文档（请把其中的表格复制粘贴进来，或另存为 CSV）");
        }
        return Sniffed::Binary("压缩包");
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x1B).contains(&b))
        .count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Sniffed::Binary("二进制文件");
    }
    Sniffed::Text
}

/// Decode UTF-16LE text after its BOM. `None` if malformed.
pub fn decode_utf16le(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_prefix(b"\xFF\xFE")?;
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Binary("PNG 图片"));
        assert_eq!(sniff("费款所属期,缴费基数\n".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"BMW,2023-01\n"), Sniffed::Text);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0rest"), Sniffed::OldExcel);
        assert_eq!(
            sniff(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK"),
            Sniffed::OpenDocument
        );
        assert_eq!(sniff(b"%PDF-1.7\n%\xE2\xE3"), Sniffed::Pdf);
        assert_eq!(decode_utf16le(b"\xFF\xFEa\x00b\x00").as_deref(), Some("ab"));
    }
}
