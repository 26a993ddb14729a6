//! Prints what the reader makes of statement files, record by record (a tool for editing the
//! reader, not a check): `cargo xtask read-dump FILE...`.

use shebao_calc::statement::{Input, Statement};
use shebao_calc::NativeDecoder;
use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: cargo xtask read-dump FILE...");
        return ExitCode::FAILURE;
    }
    for file in &files {
        println!("===== {file}");
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                println!("cannot read: {e}");
                continue;
            }
        };
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let input = Input {
            bytes: &bytes,
            file_name: name.as_deref(),
        };
        match shebao_calc::read(&input, &NativeDecoder) {
            Ok(s) => print_statement(&s),
            Err(e) => println!("ERR {:?}\n  {}", e.kind, e.message_zh()),
        }
    }
    ExitCode::SUCCESS
}

fn print_statement(s: &Statement) {
    println!(
        "{:?} {:?} {:?} header_row={:?} read={} declared={:?}",
        s.source.format,
        s.source.encoding,
        s.source.layout,
        s.source.header_row,
        s.source.rows_read,
        s.declared_period
    );
    for sk in &s.source.rows_skipped {
        println!("  skip {} {} {}", sk.row, sk.unreadable, sk.reason);
    }
    for p in &s.people {
        println!("  person {:?} {:?}", p.name, p.id);
        for r in &p.records {
            println!(
                "    {} {:?} base={:?} p={:?} e={:?} {:?} {:?} settled={:?} rate={:?} emp={:?} row={}",
                r.month,
                r.insurance,
                r.base,
                r.personal,
                r.employer,
                r.status,
                r.kind,
                r.settled,
                r.stated_personal_rate,
                r.employer_name,
                r.row
            );
        }
        for c in &p.coverage {
            println!(
                "    cov {:?} {}..{} {} row={}",
                c.insurance, c.from, c.to, c.months, c.row
            );
        }
        for a in &p.account_years {
            println!("    acct {a:?}");
        }
    }
}
