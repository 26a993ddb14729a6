//! Not a check: prints what each fixture reads to (run with --ignored --nocapture while editing).
#[path = "read_support.rs"]
mod support;

#[test]
#[ignore]
fn dump_all_fixtures() {
    let dir = support::fixture_path("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.extend(
        std::fs::read_dir(dir.join("invalid"))
            .unwrap()
            .flatten()
            .map(|e| format!("invalid/{}", e.file_name().to_string_lossy())),
    );
    names.sort();
    let only = std::env::var("ONLY").unwrap_or_default();
    for n in names.iter().filter(|n| {
        !n.ends_with(".py") && !n.ends_with(".md") && !n.ends_with(".json")
            || n.ends_with("statement.json")
    }) {
        if !n.contains(&only) {
            continue;
        }
        println!("===== {n}");
        match support::read_fixture(n) {
            Ok(s) => {
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
                        println!("    {} {:?} base={:?} p={:?} e={:?} {:?} {:?} settled={:?} rate={:?} emp={:?} row={}", r.month, r.insurance, r.base, r.personal, r.employer, r.status, r.kind, r.settled, r.stated_personal_rate, r.employer_name, r.row);
                    }
                    for c in &p.coverage {
                        println!(
                            "    cov {:?} {}..{} {} row={}",
                            c.insurance, c.from, c.to, c.months, c.row
                        );
                    }
                    for a in &p.account_years {
                        println!("    acct {:?}", a);
                    }
                }
            }
            Err(e) => println!("ERR {:?}\n  {}", e.kind, e),
        }
    }
}
