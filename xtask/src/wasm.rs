//! `cargo xtask wasm`: build the calculator's wasm modules and write the browser bundle to
//! `target/calc-bundle/`, laid out as in the site (the generator copies it over the
//! templates' static files): in `calc/` the main module (the
//! engine, CSV/TSV/text), the decoder modules (XLSX, PDF: a file into grids, handed to the
//! engine in the main module; no engine of their own) and the engine with the tool's own JSON
//! reader and writer, each loaded only when such a file is picked (the JSON one also when the
//! report is downloaded as JSON).
//!
//! Per module: cargo build for wasm32 (profile `wasm-release`), wasm-bindgen as a library in
//! `no-modules` mode (a classic script defining one global, so the page also runs from
//! `file://`, where Chromium refuses ES modules), then npm's wasm-opt `-Oz --converge`. The optimised
//! module is shipped inside a classic script (`*.wasm.js`, one character per byte): the page's CSP has
//! `connect-src 'none'`, which blocks `fetch()` of a `.wasm`, and `file://` cannot fetch at all.
//! The glue and the pages' own scripts (`site-templates/static/calc/calculator.js` and
//! `site-templates/static/search/search.js`, the readable sources) go through npm's terser;
//! the generator copies the bundle after the templates' static files, so the minified
//! `calc/calculator.js` and `search/search.js` are the ones the site serves.

use crate::setup;
use crate::sh::{cmd, root, run};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// One wasm module of the bundle.
pub struct Module {
    /// File stem in the bundle, also the JS global its wasm-bindgen glue defines.
    pub stem: &'static str,
    /// The cargo package built.
    pub package: &'static str,
    /// Its cargo features.
    pub features: &'static str,
    /// `None` for the main module; else what makes the page load it (for `cargo xtask size`).
    pub loaded_for: Option<&'static str>,
}

/// The main module (CSV/TSV/text; GBK via TextDecoder), then the lazily loaded ones.
pub const MODULES: [Module; 4] = [
    Module {
        stem: "shebao_calc",
        package: "shebao-calc-wasm",
        features: "",
        loaded_for: None,
    },
    Module {
        stem: "shebao_xlsx",
        package: "shebao-calc-decoder",
        features: "xlsx",
        loaded_for: Some("an XLSX file"),
    },
    Module {
        stem: "shebao_pdf",
        package: "shebao-calc-decoder",
        features: "pdf",
        loaded_for: Some("a PDF file"),
    },
    Module {
        stem: "shebao_calc_json",
        package: "shebao-calc-wasm",
        features: "json",
        loaded_for: Some("a statement in the tool's own JSON, or the report's JSON download"),
    },
];

/// Where the bundle is written (its folders are the site's: `calc/`, `search/`).
pub fn bundle_dir() -> PathBuf {
    root().join("target/calc-bundle")
}

/// `cargo xtask wasm [STEM...]`: all modules, or only the named ones (a quicker loop when
/// measuring the main module's size; the bundle then lacks the others).
pub fn run_cmd(args: &[String]) -> Result<()> {
    for a in args {
        if !MODULES.iter().any(|m| m.stem == a) {
            let stems: Vec<_> = MODULES.iter().map(|m| m.stem).collect();
            bail!(
                "cargo xtask wasm: unknown module {a:?} (modules: {})",
                stems.join(", ")
            );
        }
    }
    build_only(|m| args.is_empty() || args.iter().any(|a| a == m.stem)).map(|_| ())
}

/// Build every module into [`bundle_dir`]; returns it.
pub fn build() -> Result<PathBuf> {
    build_only(|_| true)
}

fn build_only(wanted: impl Fn(&Module) -> bool) -> Result<PathBuf> {
    setup::wasm_target()?;
    setup::npm_tools()?;
    let wasm_opt = root().join("node_modules/.bin/wasm-opt");
    check_wasm_opt(&wasm_opt)?;
    let stage = root().join("target/calc-stage");
    let out = bundle_dir();
    for dir in [&stage, &out] {
        if dir.exists() {
            fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        fs::create_dir_all(dir)?;
    }
    let calc = out.join("calc");
    fs::create_dir_all(&calc)?;
    for m in MODULES.iter().filter(|m| wanted(m)) {
        build_module(m, &stage, &calc, &wasm_opt)?;
    }
    for script in ["calc/calculator.js", "search/search.js"] {
        let dst = out.join(script);
        if let Some(dir) = dst.parent() {
            fs::create_dir_all(dir)?;
        }
        minify_js(&root().join("site-templates/static").join(script), &dst)?;
    }
    write_sample(&calc)?;
    eprintln!("calculator bundle written to {}", out.display());
    Ok(out)
}

fn build_module(m: &Module, stage: &Path, out: &Path, wasm_opt: &Path) -> Result<()> {
    let mut args = vec![
        "build",
        "-p",
        m.package,
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ];
    if !m.features.is_empty() {
        args.extend(["--features", m.features]);
    }
    run(cmd("cargo", &args))?;
    let built = root().join(format!(
        "target/wasm32-unknown-unknown/wasm-release/{}.wasm",
        m.package.replace('-', "_")
    ));
    let input = stage.join(format!("{}.wasm", m.stem));
    fs::copy(&built, &input).with_context(|| format!("copying {}", built.display()))?;

    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .out_name(m.stem)
        .typescript(false)
        .no_modules(true)?
        .no_modules_global(m.stem)?
        .omit_default_module_path(true);
    bindgen
        .generate(stage)
        .with_context(|| format!("wasm-bindgen on {}", input.display()))?;

    let bg = stage.join(format!("{}_bg.wasm", m.stem));
    let opt = stage.join(format!("{}.opt.wasm", m.stem));
    let mut c = cmd(
        wasm_opt.to_str().context("non-UTF-8 path")?,
        // `--converge` repeats -Oz until the module stops shrinking (~1.3 KB gzip).
        // `--low-memory-unused` lets it fold small constant additions into load/store offsets
        // (~1.2 KB gzip); the two forms differ only for an address that wraps past 4 GiB
        // into the first KiB, which Rust's pointers never do (its stack sits below 1 MiB and
        // grows down into a trap).
        // `--merge-similar-functions` first: rust_decimal's operators come out of LLVM as
        // several copies differing only in constants (panic locations); merged into one
        // function with the constants as parameters (~1.3 KB gzip on the main module).
        &[
            "--merge-similar-functions",
            "-Oz",
            "--converge",
            "--low-memory-unused",
            "--strip-debug",
            "--strip-producers",
        ],
    );
    c.arg(&bg).arg("-o").arg(&opt);
    run(c)?;

    minify_js(
        &stage.join(format!("{}.js", m.stem)),
        &out.join(format!("{}.js", m.stem)),
    )?;
    let wasm = fs::read(&opt)?;
    fs::write(
        out.join(format!("{}.wasm.js", m.stem)),
        carrier_script(m.stem, &wasm),
    )?;
    eprintln!("{}: {} bytes of wasm after wasm-opt", m.stem, wasm.len());
    Ok(())
}

/// terser with its default compression and local-name mangling: top-level names (the glue's
/// global, which the page calls) are kept. About 40 % less gzip for the calculator's scripts.
fn minify_js(src: &Path, dst: &Path) -> Result<()> {
    let terser = root().join("node_modules/.bin/terser");
    // The input first: `--mangle` would take a path after it as its options.
    let mut c = cmd(terser.to_str().context("non-UTF-8 path")?, &[]);
    c.arg(src).args(["--compress", "--mangle", "-o"]).arg(dst);
    run(c)
}

/// A classic script that hands the module's bytes to the page: `file://` and
/// `connect-src 'none'` both rule out fetching the `.wasm`.
///
/// Each byte becomes one character U+0000–U+00FF of a string literal (only `\\`, `"`, CR
/// and LF escaped), the file starts with a UTF-8 byte-order mark so every browser decodes it
/// as UTF-8. Characters from U+0080 take two bytes in UTF-8, so the bytes are first renamed by
/// frequency (the most common ones become characters below U+0080, see [`byte_codes`]); the
/// script also carries `table`, 256 characters mapping each character back to its byte.
/// Compressed, this costs about 3 % over the bare module (5 % without the renaming; base64
/// cost 35 %). The script only defines the two strings: the page (`calculator.js`, `bytesOf`)
/// turns them into bytes in one pass when it needs the module, so evaluating the script costs
/// the page no more than parsing it.
pub fn carrier_script(global: &str, wasm: &[u8]) -> String {
    let code = byte_codes(wasm);
    let mut table = vec![0u8; 256];
    for (byte, &c) in code.iter().enumerate() {
        table[usize::from(c)] = byte as u8;
    }
    let mut s = String::with_capacity(wasm.len() * 2 + 1200);
    s.push('\u{feff}');
    s.push_str(&format!(
        "/* generated by cargo xtask wasm: the {global} wasm module, one character per byte, */\n\
         /* bytes renamed by frequency; table maps each character back to its byte */\n\
         (self.shebaoWasm = self.shebaoWasm || {{}})[\"{global}\"] = {{\ntable: \""
    ));
    push_latin1(&mut s, table.into_iter());
    s.push_str("\",\nbytes: \"");
    push_latin1(&mut s, wasm.iter().map(|&b| code[usize::from(b)]));
    s.push_str("\"\n};\n");
    s
}

/// Characters U+0000–U+00FF for the bytes, escaped for a double-quoted JS string literal.
fn push_latin1(s: &mut String, bytes: impl Iterator<Item = u8>) {
    for b in bytes {
        match b {
            b'\\' => s.push_str("\\\\"),
            b'"' => s.push_str("\\\""),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            _ => s.push(char::from(b)),
        }
    }
}

/// The character code of each byte value: by falling frequency in `wasm` (ties by value), the
/// first 124 get the one-byte codes below 0x80 that need no escape, then the four that do
/// (`\\`, `"`, LF, CR), then 0x80–0xFF. A permutation of 0–255.
fn byte_codes(wasm: &[u8]) -> [u8; 256] {
    let mut count = [0usize; 256];
    for &b in wasm {
        count[usize::from(b)] += 1;
    }
    let mut by_frequency: Vec<u8> = (0..=255).collect();
    by_frequency.sort_by_key(|&b| (std::cmp::Reverse(count[usize::from(b)]), b));
    let escaped = [b'\\', b'"', b'\n', b'\r'];
    let codes = (0u8..0x80)
        .filter(|c| !escaped.contains(c))
        .chain(escaped)
        .chain(0x80..=0xff);
    let mut code = [0u8; 256];
    for (&b, c) in by_frequency.iter().zip(codes) {
        code[usize::from(b)] = c;
    }
    code
}

/// `calc/sample.js`: the bundled sample statement as a script (the sample button cannot fetch
/// `sample.csv` under `connect-src 'none'` or from `file://`). The CSV stays the one source.
fn write_sample(out: &Path) -> Result<()> {
    let csv_path = root().join("site-templates/static/calc/sample.csv");
    let csv =
        fs::read_to_string(&csv_path).with_context(|| format!("reading {}", csv_path.display()))?;
    let literal = serde_json::to_string(&csv)?.replace("</", "<\\/");
    let js = format!(
        "/* generated by cargo xtask wasm from sample.csv */\nself.shebaoSample = {literal};\n"
    );
    fs::write(out.join("sample.js"), js)?;
    Ok(())
}

/// Refuse wasm-opt older than 116: older binaryen (Debian's 108) breaks the module in Chromium.
fn check_wasm_opt(path: &Path) -> Result<()> {
    let out = std::process::Command::new(path)
        .arg("--version")
        .output()
        .with_context(|| format!("running {} --version", path.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text
        .split_whitespace()
        .find_map(|w| w.parse::<u32>().ok())
        .with_context(|| format!("cannot read wasm-opt's version from {text:?}"))?;
    if version < 116 {
        bail!("wasm-opt {version} is too old (need >= 116; npm's binaryen, not Debian's)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literal after `key: "` in the carrier, as the characters' codes.
    fn literal(script: &str, key: &str) -> Vec<u8> {
        let start = script.find(&format!("{key}: \"")).expect(key) + key.len() + 3;
        let mut out = Vec::new();
        let mut chars = script[start..].chars();
        while let Some(c) = chars.next() {
            let c = match c {
                '"' => return out,
                '\\' => match chars.next().expect("dangling escape") {
                    'n' => '\n',
                    'r' => '\r',
                    other => other,
                },
                c => c,
            };
            out.push(u8::try_from(u32::from(c)).expect("one byte per character"));
        }
        panic!("{key} is not closed");
    }

    /// Decode the carrier as the page would: each character of `bytes` through `table`.
    fn decode(script: &str) -> Vec<u8> {
        let table = literal(script, "table");
        assert_eq!(table.len(), 256);
        literal(script, "bytes")
            .iter()
            .map(|&c| table[usize::from(c)])
            .collect()
    }

    #[test]
    fn carrier_round_trips_every_byte() {
        let mut wasm: Vec<u8> = (0..=255u8).collect();
        wasm.extend(b"\0asm\x01\0\0\0\"\\\n\r\x80\xff\x80\x41\x41\x41".iter());
        let script = carrier_script("g", &wasm);
        assert!(script.starts_with('\u{feff}'));
        assert_eq!(decode(&script), wasm);
    }

    #[test]
    fn frequent_bytes_get_one_byte_codes() {
        let wasm = [0x80u8, 0x80, 0x80, 0xff, 0xff, 0x01];
        let code = byte_codes(&wasm);
        assert!(code[0x80] < 0x80 && code[0xff] < 0x80);
        let mut seen = code.to_vec();
        seen.sort_unstable();
        assert_eq!(seen, (0..=255u8).collect::<Vec<_>>());
    }
}
