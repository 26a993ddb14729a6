//! Which file-system events should trigger a rebuild (pure, so it can be tested).

use std::path::Path;

/// False for editor swap/backup files and hidden files; true otherwise.
pub fn is_relevant(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_droppings() {
        assert!(is_relevant(Path::new("content/cities/yingkou.md")));
        assert!(is_relevant(Path::new("site-templates/css/site.css")));
        assert!(!is_relevant(Path::new("content/cities/.yingkou.md.swp")));
        assert!(!is_relevant(Path::new("content/cities/yingkou.md~")));
        assert!(!is_relevant(Path::new("content/#yingkou.md#")));
    }
}
