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
    if !common::terraform_tier() {
        return;
    }
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
    if !common::terraform_tier() {
        return;
    }
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

/// petgen's own formatter, not terraform, is what makes the output canonical: unaligned,
/// unindented HCL of the kinds the templates produce comes out of `hclfmt::canonicalize`
/// exactly as `terraform fmt` writes it.
#[test]
fn petgen_formats_misaligned_hcl_exactly_as_terraform_fmt_does() {
    if !common::terraform_tier() {
        return;
    }
    let messy = "resource \"a\" \"b\" {\nx = 1\nlong_name = 2\n# a comment\nafter_comment = \"v\"\n\nnested {\nk = true\nlonger_key = [1, 2]\n}\ntags = {\nOwner = \"me\"\n\"cost-center\" = \"x\"\n}\npolicy = jsonencode({\nVersion = \"2012-10-17\"\nStatement = [{\nEffect = \"Allow\"\nAction = \"s3:GetObject\"\n}]\n})\n}\n";
    let ours = petgen::render::hclfmt::canonicalize(messy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("main.tf");
    std::fs::write(&file, messy).unwrap();
    let out = Command::new("terraform")
        .args(["fmt", "-no-color"])
        .arg(&file)
        .output()
        .expect("terraform must be on PATH for this test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs = std::fs::read_to_string(&file).unwrap();
    assert_ne!(theirs, messy, "the input must need formatting");
    assert_eq!(
        ours, theirs,
        "petgen's formatter differs from terraform fmt"
    );
}
