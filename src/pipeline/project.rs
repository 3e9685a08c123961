//! Where the project is: the nearest folder at or above the current one that holds
//! `profiles/`, as cargo finds the nearest `Cargo.toml`. Commands run from anywhere inside the
//! project (from `generated/dev`, say) find its profiles, rendered roots and price files.

use std::path::{Path, PathBuf};

/// The folder that marks a project's root.
pub const MARKER: &str = "profiles";

/// The nearest folder at or above `start` that holds `profiles/`.
pub fn root_above(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(MARKER).is_dir())
        .map(Path::to_path_buf)
}

/// `path` (a relative default such as `generated`) taken from the project root when the
/// current folder is inside the project but not its root, and does not itself hold `path`.
pub fn anchored(path: &Path, cwd: &Path, root: Option<&Path>) -> PathBuf {
    match root {
        Some(root) if path.is_relative() && root != cwd && !cwd.join(path).exists() => {
            root.join(path)
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_found_from_a_folder_inside_the_project() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("profiles")).unwrap();
        std::fs::create_dir_all(d.path().join("generated/dev/modules")).unwrap();
        let inside = d.path().join("generated/dev/modules");
        let root = root_above(&inside);
        assert_eq!(root.as_deref(), Some(d.path()));
        assert_eq!(
            anchored(Path::new("profiles"), &inside, root.as_deref()),
            d.path().join("profiles")
        );
        // At the root, and for what the folder itself holds, paths stay as given.
        assert_eq!(
            anchored(Path::new("profiles"), d.path(), root.as_deref()),
            PathBuf::from("profiles")
        );
        assert_eq!(
            anchored(
                Path::new("modules"),
                &d.path().join("generated/dev"),
                root.as_deref()
            ),
            PathBuf::from("modules")
        );
        assert_eq!(root_above(Path::new("/")), None);
    }
}
