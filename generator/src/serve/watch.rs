//! Which file-system events should trigger a rebuild (pure, so it can be tested).

use notify::EventKind;
use std::path::Path;

/// True when an event should trigger a rebuild: something was created, changed or removed, at a
/// path that is not an editor's temporary file. Reads (inotify's open/close events) never count:
/// the build itself reads every file, so counting them would rebuild forever.
pub fn triggers_rebuild(event: &notify::Event) -> bool {
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    ) && event.paths.iter().any(|p| is_relevant(p))
}

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

    #[test]
    fn reads_do_not_trigger_but_writes_do() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind};
        let path = std::path::PathBuf::from("content/cities/yingkou.md");
        let event = |kind| notify::Event::new(kind).add_path(path.clone());
        assert!(!triggers_rebuild(&event(EventKind::Access(
            AccessKind::Open(AccessMode::Any)
        ))));
        assert!(!triggers_rebuild(&event(EventKind::Access(
            AccessKind::Close(AccessMode::Read)
        ))));
        assert!(triggers_rebuild(&event(EventKind::Modify(
            ModifyKind::Data(DataChange::Any)
        ))));
        assert!(triggers_rebuild(&event(EventKind::Create(
            CreateKind::File
        ))));
    }
}
