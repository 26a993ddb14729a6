//! The only place the generator writes files: the rendered site, sorted by path, written in
//! parallel into the output folder.
//!
//! The folder is updated in place, not emptied and refilled: files that did not change are
//! left alone, changed files are overwritten, and only files the site no longer has are
//! deleted. Emptying and refilling made rebuilds on this machine's disk 5–10× slower than the
//! rendering: on ext4 without a journal, the inode allocator will not reuse an inode deleted
//! in the last 60 s (300 s more while its inode-table block is unwritten) and checks them one
//! by one for every new file (`recently_deleted` in fs/ext4/ialloc.c); after deleting 20,000
//! inodes of the old output, each mkdir/create cost 0.3–0.9 ms of kernel time.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutFile;

/// Writing the site failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder holds other things; refusing to delete them.
    #[error("输出目录 {0} 不是空的，也不像 shebao 生成的网站（没有 sitemap.xml），为安全起见不删除；请换一个目录")]
    NotOurs(PathBuf),
    /// A file or folder could not be written (why in Chinese; the system's error is kept, not
    /// chained, so it is not printed again in English).
    #[error("无法写入 {}：{}", .path.display(), crate::io_text::why(.io))]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        io: std::io::Error,
    },
}

/// Sorts files by path; a later file with the same path replaces an earlier one.
pub fn normalize(files: Vec<OutFile>) -> Vec<OutFile> {
    let mut files: Vec<(usize, OutFile)> = files.into_iter().enumerate().collect();
    files.sort_by(|(ia, (a, _)), (ib, (b, _))| a.cmp(b).then(ib.cmp(ia)));
    files.dedup_by(|(_, (a, _)), (_, (b, _))| a == b);
    files.into_iter().map(|(_, f)| f).collect()
}

/// Makes `out` hold exactly `files` (already normalized). Returns the size of the site in
/// bytes (whether or not each file had to be rewritten).
pub fn write(out: &Path, files: &[OutFile]) -> Result<u64, OutputError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |io| OutputError::Io { path, io }
    };
    guard(out)?;
    let wanted: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let dirs: BTreeSet<&str> = files
        .iter()
        .flat_map(|(p, _)| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    prune(out, &wanted, &dirs)?;
    std::fs::create_dir_all(out).map_err(io(out))?;
    files
        .par_iter()
        .map(|(rel, bytes)| {
            let path = out.join(rel);
            // Each writer makes its file's folder, in parallel: made one by one before the
            // writes, 10,000 page folders took about 2 s of a 10,000-page build.
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            update(&path, bytes).map_err(io(&path))?;
            Ok(bytes.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// Refuses a non-empty folder that does not look like a site we built.
fn guard(out: &Path) -> Result<(), OutputError> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    if entries.next().is_some() && !out.join("sitemap.xml").is_file() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    Ok(())
}

/// Deletes every file and folder under `out` that the new site does not have (including a
/// file where a folder must go and the reverse). Children are visited before their folder.
fn prune(out: &Path, files: &HashSet<&str>, dirs: &BTreeSet<&str>) -> Result<(), OutputError> {
    if !out.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| OutputError::Io {
            path: e.path().unwrap_or(out).to_path_buf(),
            io: e.into(),
        })?;
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let path = entry.path();
        let res = if entry.file_type().is_dir() {
            if dirs.contains(rel.as_str()) {
                continue;
            }
            std::fs::remove_dir_all(path)
        } else {
            if files.contains(rel.as_str()) {
                continue;
            }
            std::fs::remove_file(path)
        };
        res.map_err(|io| OutputError::Io {
            path: path.to_path_buf(),
            io,
        })?;
    }
    Ok(())
}

/// Makes the file at `path` hold `bytes`. A file that already holds them is not touched (no
/// write, and its modification time still says when it last changed). A changed file is
/// overwritten from the start and cut to length, never truncated to zero first: ext4
/// (`auto_da_alloc`) flushes a file that was truncated to zero and rewritten when it is
/// closed, which made an in-place rebuild wait on the disk for every page.
fn update(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let len = bytes.len() as u64;
    let old_len = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    if old_len == Some(len) && std::fs::read(path)? == bytes {
        return Ok(());
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    if old_len.is_some_and(|old| old > len) {
        file.set_len(len)?;
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

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.expect("entry"))
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .to_string();
                let bytes = if e.file_type().is_file() {
                    std::fs::read(e.path()).expect("read")
                } else {
                    b"<dir>".to_vec()
                };
                (rel, bytes)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_rebuild_leaves_exactly_the_new_site_and_keeps_unchanged_files() {
        let dir = std::env::temp_dir().join(format!("shebao-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first: Vec<OutFile> = vec![
            ("a/index.html".into(), b"old a".to_vec()),
            ("gone/index.html".into(), b"gone".to_vec()),
            ("same.txt".into(), b"same".to_vec()),
            ("sitemap.xml".into(), b"<urlset/>".to_vec()),
            ("x".into(), b"x was a file".to_vec()),
        ];
        write(&dir, &first).expect("first write");
        let same_mtime = || {
            std::fs::metadata(dir.join("same.txt"))
                .and_then(|m| m.modified())
                .expect("mtime")
        };
        let before = same_mtime();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second: Vec<OutFile> = vec![
            ("a/index.html".into(), b"new".to_vec()),
            ("same.txt".into(), b"same".to_vec()),
            ("sitemap.xml".into(), b"<urlset/>".to_vec()),
            ("x/index.html".into(), b"x is a folder now".to_vec()),
        ];
        let bytes = write(&dir, &second).expect("second write");
        assert_eq!(bytes, 3 + 4 + 9 + 17);
        assert_eq!(
            tree(&dir),
            [
                ("a".to_string(), b"<dir>".to_vec()),
                ("a/index.html".to_string(), b"new".to_vec()),
                ("same.txt".to_string(), b"same".to_vec()),
                ("sitemap.xml".to_string(), b"<urlset/>".to_vec()),
                ("x".to_string(), b"<dir>".to_vec()),
                ("x/index.html".to_string(), b"x is a folder now".to_vec()),
            ]
        );
        assert_eq!(same_mtime(), before, "an unchanged file is not rewritten");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_that_is_not_a_site_is_left_alone() {
        let dir = std::env::temp_dir().join(format!("shebao-notours-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("thesis.docx"), b"precious").expect("write");
        let err = write(&dir, &[("index.html".into(), b"hi".to_vec())]);
        assert!(matches!(err, Err(OutputError::NotOurs(_))));
        assert_eq!(
            std::fs::read(dir.join("thesis.docx")).expect("kept"),
            b"precious"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
