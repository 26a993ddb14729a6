//! Test support: the real policy data from content/policy, as JSON the way the site inlines it.

use shebao_calc::policy::{NationalPolicy, Policy, ProvincePolicy};
use std::path::Path;

/// The real policy data, as the site inlines it.
pub(crate) fn policy_json() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/policy");
    let read =
        |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let national: NationalPolicy =
        toml::from_str(&read(&root.join("national.toml"))).expect("national.toml");
    let mut provinces: Vec<ProvincePolicy> = std::fs::read_dir(root.join("provinces"))
        .expect("provinces/")
        .map(|e| toml::from_str(&read(&e.expect("entry").path())).expect("province toml"))
        .collect();
    #[allow(clippy::disallowed_methods)] // test code: the wasm size does not matter here
    provinces.sort_by(|a, b| a.slug.cmp(&b.slug));
    serde_json::to_string(&Policy {
        national,
        provinces,
    })
    .expect("policy json")
}
