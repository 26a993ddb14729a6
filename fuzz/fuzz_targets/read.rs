//! Any bytes → `read` never panics; where it reads, every month is a real month and every
//! message can be built. The seeds (`fuzz/seeds/`) include statement PDFs, so the PDF path
//! (lopdf, decryption, fonts and CMaps, positions to grid) is fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shebao_calc::statement::Input;
use shebao_calc::NativeDecoder;

fuzz_target!(|data: &[u8]| {
    let input = Input {
        bytes: data,
        file_name: Some("fuzz.csv"),
    };
    match shebao_calc::read(&input, &NativeDecoder) {
        Ok(s) => {
            for p in &s.people {
                for r in &p.records {
                    assert!(
                        (1..=12).contains(&r.month.month())
                            && (1950..=2100).contains(&r.month.year())
                    );
                }
                for c in &p.coverage {
                    assert!(c.from <= c.to);
                }
            }
            let _ = serde_json::to_string(&s);
        }
        Err(e) => {
            let _ = e.message_zh();
        }
    }
});
