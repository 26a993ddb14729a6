//! The only place the generator reads files: content pages, policy data, templates, static
//! assets. Everything is returned as text or bytes with its relative path, sorted, so the rest
//! of the pipeline is pure and deterministic.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

/// A file could not be read (the message says why in Chinese; the system's error is kept,
/// not chained, so it is not printed again in English).
#[derive(Debug, thiserror::Error)]
#[error("无法读取 {path}：{}", crate::io_text::why(.io))]
pub struct LoadError {
    /// The file or folder.
    pub path: String,
    /// Why.
    pub io: std::io::Error,
}

/// A text file with its path relative to the folder it was loaded from.
#[derive(Clone, Debug)]
pub struct TextFile {
    /// Relative path with `/` separators ("cities/yingkou.md").
    pub rel: String,
    /// Path to show in diagnostics ("content/cities/yingkou.md").
    pub display: String,
    /// Contents.
    pub text: String,
}

/// A binary file with its relative path.
#[derive(Clone, Debug)]
pub struct BinaryFile {
    /// Relative path with `/` separators.
    pub rel: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// All `.md` pages under `dir`, skipping `README.md`, and files or folders whose name starts
/// with `.` or `_` (except `_index.md`). Sorted by relative path.
pub fn pages(dir: &Path) -> Result<Vec<TextFile>, LoadError> {
    let paths = list(dir, |rel| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        rel.ends_with(".md") && name != "README.md" && rel.split('/').all(visible)
    })?;
    read_texts(dir, paths)
}

/// All `.toml` files under `dir` (policy data). Sorted by relative path.
pub fn tomls(dir: &Path) -> Result<Vec<TextFile>, LoadError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let paths = list(dir, |rel| {
        rel.ends_with(".toml") && rel.split('/').all(visible)
    })?;
    read_texts(dir, paths)
}

/// All `.html` templates under `dir`, keyed by their relative path (Tera template names).
pub fn templates(dir: &Path) -> Result<Vec<TextFile>, LoadError> {
    let paths = list(dir, |rel| rel.ends_with(".html"))?;
    read_texts(dir, paths)
}

/// Every file under `dir` (static assets, the calculator bundle); empty if `dir` is missing.
pub fn binaries(dir: &Path) -> Result<Vec<BinaryFile>, LoadError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let paths = list(dir, |rel| rel.split('/').all(|n| !n.starts_with('.')))?;
    paths
        .into_par_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(&path).map_err(|e| err(&path, e))?;
            Ok(BinaryFile { rel, bytes })
        })
        .collect()
}

/// One text file (a single CSS file, say).
pub fn text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| err(path, e))
}

fn visible(name: &str) -> bool {
    !(name.starts_with('.') || (name.starts_with('_') && name != "_index.md"))
}

fn list(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, PathBuf)>, LoadError> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            err(&path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if keep(&rel) {
            out.push((rel, entry.into_path()));
        }
    }
    out.sort();
    Ok(out)
}

fn read_texts(dir: &Path, paths: Vec<(String, PathBuf)>) -> Result<Vec<TextFile>, LoadError> {
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    paths
        .into_par_iter()
        .map(|(rel, path)| {
            let text = std::fs::read_to_string(&path).map_err(|e| err(&path, e))?;
            let display = if prefix.is_empty() || prefix == "." {
                rel.clone()
            } else {
                format!("{prefix}/{rel}")
            };
            Ok(TextFile { rel, display, text })
        })
        .collect()
}

fn err(path: &Path, io: std::io::Error) -> LoadError {
    LoadError {
        path: path.display().to_string(),
        io,
    }
}
