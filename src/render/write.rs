//! Putting a rendered root on disk, and comparing it with what is there.
//!
//! A root directory is shared with terraform: it holds `.terraform/`, the lock file, the state
//! of a local backend and saved plans. So petgen writes in place and touches only what it
//! owns: the files it renders, and files that carry its generated header. Nothing else is ever
//! moved, renamed or deleted, by construction.
//!
//! - One writer per root: an advisory lock (`.petgen.lock` in the root) is held while writing.
//!   A second writer waits, then fails with a message naming the holder.
//! - Each file is written to a temporary file beside it and renamed over the old one, so a
//!   file is never half-written. Every temporary file is created before any rename: a write
//!   that fails (a read-only directory, a full disk) changes nothing.
//! - Litter from a killed run (temporary files, and the staging directories older versions of
//!   petgen swapped in) is cleaned up by the next run, and terraform files found in old
//!   staging directories are moved back into the root, or the run stops and says how to
//!   recover them.

use super::{RenderedRoot, HEADER_PREFIX, MARKDOWN_HEADER_PREFIX, OVERLAY_HEADER_PREFIX};
use similar::TextDiff;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file petgen keeps in every root it writes.
pub const LOCK_FILE: &str = ".petgen.lock";
/// `PETGEN_LOCK_TIMEOUT_MS`: how long a second writer waits for the lock.
pub const LOCK_TIMEOUT_ENV: &str = "PETGEN_LOCK_TIMEOUT_MS";
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);
use crate::atomic_file::{self, Staged, TEMP_MARK};
/// Present in a root only while petgen replaces its files. Renaming many files is not one
/// atomic step, so a run killed half-way leaves some files new and some old; this file makes
/// terraform refuse such a root, with the fix in the line it quotes, until a render completes.
/// Terraform ignores files whose names start with a dot, so this name must not.
pub const UPDATING_FILE: &str = "petgen-updating.tf";

/// Why a root could not be locked or written. The root is left as each message says.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot create {}: {source}", path.display())]
    CreateRoot { path: PathBuf, source: io::Error },
    #[error("cannot open the lock file {}: {source}", path.display())]
    OpenLock { path: PathBuf, source: io::Error },
    #[error(
        "another petgen is writing {} ({}); waited {:.0} s\n  hint: try again when it has finished, or set {LOCK_TIMEOUT_ENV} to wait longer",
        target.display(),
        if holder.is_empty() { "holder unknown" } else { holder },
        waited.as_secs_f64()
    )]
    Busy {
        target: PathBuf,
        /// What the holder wrote in the lock file; empty when unknown.
        holder: String,
        waited: Duration,
    },
    #[error("cannot lock {}: {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error("{} is a symbolic link; petgen writes only real files and directories inside a root\n  hint: replace the link with a directory, or render elsewhere with --out", path.display())]
    Symlink { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("a killed petgen run left {} and the root also has {}; petgen cannot tell which is current\n  hint: compare them, keep the right one in {}, delete {}, then render again", from.display(), to.display(), target.display(), dir.display())]
    StrandedConflict {
        from: PathBuf,
        to: PathBuf,
        target: PathBuf,
        dir: PathBuf,
    },
    #[error("cannot move {} back to {}: {source}\n  hint: move it yourself, then render again", from.display(), to.display())]
    MoveBack {
        from: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
    #[error("cannot remove {}: {source}", path.display())]
    Remove { path: PathBuf, source: io::Error },
    #[error("{} exists and was not written by petgen (it has no generated header); petgen never overwrites files it did not write\n  hint: move it out of {} and render again", path.display(), target.display())]
    NotOurs { path: PathBuf, target: PathBuf },
    #[error("{} exists and was not written by petgen; petgen uses that name while it updates a root\n  hint: rename it and render again", path.display())]
    MarkerNotOurs { path: PathBuf },
    /// Staging failed: nothing in the root changed.
    #[error("cannot write {}: {source}; nothing was changed", path.display())]
    Stage { path: PathBuf, source: io::Error },
    /// A rename failed part-way through the commit.
    #[error("cannot replace {}: {source}; {done} of {total} changed files were updated, and {UPDATING_FILE} keeps terraform from using the root until a render completes\n  hint: fix the cause and render again", path.display())]
    Replace {
        path: PathBuf,
        source: io::Error,
        done: usize,
        total: usize,
    },
    #[error("cannot remove {}: {source}; the root is complete, but terraform refuses it while that file is there\n  hint: delete it", path.display())]
    RemoveMarker { path: PathBuf, source: io::Error },
}

/// Did petgen write this file? Its first line is petgen's generated header.
pub fn written_by_petgen(path: &Path) -> bool {
    let mut head = [0u8; 64];
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    head[..n].starts_with(HEADER_PREFIX.as_bytes())
        || head[..n].starts_with(MARKDOWN_HEADER_PREFIX.as_bytes())
        || head[..n].starts_with(OVERLAY_HEADER_PREFIX.as_bytes())
}

/// The exclusive right to write one root, released when dropped.
pub struct RootLock {
    _file: File,
}

fn lock_timeout() -> Duration {
    std::env::var(LOCK_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_LOCK_TIMEOUT)
}

/// Take the root's lock, creating the root if needed. `purpose` is recorded for whoever waits.
pub fn lock_root(target: &Path, purpose: &str) -> Result<RootLock, WriteError> {
    fs::create_dir_all(target).map_err(|source| WriteError::CreateRoot {
        path: target.to_path_buf(),
        source,
    })?;
    let path = target.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| WriteError::OpenLock {
            path: path.clone(),
            source,
        })?;
    let timeout = lock_timeout();
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                return Err(WriteError::Busy {
                    target: target.to_path_buf(),
                    holder: holder.trim().to_string(),
                    waited: timeout,
                });
            }
            Err(fs::TryLockError::Error(source)) => return Err(WriteError::Lock { path, source }),
        }
    }
    // Who holds it, for the message a waiting writer prints.
    let _ = file.set_len(0);
    let _ = writeln!(file, "pid {}: {purpose}", std::process::id());
    Ok(RootLock { _file: file })
}

/// What a write did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files created or rewritten, relative to the root.
    pub changed: Vec<PathBuf>,
    /// Generated files the profile no longer renders, removed.
    pub removed: Vec<PathBuf>,
    /// Terraform files moved back from a killed run's staging directory.
    pub recovered: Vec<PathBuf>,
    /// `.tf` files in the root that petgen did not write: part of the configuration terraform
    /// sees, left alone.
    pub foreign: Vec<PathBuf>,
}

/// Refuse to write through a symbolic link inside the root: it would write outside it.
fn no_links_below(target: &Path, rel: &Path) -> Result<(), WriteError> {
    let mut at = target.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(WriteError::Symlink { path: at });
        }
    }
    Ok(())
}

/// The files petgen looks after on disk: `.tf` files in the root itself and under `modules/`,
/// and the root's `README.md`.
fn managed_files_on_disk(target: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !target.is_dir() {
        return Ok(out);
    }
    let mut dirs = vec![(target.to_path_buf(), false)];
    while let Some((dir, recurse)) = dirs.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if recurse || (dir == target && name == "modules") {
                    dirs.push((path, true));
                }
            } else if kind.is_file()
                && (name.ends_with(".tf") || (dir == target && name == "README.md"))
            {
                out.push(path.strip_prefix(target).unwrap_or(&path).to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Remove temporary files a killed run left (only petgen's own naming).
fn remove_stale_temps(target: &Path) {
    let mut dirs = vec![target.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && (name == "modules" || dir != target) {
                dirs.push(entry.path());
            } else if kind.is_file() && name.starts_with('.') && name.contains(TEMP_MARK) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Older versions of petgen swapped whole directories: `.<root>.petgen-new-*` and
/// `.<root>.petgen-old-*` beside the root. A killed run could leave them behind, holding
/// terraform's files or the user's own `.tf` files and modules. Everything in them that petgen
/// did not write is moved back into the root; what is left (petgen's own files, and identical
/// copies of what the root holds) is deleted. A file that exists in both places with different
/// contents stops the run.
fn recover_old_staging(target: &Path, written: &mut Written) -> Result<(), WriteError> {
    let Some(stem) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(());
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&parent) else {
        return Ok(());
    };
    let prefixes = [
        format!(".{stem}.petgen-new-"),
        format!(".{stem}.petgen-old-"),
    ];
    let mut staging: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            prefixes.iter().any(|p| name.starts_with(p.as_str()))
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect();
    staging.sort();
    for dir in staging {
        let kept = not_written_by_petgen(&dir).map_err(|source| WriteError::Read {
            path: dir.clone(),
            source,
        })?;
        let mut to_move = Vec::new();
        for rel in kept {
            let (from, to) = (dir.join(&rel), target.join(&rel));
            if fs::symlink_metadata(&to).is_err() {
                to_move.push((rel, from, to));
                continue;
            }
            let same = fs::read(&from)
                .ok()
                .is_some_and(|a| fs::read(&to).ok() == Some(a));
            if !same {
                return Err(WriteError::StrandedConflict {
                    from,
                    to,
                    target: target.to_path_buf(),
                    dir,
                });
            }
        }
        for (rel, from, to) in to_move {
            let moved = match to.parent() {
                Some(p) => fs::create_dir_all(p),
                None => Ok(()),
            }
            .and_then(|()| fs::rename(&from, &to));
            moved.map_err(|source| WriteError::MoveBack { from, to, source })?;
            written.recovered.push(rel);
        }
        // Only petgen's files, and identical copies of the root's, are left.
        fs::remove_dir_all(&dir).map_err(|source| WriteError::Remove { path: dir, source })?;
    }
    Ok(())
}

/// What in an old staging directory petgen did not write, relative to it: whole entries at
/// its top (`.terraform/`, state, plans), except `modules/`, which is searched file by file,
/// and files without petgen's header at any depth, hand-written `.tf` files included.
fn not_written_by_petgen(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(rel) = dirs.pop() {
        for entry in fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            let kind = entry.file_type()?;
            let top = rel.as_os_str().is_empty();
            if kind.is_dir() && (!top || entry.file_name() == "modules") {
                dirs.push(path);
            } else if kind.is_dir() || !written_by_petgen(&entry.path()) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Write `root` into `target`, as the module documentation describes.
pub fn write_root(root: &RenderedRoot, target: &Path) -> Result<Written, WriteError> {
    let _lock = lock_root(
        target,
        &format!("petgen rendering profile {}", root.profile),
    )?;
    let mut written = Written::default();
    recover_old_staging(target, &mut written)?;
    remove_stale_temps(target);

    // Decide everything before changing anything.
    let rendered: BTreeSet<&Path> = root.files.iter().map(|f| f.path.as_path()).collect();
    let mut to_write: Vec<(PathBuf, &str)> = Vec::new();
    for file in &root.files {
        no_links_below(target, &file.path)?;
        let path = target.join(&file.path);
        match fs::read(&path) {
            Ok(old) if old == file.contents.as_bytes() => {}
            Ok(_) if !written_by_petgen(&path) => {
                return Err(WriteError::NotOurs {
                    path,
                    target: target.to_path_buf(),
                });
            }
            Ok(_) => to_write.push((file.path.clone(), &file.contents)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                to_write.push((file.path.clone(), &file.contents))
            }
            Err(source) => return Err(WriteError::Read { path, source }),
        }
    }
    let on_disk = managed_files_on_disk(target).map_err(|source| WriteError::Read {
        path: target.to_path_buf(),
        source,
    })?;
    let mut to_remove = Vec::new();
    let updating = target.join(UPDATING_FILE);
    for rel in on_disk {
        if rendered.contains(rel.as_path()) || rel == Path::new(UPDATING_FILE) {
            continue;
        }
        if written_by_petgen(&target.join(&rel)) {
            to_remove.push(rel);
        } else {
            written.foreign.push(rel);
        }
    }

    let left_updating = fs::symlink_metadata(&updating).is_ok();
    if left_updating && !written_by_petgen(&updating) {
        return Err(WriteError::MarkerNotOurs { path: updating });
    }
    if to_write.is_empty() && to_remove.is_empty() {
        // A run killed after its last rename left the marker on a complete tree.
        if left_updating {
            fs::remove_file(&updating).map_err(|source| WriteError::Remove {
                path: updating,
                source,
            })?;
        }
        return Ok(written);
    }
    let marker = updating_marker(root);

    // Stage: every new file beside its target first, so a failure changes nothing. The
    // marker goes first, so it is in place before any file changes.
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<Staged> = Vec::new();
    // Dropping the staged files removes their temporary files; then the directories made
    // for them go, innermost first.
    let undo = |staged: Vec<Staged>, dirs: &[PathBuf]| {
        drop(staged);
        for d in dirs.iter().rev() {
            let _ = fs::remove_dir(d);
        }
    };
    let marker_entry = (PathBuf::from(UPDATING_FILE), marker.as_str());
    for (rel, contents) in std::iter::once(&marker_entry).chain(&to_write) {
        let path = target.join(rel);
        if let Some(dir) = path.parent() {
            let mut missing = Vec::new();
            let mut d = dir.to_path_buf();
            while !d.exists() && d.starts_with(target) {
                missing.push(d.clone());
                if !d.pop() {
                    break;
                }
            }
            if let Err(source) = fs::create_dir_all(dir) {
                undo(staged, &created_dirs);
                return Err(WriteError::Stage {
                    path: dir.to_path_buf(),
                    source,
                });
            }
            created_dirs.extend(missing.into_iter().rev());
        }
        match atomic_file::stage(&path, contents.as_bytes()) {
            Ok(file) => staged.push(file),
            Err(e) => {
                undo(staged, &created_dirs);
                return Err(WriteError::Stage {
                    path,
                    source: e.source,
                });
            }
        }
    }

    // Commit.
    let total = staged.len() - 1;
    let renames = staged.len();
    commit_step(0);
    // A failed rename returns with the rest of `staged` unconsumed: dropping it removes
    // their temporary files.
    for (i, file) in staged.into_iter().enumerate() {
        let path = file.target().to_path_buf();
        if let Err(e) = file.commit() {
            return Err(WriteError::Replace {
                path,
                source: e.source,
                done: i.saturating_sub(1),
                total,
            });
        }
        commit_step(i + 1);
    }
    written.changed = to_write.into_iter().map(|(rel, _)| rel).collect();
    for rel in &to_remove {
        fs::remove_file(target.join(rel)).map_err(|source| WriteError::Remove {
            path: target.join(rel),
            source,
        })?;
        // Module directories the profile no longer renders go too, once empty.
        let mut dir = target.join(rel);
        while dir.pop() && dir != *target && dir.starts_with(target.join("modules")) {
            if fs::remove_dir(&dir).is_err() {
                break;
            }
        }
    }
    written.removed = to_remove;
    commit_step(renames + 1);
    fs::remove_file(&updating).map_err(|source| WriteError::RemoveMarker {
        path: updating,
        source,
    })?;
    Ok(written)
}

/// The marker's text: petgen's header (so later runs know it as theirs), and a version
/// constraint no terraform meets, on a line that says what to do, since terraform quotes it.
fn updating_marker(root: &RenderedRoot) -> String {
    let header = root
        .files
        .iter()
        .find(|f| f.path.extension().is_some_and(|x| x == "tf"))
        .and_then(|f| f.contents.split_once("\n\n").map(|(h, _)| h.to_string()))
        .unwrap_or_else(|| format!("{HEADER_PREFIX}profile {:?}.", root.profile));
    format!(
        "{header}\n\n# petgen is replacing this root's files, or a run was killed while it did: some files may\n# be new and some old. Terraform refuses the root until a render completes.\nterraform {{\n  required_version = \"= 0.0.0\" # petgen's update of this root did not finish: run `petgen render --profile {}`\n}}\n",
        root.profile
    )
}

/// Called at each step of a commit: with 0 once every file is staged, with N after the Nth
/// rename (the marker's first), and with the rename count + 1 once stale files are removed,
/// before the marker goes. Tests stop a commit there, as a kill would:
/// `PETGEN_TEST_KILL_AFTER_RENAMES=N` aborts the process at step N.
fn commit_step(done: usize) {
    static KILL_AFTER: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let kill_after = KILL_AFTER.get_or_init(|| {
        std::env::var("PETGEN_TEST_KILL_AFTER_RENAMES")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if *kill_after == Some(done) {
        std::process::abort();
    }
}

/// How a root on disk differs from what a profile renders.
#[derive(Debug, Default)]
pub struct Drift {
    /// A unified diff of petgen's files; empty when they match.
    pub diff: String,
    /// `.tf` files petgen did not write: part of what terraform would apply, not of the profile.
    pub foreign: Vec<PathBuf>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.diff.is_empty() && self.foreign.is_empty()
    }
}

/// Compare what `root` renders with what is in `dir`.
pub fn diff_against_disk(root: &RenderedRoot, dir: &Path) -> io::Result<Drift> {
    let mut drift = Drift::default();
    let mut on_disk: BTreeMap<PathBuf, String> = BTreeMap::new();
    for rel in managed_files_on_disk(dir)? {
        let path = dir.join(&rel);
        if !written_by_petgen(&path) && !root.files.iter().any(|f| f.path == rel) {
            drift.foreign.push(rel);
            continue;
        }
        let bytes = fs::read(&path)?;
        on_disk.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
    }
    let mut rendered: BTreeMap<PathBuf, &str> = BTreeMap::new();
    for f in &root.files {
        rendered.insert(f.path.clone(), &f.contents);
    }
    let paths: BTreeSet<&PathBuf> = on_disk.keys().chain(rendered.keys()).collect();
    for rel in paths {
        let old = on_disk.get(rel).map(String::as_str);
        let new = rendered.get(rel).copied();
        if old == new {
            continue;
        }
        let shown = dir.join(rel).display().to_string();
        let a = if old.is_some() {
            shown.clone()
        } else {
            "/dev/null".into()
        };
        let b = if new.is_some() {
            shown
        } else {
            "/dev/null".into()
        };
        let diff = TextDiff::from_lines(old.unwrap_or(""), new.unwrap_or(""));
        drift.diff.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&a, &b)
                .to_string(),
        );
    }
    Ok(drift)
}
