//! The rendered HCL must be byte-identical to what the real `terraform fmt` produces.

mod common;

use common::{petgen, repo};
use std::process::Command;

fn fmt_check(dir: &std::path::Path) {
    let out = Command::new("terraform")
        .args(["fmt", "-check", "-diff", "-recursive"])
        .arg(dir)
        .output()
        .expect("terraform must be on PATH for this test (these machines ship terraform 1.11)");
    assert!(
        out.status.success(),
        "terraform fmt would change petgen's output:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shipped_profiles_render_exactly_as_terraform_fmt_formats() {
    let out = tempfile::tempdir().unwrap();
    petgen(&repo())
        .args(["render", "--all", "--out"])
        .arg(out.path())
        .assert()
        .success();
    fmt_check(out.path());
}

#[test]
fn fixture_profiles_render_exactly_as_terraform_fmt_formats() {
    let out = tempfile::tempdir().unwrap();
    petgen(&repo())
        .args([
            "render",
            "--all",
            "--profiles",
            "tests/fixtures/profiles",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    fmt_check(out.path());
}

/// Proves the check can fail: a misaligned file is caught.
#[test]
fn terraform_fmt_check_rejects_misaligned_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.tf"),
        "resource \"a\" \"b\" {\n  x = 1\n  long = 2\n}\n",
    )
    .unwrap();
    let out = Command::new("terraform")
        .args(["fmt", "-check", "-recursive"])
        .arg(dir.path())
        .output()
        .expect("terraform on PATH");
    assert!(!out.status.success());
}
