//! Putting a rendered root on disk atomically, and comparing it with what is there.

use super::RenderedRoot;
use similar::TextDiff;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Entries of a root that petgen owns: `*.tf` files and the `modules/` tree. Everything else
/// (`.terraform/`, the lock file, state, plan files) belongs to terraform and is carried over.
fn is_generated(name: &str) -> bool {
    name == "modules" || name.ends_with(".tf")
}

/// Write `root` to `target` so that readers see either the old tree or the new one, never a
/// mix: render into a temporary directory beside `target`, carry terraform's own files over,
/// then swap the directories. Files the profile no longer produces disappear with the old tree.
pub fn write_atomically(root: &RenderedRoot, target: &Path) -> io::Result<()> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "root".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{stem}.petgen-new-"))
        .tempdir_in(&parent)?;
    for file in &root.files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &file.contents)?;
    }

    if !target.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, target).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staged);
        });
    }

    // Carry terraform's files into the new tree; put them back if anything fails.
    let mut carried: Vec<(PathBuf, PathBuf)> = Vec::new();
    let restore = |carried: &[(PathBuf, PathBuf)]| {
        for (from, to) in carried {
            let _ = fs::rename(to, from);
        }
    };
    for entry in fs::read_dir(target)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_generated(&name) {
            let to = staging.path().join(&name);
            if let Err(e) = fs::rename(entry.path(), &to) {
                restore(&carried);
                return Err(e);
            }
            carried.push((entry.path(), to));
        }
    }
    let retired = parent.join(format!(
        ".{stem}.petgen-old-{}",
        staging
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if let Err(e) = fs::rename(target, &retired) {
        restore(&carried);
        return Err(e);
    }
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, target) {
        let _ = fs::rename(&retired, target);
        restore(&carried);
        let _ = fs::remove_dir_all(&staged);
        return Err(e);
    }
    fs::remove_dir_all(&retired)
}

/// The generated files currently under `dir`, relative to it.
fn files_on_disk(dir: &Path) -> io::Result<BTreeMap<PathBuf, String>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let top_level = rel.components().count() == 1;
            if top_level && !is_generated(&name) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".tf") {
                let bytes = fs::read(&path)?;
                out.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    Ok(out)
}

/// A unified diff from what is in `dir` to what `root` renders; empty when they match.
pub fn diff_against_disk(root: &RenderedRoot, dir: &Path) -> io::Result<String> {
    let on_disk = files_on_disk(dir)?;
    let mut rendered: BTreeMap<PathBuf, &str> = BTreeMap::new();
    for f in &root.files {
        rendered.insert(f.path.clone(), &f.contents);
    }
    let mut paths: Vec<&PathBuf> = on_disk.keys().chain(rendered.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut out = String::new();
    for rel in paths {
        let old = on_disk.get(rel).map(String::as_str);
        let new = rendered.get(rel).copied();
        if old == new {
            continue;
        }
        let shown = dir.join(rel);
        let a = if old.is_some() {
            shown.display().to_string()
        } else {
            "/dev/null".into()
        };
        let b = if new.is_some() {
            shown.display().to_string()
        } else {
            "/dev/null".into()
        };
        let diff = TextDiff::from_lines(old.unwrap_or(""), new.unwrap_or(""));
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&a, &b)
                .to_string(),
        );
    }
    Ok(out)
}
