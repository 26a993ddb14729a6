//! Print the rows `shebao-pdf` rebuilds from a PDF: `cargo run -p shebao-pdf --example pdf_rows FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_rows FILE.pdf");
    let bytes = std::fs::read(&path).expect("readable file");
    let gbk = |b: &[u8]| {
        let (t, bad) = encoding_rs::GBK.decode_without_bom_handling(b);
        (!bad).then(|| t.into_owned())
    };
    if std::env::var_os("RUNS").is_some() {
        debug_runs(&bytes);
    }
    match shebao_pdf::read_pdf(&bytes, &gbk) {
        Ok(t) => {
            println!("{} pages, {} rows", t.pages, t.rows.len());
            for r in &t.rows {
                println!("p{} | {}", r.page, r.cells.join(" | "));
            }
        }
        Err(e) => println!("{e:?}"),
    }
}

#[allow(dead_code)]
fn debug_runs(bytes: &[u8]) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let n: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let id = *doc.get_pages().values().nth(n - 1).unwrap();
    let gbk = |_: &[u8]| None;
    for r in shebao_pdf::runs::page_text(&doc, id, &gbk)
        .unwrap()
        .runs
        .iter()
        .take(400)
    {
        println!(
            "{:.1}..{:.1} y{:.1} s{:.1} {}",
            r.x, r.end, r.y, r.size, r.text
        );
    }
}
