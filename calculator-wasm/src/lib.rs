//! wasm-bindgen layer over `shebao-calc`.
