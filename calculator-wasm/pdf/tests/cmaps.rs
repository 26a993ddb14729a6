//! The predefined CJK CMaps of non-embedded CID fonts (STSong-Light as iText writes it, no
//! ToUnicode) decode to the right text, in cells placed by position.

use shebao_pdf::{read_pdf, PdfError};

/// A one-page PDF whose font `/F1` is STSong-Light with the predefined CMap `cmap`, showing
/// `cells` (hex strings) left to right on one line, in reverse stream order.
fn pdf(cmap: &str, cells: &[&str]) -> Vec<u8> {
    let mut content = String::new();
    for (i, hex) in cells.iter().enumerate().rev() {
        content.push_str(&format!(
            "BT /F1 10 Tf 1 0 0 1 {} 700 Tm <{hex}> Tj ET\n",
            50 + 120 * i
        ));
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{cmap} /DescendantFonts [6 0 R] >>"),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 [207 270 342 467 462 797 710 239 374 374 423 605 238 375 238 334 462 462 462 462 462 462 462 462 462 462]] >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn gbk(bytes: &[u8]) -> Option<String> {
    let (t, bad) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    (!bad).then(|| t.into_owned())
}

fn cells(bytes: &[u8]) -> Vec<String> {
    let t = read_pdf(bytes, &gbk).unwrap();
    assert_eq!(t.pages, 1);
    assert_eq!(t.rows.len(), 1, "{:?}", t.rows);
    t.rows[0].cells.clone()
}

#[test]
fn unigb_ucs2_h_codes_are_unicode() {
    // 张三 | 400.00
    let got = cells(&pdf(
        "UniGB-UCS2-H",
        &["5F204E09", "003400300030002E00300030"],
    ));
    assert_eq!(got, ["张三", "400.00"]);
}

#[test]
fn unigb_utf16_h_reads_surrogate_pairs() {
    // 𠀀 (U+20000) 张 | 2023-01
    let got = cells(&pdf(
        "UniGB-UTF16-H",
        &["D840DC005F20", "0032003000320033002D00300031"],
    ));
    assert_eq!(got, ["\u{20000}张", "2023-01"]);
}

#[test]
fn gbk_euc_h_and_gbpc_euc_h_codes_are_gbk_bytes() {
    // 养老保险 | 已到账 (GBK), digits as single bytes
    for cmap in ["GBK-EUC-H", "GBpc-EUC-H"] {
        let got = cells(&pdf(
            cmap,
            &["D1F8C0CFB1A3CFD5", "D2D1B5BDD5CB", "3430302E3030"],
        ));
        assert_eq!(got, ["养老保险", "已到账", "400.00"], "{cmap}");
    }
}

#[test]
fn a_pdf_without_text_is_refused() {
    let e = read_pdf(&pdf("UniGB-UCS2-H", &[]), &gbk).unwrap_err();
    assert_eq!(e, PdfError::NoText { images: false });
}
