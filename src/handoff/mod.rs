//! Stage 6: hand off to terraform, with petgen's checks in front. `plan` renders (or checks
//! that `generated/` is current), validates, lints and costs the root, refuses to go on while
//! any error-level problem remains (unless forced), then runs `terraform init` when needed and
//! `terraform plan`. `apply` applies the saved plan while it is current; `destroy` asks for the
//! profile name first.

pub mod image;
pub mod plan_review;
pub mod terraform;

use crate::hcl::{BlockKind, ConfigIndex};
use std::path::{Path, PathBuf};

/// The plan file petgen writes in the root.
pub const PLAN_FILE: &str = "petgen.tfplan";
/// The targeted plan of the image repository, applied before the image is pushed.
pub const REGISTRY_PLAN_FILE: &str = "petgen-registry.tfplan";
const INIT_STAMP: &str = "petgen-init.fingerprint";
const PLAN_STAMP: &str = "petgen-plan.fingerprint";

/// Where handoff says what it is doing (`petgen: running ...`): the caller's console, passed
/// in, so handoff never writes to the terminal itself and `--quiet` is the console's to honour.
pub type Progress<'a> = &'a dyn Fn(&str);

fn read_or_empty(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// What `init` depends on: the lock file and the backend configuration.
pub fn init_fingerprint(root: &Path) -> String {
    let lock = read_or_empty(&root.join(".terraform.lock.hcl"));
    let backend = read_or_empty(&root.join("backend.tf"));
    crate::fingerprint::hex([lock.as_slice(), backend.as_slice()])
}

/// `.tf` files of the root and its modules, sorted, for the plan fingerprint.
fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.is_dir() && !name.starts_with('.') {
            tf_files(&p, out);
        } else if name.ends_with(".tf") || name == ".terraform.lock.hcl" {
            out.push(p);
        }
    }
}

/// What a saved plan depends on: every configuration file, the lock file, and the arguments
/// the plan was made with (such as `-var image_tag=...`).
pub fn plan_fingerprint(root: &Path, args: &[String]) -> String {
    let mut files = Vec::new();
    tf_files(root, &mut files);
    let contents: Vec<Vec<u8>> = files.iter().map(|f| read_or_empty(f)).collect();
    crate::fingerprint::hex(
        contents
            .iter()
            .map(Vec::as_slice)
            .chain(args.iter().map(|a| a.as_bytes())),
    )
}

fn stamp_path(root: &Path, name: &str) -> PathBuf {
    root.join(".terraform").join(name)
}

/// `init` is needed without `.terraform`, or when the lock file or backend changed since
/// petgen last initialised the root.
pub fn needs_init(root: &Path) -> bool {
    if !root.join(".terraform").is_dir() {
        return true;
    }
    std::fs::read_to_string(stamp_path(root, INIT_STAMP))
        .ok()
        .as_deref()
        != Some(init_fingerprint(root).as_str())
}

pub fn record_init(root: &Path) {
    let _ = std::fs::create_dir_all(root.join(".terraform"));
    let _ = std::fs::write(stamp_path(root, INIT_STAMP), init_fingerprint(root));
}

pub fn record_plan(root: &Path, args: &[String]) {
    let _ = std::fs::create_dir_all(root.join(".terraform"));
    let _ = std::fs::write(stamp_path(root, PLAN_STAMP), plan_fingerprint(root, args));
}

/// Is there a saved plan made from the configuration as it is now, with these arguments?
pub fn plan_is_current(root: &Path, args: &[String]) -> bool {
    root.join(PLAN_FILE).is_file()
        && std::fs::read_to_string(stamp_path(root, PLAN_STAMP))
            .ok()
            .as_deref()
            == Some(plan_fingerprint(root, args).as_str())
}

/// Forget the saved plan: the state it was made against has changed.
pub fn discard_plan(root: &Path) {
    let _ = std::fs::remove_file(root.join(PLAN_FILE));
    let _ = std::fs::remove_file(stamp_path(root, PLAN_STAMP));
}

/// The root's `required_version`, when it is a literal.
pub fn required_version(index: &ConfigIndex) -> Option<String> {
    let root = index.root_module()?;
    root.blocks_of(BlockKind::Terraform).find_map(|b| {
        b.attr("required_version")
            .and_then(|a| a.value.as_str().map(str::to_string))
    })
}
