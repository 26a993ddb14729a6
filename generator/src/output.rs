//! The only place the generator writes files: the rendered site, sorted by path, written in
//! parallel into a fresh output folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutFile;

/// Writing the site failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder holds other things; refusing to delete them.
    #[error("输出目录 {0} 不是空的，也不像 shebao 生成的网站（没有 sitemap.xml），为安全起见不删除；请换一个目录")]
    NotOurs(PathBuf),
    /// A file or folder could not be written.
    #[error("无法写入 {path}：{source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Sorts files by path; a later file with the same path replaces an earlier one.
pub fn normalize(files: Vec<OutFile>) -> Vec<OutFile> {
    let mut files: Vec<(usize, OutFile)> = files.into_iter().enumerate().collect();
    files.sort_by(|(ia, (a, _)), (ib, (b, _))| a.cmp(b).then(ib.cmp(ia)));
    files.dedup_by(|(_, (a, _)), (_, (b, _))| a == b);
    files.into_iter().map(|(_, f)| f).collect()
}

/// Replaces the contents of `out` with `files` (already normalized). Returns the number of
/// bytes written.
pub fn write(out: &Path, files: &[OutFile]) -> Result<u64, OutputError> {
    clear(out)?;
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(p, _)| out.join(p).parent().map(Path::to_path_buf))
        .collect();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|source| OutputError::Io {
            path: d.clone(),
            source,
        })?;
    }
    files
        .par_iter()
        .map(|(rel, bytes)| {
            let path = out.join(rel);
            std::fs::write(&path, bytes).map_err(|source| OutputError::Io { path, source })?;
            Ok(bytes.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

fn clear(out: &Path) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: out.to_path_buf(),
        source,
    };
    if !out.exists() {
        return std::fs::create_dir_all(out).map_err(io);
    }
    let mut entries = std::fs::read_dir(out).map_err(io)?.peekable();
    if entries.peek().is_none() {
        return Ok(());
    }
    if !out.join("sitemap.xml").is_file() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    for entry in entries {
        let path = entry.map_err(io)?.path();
        let res = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        res.map_err(|source| OutputError::Io { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_files_win_and_order_is_by_path() {
        let files = vec![
            ("b".into(), vec![1]),
            ("a".into(), vec![2]),
            ("b".into(), vec![3]),
        ];
        assert_eq!(
            normalize(files),
            vec![("a".to_string(), vec![2]), ("b".to_string(), vec![3])]
        );
    }
}
