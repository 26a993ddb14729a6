//! Why a file could not be read or written, in Chinese: the operating system's own text
//! (`No such file or directory (os error 2)`) is English, and editors and readers of the CLI
//! get Chinese messages.

use std::io::{Error, ErrorKind};

/// The reason for `e`, in Chinese; the system's text only for rare kinds without a wording.
pub fn why(e: &Error) -> String {
    let text = match e.kind() {
        ErrorKind::NotFound => "没有这个文件或文件夹",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::AlreadyExists => "已经有同名的文件或文件夹",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间不够",
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的",
        ErrorKind::InvalidData => "内容不是 UTF-8 文本",
        ErrorKind::InvalidFilename => "文件名不合规",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "读写被中断，请再试一次",
        _ => return format!("系统错误（{e}）"),
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_kinds_in_chinese() {
        let missing = std::fs::read("/no/such/shebao/file").unwrap_err();
        assert_eq!(why(&missing), "没有这个文件或文件夹");
        assert_eq!(
            why(&Error::new(
                ErrorKind::InvalidData,
                "stream did not contain valid UTF-8"
            )),
            "内容不是 UTF-8 文本"
        );
        assert!(why(&Error::other("odd")).starts_with("系统错误"));
    }

    /// The CLI prints errors with their chain (`{:#}`): the system's English text must not
    /// come back through it.
    #[test]
    fn load_errors_say_it_once_in_chinese() {
        let e = crate::content::load::pages(std::path::Path::new("/no/such/shebao/content"))
            .map(|_| ())
            .unwrap_err();
        let shown = format!("{:#}", anyhow::Error::from(e));
        assert_eq!(
            shown,
            "无法读取 /no/such/shebao/content：没有这个文件或文件夹"
        );
    }
}
