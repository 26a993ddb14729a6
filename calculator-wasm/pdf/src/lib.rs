//! `shebao-pdf`: a statement PDF with a text layer → rows of cells, rebuilt from where each
//! piece of text sits on the page (not the order the producer wrote it in).
//!
//! lopdf parses the file, decompresses streams and decrypts what any viewer opens without a
//! password (RC4 40/128, AES-128, AES-256 with an empty user password). Ours are the
//! predefined CJK CMaps Java iText output relies on ([`fonts`]), ToUnicode maps ([`to_unicode`],
//! to keep lopdf's encoding tables out of the browser module), following text positions
//! through the content stream ([`runs`]) and the positions → rows and columns step
//! ([`table`]). The statement engine turns the rows into its grid model; this crate knows
//! nothing about statements beyond page furniture. Its `f64`s are page geometry (glyph widths
//! and positions) only: cells leave as text, and the engine reads amounts as `Decimal`.

// The PDF module has no engine to share `shebao_calc::order` with: it sorts glyph positions
// with std's sort (calculator-wasm/clippy.toml refuses that elsewhere).
#![allow(clippy::disallowed_methods)]

pub mod fonts;
pub mod runs;
pub mod table;
pub mod to_unicode;

pub use fonts::Gbk;

/// One row of the rebuilt table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfRow {
    /// Page it starts on (from 1).
    pub page: u32,
    /// Cells, one per column of the document ("" when blank).
    pub cells: Vec<String>,
}

/// What was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfTable {
    /// Pages in the document.
    pub pages: u32,
    /// Rows, top to bottom, page after page.
    pub rows: Vec<PdfRow>,
}

/// Why nothing was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// Not a readable PDF (truncated, damaged): the parser's message, for reports.
    Broken(String),
    /// Opening it needs a password.
    NeedsPassword,
    /// No text layer: pictures of pages (a scan or a photo), or nothing at all.
    NoText {
        /// Whether the pages hold images.
        images: bool,
    },
}

/// Read a PDF. `gbk` decodes GBK bytes (text in GBK-EUC-H / GBpc-EUC-H fonts).
pub fn read_pdf(bytes: &[u8], gbk: Gbk<'_>) -> Result<PdfTable, PdfError> {
    // lopdf rebuilds a file cut short from the objects it finds, so a half-downloaded
    // statement would read as a shorter one (months missing, gaps that are not there). Every
    // complete PDF ends with `%%EOF` (servers sometimes append a few bytes).
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Broken("no %%EOF: the file is cut short".into()));
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(broken)?;
    // lopdf decrypts on loading when the empty user password opens the file; the /Encrypt
    // entry is still there, so ask whether that password is the one.
    if doc.is_encrypted() && doc.authenticate_user_password("").is_err() {
        return Err(PdfError::NeedsPassword);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Broken("no pages".into()));
    }
    let mut images = false;
    let mut page_runs = Vec::with_capacity(pages.len());
    for id in pages.values() {
        let text = runs::page_text(&doc, *id, gbk).map_err(broken)?;
        images |= text.images || doc.get_page_images(*id).is_ok_and(|i| !i.is_empty());
        page_runs.push(text.runs);
    }
    if page_runs.iter().all(Vec::is_empty) {
        return Err(PdfError::NoText { images });
    }
    Ok(PdfTable {
        pages: pages.len() as u32,
        rows: table::rows(&page_runs),
    })
}

/// The parser's reason, by kind only: lopdf's messages would bring their formatting code (and
/// every error type's) into the browser module, and people read the Chinese message anyway.
fn broken(e: lopdf::Error) -> PdfError {
    PdfError::Broken(
        match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => "decryption",
            lopdf::Error::Decompress(_) => "decompression",
            lopdf::Error::Parse(_) => "syntax",
            lopdf::Error::Xref(_) => "cross-reference table",
            _ => "structure",
        }
        .to_string(),
    )
}
