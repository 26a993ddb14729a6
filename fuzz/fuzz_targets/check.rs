//! Any bytes, any city and options → the whole pipeline never panics: read → analyse → the
//! CLI's summary (`summary_zh`) and the page's presentation (JSON + HTML, as the wasm module
//! builds them), every person's section included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shebao_calc::policy::{NationalPolicy, Policy, ProvincePolicy};
use shebao_calc::{NativeDecoder, OptionText};
use shebao_calc_wasm::present::{CheckInput, Engine};
use std::sync::OnceLock;

/// The real policy data (every province file of content/policy/provinces is listed here).
fn policy() -> Policy {
    let national: NationalPolicy =
        toml::from_str(include_str!("../../content/policy/national.toml")).expect("national");
    let provinces = [
        include_str!("../../content/policy/provinces/hunan.toml"),
        include_str!("../../content/policy/provinces/liaoning.toml"),
        include_str!("../../content/policy/provinces/zhejiang.toml"),
    ]
    .iter()
    .map(|t| toml::from_str::<ProvincePolicy>(t).expect("province"))
    .collect();
    Policy {
        national,
        provinces,
    }
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(policy()))
}

const CITIES: [Option<&str>; 4] = [None, Some("yingkou"), Some("hengyang"), Some("hangzhou")];
const TRACKS: [Option<&str>; 4] = [None, Some("men"), Some("women_50"), Some("women_55")];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let track = TRACKS[usize::from(pick >> 2) % 4];
    let options = OptionText {
        city: CITIES[usize::from(pick) % 4].map(String::from),
        birth: track.map(|_| format!("{}-{:02}", 1955 + u32::from(pick % 40), 1 + pick % 12)),
        track: track.map(String::from),
        today: Some("2026-12".into()),
    };
    let input = CheckInput {
        bytes,
        file_name: "fuzz.csv",
        options,
    };
    match engine().check(&input, &NativeDecoder) {
        Ok(out) => {
            let _ = shebao_calc::summary_zh(&out.report);
            for i in 0..out.report.people.len() {
                assert!(engine().person_html(&out, i).is_some());
            }
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
});
