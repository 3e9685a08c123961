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

/// Why Graphviz drew nothing.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    #[error("Graphviz `dot` was not found on PATH (or in {DOT_ENV})\n  hint: install Graphviz (Debian: apt-get install graphviz), or use --format dot or --format mermaid")]
    NotFound,
    #[error("cannot run {}: {source}", exe.display())]
    Spawn {
        exe: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write to {}: {source}", exe.display())]
    Write {
        exe: PathBuf,
        source: std::io::Error,
    },
    #[error("{} failed: {source}", exe.display())]
    Wait {
        exe: PathBuf,
        source: std::io::Error,
    },
    #[error("{} failed: {stderr}", exe.display())]
    Failed { exe: PathBuf, stderr: String },
    #[error("dot wrote invalid UTF-8: {0}")]
    NotUtf8(#[source] std::string::FromUtf8Error),
}

/// Draw DOT text as SVG with Graphviz.
pub fn svg(dot: &str) -> Result<String, GraphvizError> {
    let exe = locate().ok_or(GraphvizError::NotFound)?;
    let mut child = Command::new(&exe)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| GraphvizError::Spawn {
            exe: exe.clone(),
            source,
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|source| GraphvizError::Write {
                exe: exe.clone(),
                source,
            })?;
    }
    let out = child
        .wait_with_output()
        .map_err(|source| GraphvizError::Wait {
            exe: exe.clone(),
            source,
        })?;
    if !out.status.success() {
        return Err(GraphvizError::Failed {
            exe,
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    String::from_utf8(out.stdout).map_err(GraphvizError::NotUtf8)
}
