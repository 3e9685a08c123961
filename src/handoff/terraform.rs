//! Finding the terraform binary, checking its version against the root's `required_version`,
//! and running it with its output streamed to the user.

use crate::profile::terraform_version::satisfies;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `PETGEN_TERRAFORM`: the terraform binary to use when `--terraform` is not given.
pub const TERRAFORM_ENV: &str = "PETGEN_TERRAFORM";

/// A terraform binary and its version.
#[derive(Debug, Clone)]
pub struct Terraform {
    pub path: PathBuf,
    pub version: String,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Look for terraform: `--terraform PATH`, then `PETGEN_TERRAFORM`, then `PATH`.
pub fn locate(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!("--terraform {} does not exist", p.display()))
        };
    }
    if let Some(p) = std::env::var_os(TERRAFORM_ENV).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("{TERRAFORM_ENV}={} does not exist", p.display()))
        };
    }
    on_path("terraform").ok_or_else(|| {
        "terraform was not found: not given with --terraform, not in PETGEN_TERRAFORM, not on PATH\n  hint: install terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) or pass --terraform PATH".to_string()
    })
}

/// Ask the binary for its version (`terraform version -json`).
pub fn version(path: &Path) -> Result<String, String> {
    let out = Command::new(path)
        .args(["version", "-json"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "`{} version -json` failed: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("`{} version -json` printed no JSON: {e}", path.display()))?;
    v["terraform_version"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| {
            format!(
                "`{} version -json` has no terraform_version",
                path.display()
            )
        })
}

/// Find terraform and check it against the root's constraint.
pub fn find(flag: Option<&Path>, required: Option<&str>) -> Result<Terraform, String> {
    let path = locate(flag)?;
    let version = version(&path)?;
    if let Some(c) = required {
        match satisfies(&version, c) {
            Some(true) => {}
            Some(false) => {
                return Err(format!(
                    "terraform {version} at {} is too old or too new for this root, which requires {c:?}\n  hint: install a terraform that satisfies {c:?}, or pass --terraform PATH",
                    path.display()
                ))
            }
            None => return Err(format!("cannot read the root's required_version {c:?}")),
        }
    }
    Ok(Terraform { path, version })
}

/// Subcommands that take `-no-color`.
const COLOR_SUBCOMMANDS: &[&str] = &["init", "plan", "apply", "destroy", "output", "show"];

/// `args` with `-no-color` after the subcommand when colour is off for standard output (not a
/// terminal, `NO_COLOR`, or `--color never`), so logs and CI output hold no escape codes.
fn with_color_choice(args: &[String]) -> Vec<String> {
    let mut out = args.to_vec();
    let off = anstream::AutoStream::choice(&std::io::stdout()) == anstream::ColorChoice::Never;
    let takes_it = args
        .first()
        .is_some_and(|a| COLOR_SUBCOMMANDS.contains(&a.as_str()));
    if off && takes_it && !args.iter().any(|a| a == "-no-color") {
        out.insert(1, "-no-color".to_string());
    }
    out
}

impl Terraform {
    /// Run terraform in `dir` with output streamed to the user; returns its exit code.
    /// The environment (AWS_* credentials included) passes through untouched and is never
    /// printed.
    pub fn run(&self, dir: &Path, args: &[String]) -> Result<i32, String> {
        let args = with_color_choice(args);
        super::progress(&format!(
            "petgen: running terraform {} (in {})",
            args.join(" "),
            dir.display()
        ));
        let status = Command::new(&self.path)
            .args(&args)
            .current_dir(dir)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", self.path.display()))?;
        Ok(status.code().unwrap_or(1))
    }

    /// Run terraform in `dir` and capture its standard output (for `show -json`); errors
    /// still reach the user.
    pub fn capture(&self, dir: &Path, args: &[&str]) -> Result<(i32, Vec<u8>), String> {
        let out = Command::new(&self.path)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.path.display()))?;
        Ok((out.status.code().unwrap_or(1), out.stdout))
    }
}
