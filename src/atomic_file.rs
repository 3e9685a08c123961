//! Stage 0: replacing a file whole. The new contents go to a temporary file beside the target
//! (same directory, so the rename cannot cross file systems), are synced to disk, then renamed
//! over the target: a reader sees the old file or the new one, never half of either.
//!
//! Callers that replace several files at once (`render::write`) stage them all first and
//! commit them afterwards; a single file is [`write`]. A staged file that is never committed is
//! removed when dropped, so an error path leaves no temporary file behind.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temporary files are `.<name>.petgen-tmp-<pid>` beside the file they replace, so the next run
/// can recognise (and remove) what a killed run left.
pub const TEMP_MARK: &str = ".petgen-tmp-";

/// Which part of a replacement failed; callers word their messages by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating the temporary file in the target's directory.
    Create,
    /// Writing or syncing the temporary file.
    Write,
    /// Renaming it over the target.
    Rename,
}

/// A failed replacement: the step, and the operating system's reason. The target is unchanged.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub struct Error {
    pub step: Step,
    #[source]
    pub source: io::Error,
}

/// The temporary file that stands in for `target` until it is committed.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}{TEMP_MARK}{}", std::process::id()))
}

/// New contents of a file, written and synced beside it, not yet in place.
#[must_use = "a staged file is removed when dropped; call commit to put it in place"]
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Write `bytes` to the temporary file for `target` and sync it. The target's directory must
/// exist. On failure the temporary file is removed.
pub fn stage(target: &Path, bytes: &[u8]) -> Result<Staged, Error> {
    let tmp = temp_path(target);
    let mut file = File::create(&tmp).map_err(|source| Error {
        step: Step::Create,
        source,
    })?;
    // From here on, dropping `staged` removes the temporary file.
    let staged = Staged {
        tmp,
        target: target.to_path_buf(),
        committed: false,
    };
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|source| Error {
            step: Step::Write,
            source,
        })?;
    Ok(staged)
}

impl Staged {
    /// The file this replaces.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Rename the temporary file over the target. On failure the temporary file is removed
    /// and the target is as it was.
    pub fn commit(mut self) -> Result<(), Error> {
        std::fs::rename(&self.tmp, &self.target).map_err(|source| Error {
            step: Step::Rename,
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Replace `target` with `bytes` in one step (see the module documentation).
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    stage(target, bytes)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("prices.toml");
        std::fs::write(&target, "old").unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("prices.toml")]);
    }

    #[test]
    fn a_staged_file_dropped_uncommitted_leaves_the_target_alone() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("main.tf");
        std::fs::write(&target, "old").unwrap();
        let staged = stage(&target, b"new").unwrap();
        assert!(temp_path(&target).is_file());
        drop(staged);
        assert!(!temp_path(&target).exists());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    }

    #[test]
    fn a_missing_directory_fails_at_create() {
        let d = tempfile::tempdir().unwrap();
        let err = write(&d.path().join("absent/x"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Create);
        assert_eq!(err.source.kind(), io::ErrorKind::NotFound);
    }
}
