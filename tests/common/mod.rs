#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// petgen with a cleared environment (but PATH and the schema variable), run in `cwd`.
pub fn petgen(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("petgen").expect("binary is built");
    cmd.env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.current_dir(cwd);
    cmd
}

/// A temporary project directory with `profiles/` holding the given files.
pub fn project(profiles: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("profiles")).expect("mkdir");
    for (name, body) in profiles {
        std::fs::write(dir.path().join("profiles").join(name), body).expect("write profile");
    }
    dir
}

/// Every file under `dir`, relative, sorted, with contents.
pub fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// A temporary Terraform root holding one file.
pub fn root_with(file: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(file), body).expect("write the root");
    dir
}

/// Write an executable script (a stand-in for terraform, docker, aws, ...).
pub fn write_executable(path: &Path, body: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, body).expect("write the script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// The official SARIF 2.1.0 schema (scripts/test fetches it), compiled.
pub fn sarif_validator() -> jsonschema::Validator {
    let schema_path = std::env::var_os("PETGEN_SARIF_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join(".cache/sarif-schema-2.1.0.json"));
    let schema_text = std::fs::read_to_string(&schema_path).unwrap_or_else(|e| {
        panic!(
            "the SARIF 2.1.0 schema is needed ({}: {e}); scripts/test installs it",
            schema_path.display()
        )
    });
    // The official schema's `language` pattern ends in a stray `]`, which ECMA-262 reads as a
    // literal but jsonschema's strict pattern check rejects; escaping it keeps its meaning.
    let schema_text = schema_text.replace(
        "[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "[a-zA-Z]{2}-[a-zA-Z]{2}\\\\]?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .unwrap()
}

/// SARIF schema violations of `doc`, empty when it is valid.
pub fn sarif_errors(doc: &serde_json::Value) -> Vec<String> {
    sarif_validator()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
