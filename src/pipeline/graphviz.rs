//! Graphviz, for SVG diagrams: `PETGEN_DOT`, else `dot` on PATH.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `PETGEN_DOT`: the Graphviz `dot` executable to use.
pub const DOT_ENV: &str = "PETGEN_DOT";

fn locate() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(DOT_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("dot"))
        .find(|p| p.is_file())
}

/// Draw DOT text as SVG with Graphviz.
pub fn svg(dot: &str) -> Result<String, String> {
    let exe = locate().ok_or_else(|| {
        format!("Graphviz `dot` was not found on PATH (or in {DOT_ENV})\n  hint: install Graphviz (Debian: apt-get install graphviz), or use --format dot or --format mermaid")
    })?;
    let mut child = Command::new(&exe)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|e| format!("cannot write to {}: {e}", exe.display()))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{} failed: {e}", exe.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            exe.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("dot wrote invalid UTF-8: {e}"))
}
