//! Reading (and reading + analysing) a 60,000-row, 25-person long CSV, generated in memory.
//! Budget (issue 3): read and analyse in under 150 ms native, release build.
//! Run: `cargo bench -p shebao-calc --bench statement`. Prints rows/second.

// Bench code runs natively: std's sort is fine here.
#![allow(clippy::disallowed_methods)]

#[path = "../tests/analyse_support/mod.rs"]
mod analyse_support;

use criterion::{criterion_group, criterion_main, Criterion};
use shebao_calc::statement::Input;
use shebao_calc::{check, read, NativeDecoder, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

const PEOPLE: usize = 25;
const MONTHS: usize = 480; // 1985-01 … 2024-12
const INSURANCES: [&str; 5] = [
    "企业职工基本养老保险",
    "职工基本医疗保险",
    "失业保险",
    "工伤保险",
    "生育保险",
];

/// 25 people × 480 months × 5 insurances = 60,000 data rows.
fn generate() -> String {
    let mut t = String::with_capacity(8 << 20);
    t.push_str("姓名,证件号码,险种类型,台账年月,费款所属期,缴费基数,单位应缴,个人应缴,缴费标志\n");
    for p in 0..PEOPLE {
        let id = format!("1101011990010{:05}", 10_000 + p);
        for m in 0..MONTHS {
            let (y, mo) = (1985 + m / 12, m % 12 + 1);
            for ins in INSURANCES {
                t.push_str(&format!(
                    "职工{p},{id},{ins},{y}{mo:02},{y}{mo:02},5000.00,800.00,400.00,已到账\n"
                ));
            }
        }
    }
    t
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(c: &mut Criterion) {
    let csv = generate();
    let rows = PEOPLE * MONTHS * INSURANCES.len();
    let input = Input {
        bytes: csv.as_bytes(),
        file_name: Some("bench.csv"),
    };
    let policy = analyse_support::policy();
    let options = Options {
        city: Some("hangzhou".into()),
        ..Options::default()
    };
    let statement = read(&input, &NativeDecoder).expect("generated file reads");
    assert_eq!(statement.source.rows_read, rows);

    // Own figures first (median of 11), so the numbers show even without criterion's report.
    let time = |f: &dyn Fn()| {
        median(
            (0..11)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .collect(),
        )
    };
    let r = time(&|| {
        black_box(read(&input, &NativeDecoder).ok());
    });
    let a = time(&|| {
        black_box(check(&input, &NativeDecoder, &policy, &options).ok());
    });
    println!("{rows} rows, {} bytes", csv.len());
    println!(
        "read:           {:>8.1} ms  {:>10.0} rows/s",
        r.as_secs_f64() * 1e3,
        rows as f64 / r.as_secs_f64()
    );
    println!(
        "read + analyse: {:>8.1} ms  {:>10.0} rows/s (budget 150 ms)",
        a.as_secs_f64() * 1e3,
        rows as f64 / a.as_secs_f64()
    );

    let mut g = c.benchmark_group("statement_60k");
    g.sample_size(10);
    g.bench_function("read", |b| {
        b.iter(|| black_box(read(&input, &NativeDecoder).ok()))
    });
    g.bench_function("read_and_analyse", |b| {
        b.iter(|| black_box(check(&input, &NativeDecoder, &policy, &options).ok()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
