//! Splits a page into its TOML front matter (between `+++` lines) and its Markdown body,
//! keeping the byte offset of each part so later diagnostics point at the right line.

/// A page's text, split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a page could not be split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The file does not start with a `+++` line.
    #[error("页面必须以 `+++` 行开头，后接 TOML 元数据 (front matter)")]
    NoOpeningFence,
    /// No closing `+++` line.
    #[error("元数据 (front matter) 没有结束的 `+++` 行")]
    NoClosingFence,
}

const FENCE: &str = "+++";

/// Splits `text`. A UTF-8 BOM and CRLF line ends are accepted.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = line_spans(text, start);
    let (_, first_end, first) = lines.next().ok_or(SplitError::NoOpeningFence)?;
    if first.trim_end() != FENCE {
        return Err(SplitError::NoOpeningFence);
    }
    for (line_start, line_end, line) in lines {
        if line.trim_end() == FENCE {
            return Ok(Split {
                toml: &text[first_end..line_start],
                toml_offset: first_end,
                body: &text[line_end..],
                body_offset: line_end,
            });
        }
    }
    Err(SplitError::NoClosingFence)
}

/// (start, end including the newline, line without the newline) for each line from `from`.
fn line_spans(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let span = (pos, pos + len, rest[..len].trim_end_matches('\n'));
        pos += len;
        Some(span)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets() {
        let text = "+++\ntitle = \"营口\"\n+++\n正文\n";
        let s = split(text).unwrap();
        assert_eq!(s.toml, "title = \"营口\"\n");
        assert_eq!(&text[s.toml_offset..s.toml_offset + 5], "title");
        assert_eq!(s.body, "正文\n");
        assert_eq!(&text[s.body_offset..], "正文\n");
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}+++\r\na = 1\r\n+++\r\nbody").unwrap();
        assert_eq!(s.toml, "a = 1\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpeningFence));
        assert_eq!(split(""), Err(SplitError::NoOpeningFence));
        assert_eq!(split("+++\na = 1\n"), Err(SplitError::NoClosingFence));
    }
}
