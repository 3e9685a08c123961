#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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
    let schema_path = sarif_schema_path();
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

/// The full AWS provider schema (`terraform providers schema -json` of the pinned version) that
/// tests compare with: `PETGEN_PROVIDER_SCHEMA` when set (an override, such as CI's copy
/// beside the repository), else the copy in `tests/data/`, decompressed once per test binary.
pub fn full_schema_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PETGEN_PROVIDER_SCHEMA").filter(|p| !p.is_empty()) {
        return p.into();
    }
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        use std::io::Read;
        let version = petgen::validate::provider_schema::EMBEDDED_VERSION;
        let gz = repo().join(format!("tests/data/aws-provider-schema-{version}.json.gz"));
        let file = std::fs::File::open(&gz).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (scripts/update-test-schema writes it)",
                gz.display()
            )
        });
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut json)
            .unwrap_or_else(|e| panic!("{}: {e}", gz.display()));
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let out = dir.join(format!("aws-provider-schema-{version}.json"));
        // Test binaries run at once: each writes its own file and renames it into place.
        let tmp = dir.join(format!(
            "aws-provider-schema-{version}.{}.tmp",
            std::process::id()
        ));
        std::fs::write(&tmp, &json).expect("write the decompressed schema");
        std::fs::rename(&tmp, &out).expect("rename the decompressed schema");
        out
    })
    .clone()
}

/// Test tiers. `cargo test` alone runs the hermetic tier: it needs only the Rust toolchain,
/// and a test that needs an outside tool (terraform, Graphviz, the SARIF schema from npm)
/// skips with a printed reason. `scripts/test` sets `PETGEN_TEST_TIERS=all`: every tier runs,
/// and a missing tool fails its tests. Returns whether the test should run.
pub fn tier(name: &str, available: bool, missing: &str) -> bool {
    if available {
        return true;
    }
    let wanted = std::env::var("PETGEN_TEST_TIERS")
        .is_ok_and(|v| v.split(',').any(|t| t.trim() == "all" || t.trim() == name));
    if wanted {
        panic!("{missing} (PETGEN_TEST_TIERS asks for the {name} tier)");
    }
    skipped(&format!(
        "SKIPPED ({name} tier): {missing}; scripts/test runs this tier"
    ));
    false
}

/// Say that a test skipped, where it is seen: straight to the process's stderr, since libtest
/// captures eprintln! of a passing test.
pub fn skipped(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Is this program on PATH and answering `ARG`?
pub fn answers(program: &str, arg: &str) -> bool {
    std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The terraform tier: the real binary on PATH.
pub fn terraform_tier() -> bool {
    tier(
        "terraform",
        answers("terraform", "version"),
        "terraform is not on PATH",
    )
}

/// The SARIF tier: the official schema, which scripts/test fetches from npm.
pub fn sarif_tier() -> bool {
    tier(
        "npm",
        sarif_schema_path().is_file(),
        "the official SARIF 2.1.0 schema is not in .cache/",
    )
}

fn sarif_schema_path() -> PathBuf {
    std::env::var_os("PETGEN_SARIF_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join(".cache/sarif-schema-2.1.0.json"))
}

/// The `[[waivers]]` entries of a shipped profile.
pub fn waivers_in(profile: &str) -> usize {
    std::fs::read_to_string(repo().join(format!("profiles/{profile}.toml")))
        .expect("a shipped profile")
        .matches("[[waivers]]")
        .count()
}
