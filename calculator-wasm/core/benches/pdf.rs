//! Speed of a 30-page statement PDF (iText style: STSong-Light, predefined CMap, 861 rows;
//! `tests/fixtures/statements/pdf/bench/`): read (PDF → grid → records) and read + analyse.
//! Prints medians; the target is under 300 ms for the whole check. `cargo bench -p shebao-calc
//! --bench pdf`. A benchmark, not a test: it prints, it does not fail on time.

// Bench code runs natively: std's sort is fine here.
#![allow(clippy::disallowed_methods)]

#[path = "../tests/analyse_support/mod.rs"]
mod analyse_support;

use shebao_calc::statement::Input;
use shebao_calc::{check, read, NativeDecoder, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(f: &dyn Fn()) -> Duration {
    let mut v: Vec<Duration> = (0..11)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/statements/pdf/bench/thirty-pages.pdf"
    );
    let bytes = std::fs::read(path).expect("run generate_pdfs.py in tests/fixtures/statements/pdf");
    let input = Input {
        bytes: &bytes,
        file_name: Some("thirty-pages.pdf"),
    };
    let statement = read(&input, &NativeDecoder).expect("the benchmark PDF reads");
    assert_eq!(statement.source.pages, Some(30));
    let policy = analyse_support::policy();
    let options = Options {
        city: Some("yingkou".into()),
        ..Options::default()
    };
    let r = median(&|| {
        black_box(read(&input, &NativeDecoder).ok());
    });
    let c = median(&|| {
        black_box(check(&input, &NativeDecoder, &policy, &options).ok());
    });
    println!(
        "30-page statement PDF ({} KB, {} rows read): read {:.1} ms, read + analyse {:.1} ms (target < 300 ms)",
        bytes.len() / 1024,
        statement.source.rows_read,
        r.as_secs_f64() * 1000.0,
        c.as_secs_f64() * 1000.0
    );
}
