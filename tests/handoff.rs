//! `petgen plan | apply | destroy`: the plumbing, with a stand-in terraform that records its
//! arguments, working directory and environment; and one run of the real terraform binary.

mod common;

use common::{petgen, project};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const PROFILE: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n";

/// A stand-in terraform in `dir/bin`, logging every call to `dir/calls.log`.
fn stand_in(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let script = format!(
        r##"#!/bin/sh
log={log}
if [ "$1" = "version" ]; then
  echo "{{\"terraform_version\": \"${{FAKE_TF_VERSION:-1.11.4}}\"}}"
  exit 0
fi
# What the plan does and what the state protects (tests/plan_gate.rs covers both): nothing.
if [ "$1" = "show" ]; then echo '{{"format_version":"1.2","resource_changes":[],"values":{{}}}}'; exit 0; fi
echo "ARGS $*" >> "$log"
echo "CWD $(pwd)" >> "$log"
echo "ENV AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY" >> "$log"
echo "stand-in terraform $1 output"
case "$1" in
  init) mkdir -p .terraform; echo "# lock" > .terraform.lock.hcl; exit ${{FAKE_TF_EXIT_INIT:-0}} ;;
  plan) touch petgen.tfplan; exit ${{FAKE_TF_EXIT_PLAN:-0}} ;;
  apply) exit ${{FAKE_TF_EXIT_APPLY:-0}} ;;
  destroy) exit ${{FAKE_TF_EXIT_DESTROY:-0}} ;;
esac
"##,
        log = dir.join("calls.log").display()
    );
    let path = bin.join("terraform");
    fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn path_with(bin: &Path) -> String {
    format!("{}:/usr/bin:/bin", bin.display())
}

/// petgen in `dir` with `args`, finding the stand-in terraform in `bin` on PATH.
fn with_stand_in(dir: &Path, bin: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = petgen(dir);
    cmd.args(args).env("PATH", path_with(bin));
    cmd
}

/// The recorded calls, without `providers schema -json` (petgen's schema lookup in an
/// initialised root, which the stand-in cannot answer).
fn calls(dir: &Path) -> Vec<String> {
    fs::read_to_string(dir.join("calls.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("ARGS") && !l.starts_with("ARGS providers"))
        .map(str::to_string)
        .collect()
}

#[test]
fn plan_inits_then_plans_in_the_root_and_passes_the_environment_through() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(
        p.path(),
        &bin,
        &[
            "plan",
            "--profile",
            "dev",
            "--",
            "-var",
            "container_image=nginx:1.28",
        ],
    )
    .env("AWS_SECRET_ACCESS_KEY", "s3cr3t-value")
    .assert()
    .success()
    .stdout(predicate::str::contains("stand-in terraform plan output"))
    .stderr(predicate::str::contains("petgen: checks passed"))
    .stdout(predicate::str::contains("s3cr3t-value").not())
    .stderr(predicate::str::contains("s3cr3t-value").not());
    assert_eq!(
        calls(p.path()),
        vec![
            "ARGS init -no-color -input=false",
            "ARGS plan -no-color -input=false -out=petgen.tfplan -var container_image=nginx:1.28"
        ]
    );
    let log = fs::read_to_string(p.path().join("calls.log")).unwrap();
    assert!(log.contains(&format!(
        "CWD {}",
        fs::canonicalize(p.path().join("generated/dev"))
            .unwrap()
            .display()
    )));
    assert!(log.contains("ENV AWS_SECRET_ACCESS_KEY=s3cr3t-value"));

    // Initialised and unchanged: the second plan does not init again.
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .assert()
        .success();
    assert_eq!(calls(p.path()).len(), 3);
    assert_eq!(
        calls(p.path())[2],
        "ARGS plan -no-color -input=false -out=petgen.tfplan"
    );
}

#[test]
fn a_backend_change_triggers_init_again() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .assert()
        .success();
    fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx:1.27\"\n[backend]\nkind = \"s3\"\nbucket = \"team-state\"\n",
    )
    .unwrap();
    // The state bucket is not checked here (tests/live.rs checks it against moto).
    with_stand_in(
        p.path(),
        &bin,
        &["plan", "--profile", "dev", "--skip-preflight"],
    )
    .assert()
    .success();
    let c = calls(p.path());
    assert_eq!(
        c.iter().filter(|l| l.starts_with("ARGS init")).count(),
        2,
        "{c:?}"
    );
}

#[test]
fn the_gate_refuses_on_a_lint_error_and_terraform_is_never_called() {
    // A budget far below the estimate is an error-level lint finding (CST005).
    let p = project(&[(
        "dev.toml",
        b"budget_usd_per_month = 1\n[service]\nimage = \"nginx:1.27\"\n",
    )]);
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[CST005]"))
        .stderr(predicate::str::contains("refusing to run terraform"));
    assert!(calls(p.path()).is_empty());

    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev", "--force"])
        .assert()
        .success()
        .stderr(predicate::str::contains("WARNING: --force"));
    assert_eq!(calls(p.path()).len(), 2);
}

#[test]
fn terraforms_exit_code_propagates() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .env("FAKE_TF_EXIT_PLAN", "3")
        .assert()
        .code(3);
    let q = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(q.path());
    with_stand_in(q.path(), &bin, &["plan", "--profile", "dev"])
        .env("FAKE_TF_EXIT_INIT", "4")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("terraform init failed"));
}

#[test]
fn missing_or_too_old_terraform_is_explained() {
    let p = project(&[("dev.toml", PROFILE)]);
    petgen(p.path())
        .args(["plan", "--profile", "dev"])
        .env("PATH", "/usr/bin:/bin")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("terraform was not found: not given with --terraform, not in PETGEN_TERRAFORM, not on PATH"));
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .env("FAKE_TF_VERSION", "1.5.7")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("terraform 1.5.7"))
        .stderr(predicate::str::contains("requires \">= 1.10\""));
    assert!(calls(p.path()).is_empty());
    // --terraform and PETGEN_TERRAFORM pick the binary explicitly.
    petgen(p.path())
        .args(["plan", "--profile", "dev", "--terraform"])
        .arg(bin.join("terraform"))
        .env("PATH", "/usr/bin:/bin")
        .assert()
        .success();
    petgen(p.path())
        .args(["plan", "--profile", "dev"])
        .env("PATH", "/usr/bin:/bin")
        .env("PETGEN_TERRAFORM", bin.join("terraform"))
        .assert()
        .success();
}

#[test]
fn check_refuses_a_stale_root_without_calling_terraform() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx:1.28\"\n",
    )
    .unwrap();
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-  default     = \"nginx:1.27\""))
        .stderr(predicate::str::contains("differs from profiles/dev.toml"));
    assert!(calls(p.path()).is_empty());
}

#[test]
fn apply_uses_the_current_saved_plan_or_plans_first() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .assert()
        .success();
    with_stand_in(p.path(), &bin, &["apply", "--profile", "dev"])
        .assert()
        .success();
    assert_eq!(
        calls(p.path()).last().unwrap(),
        "ARGS apply -no-color -input=false petgen.tfplan"
    );

    // No saved plan any more: apply plans first, and asks.
    with_stand_in(p.path(), &bin, &["apply", "--profile", "dev"])
        .write_stdin("no\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("apply cancelled"));
    assert_eq!(
        calls(p.path()).last().unwrap(),
        "ARGS plan -no-color -input=false -out=petgen.tfplan"
    );
    // Changing the profile makes the saved plan stale; --yes plans and auto-approves.
    fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx:1.28\"\n",
    )
    .unwrap();
    with_stand_in(p.path(), &bin, &["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let c = calls(p.path());
    assert_eq!(
        &c[c.len() - 2..],
        [
            "ARGS plan -no-color -input=false -out=petgen.tfplan",
            "ARGS apply -no-color -input=false -auto-approve petgen.tfplan"
        ]
    );
}

#[test]
fn destroy_needs_the_profile_name_typed() {
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    with_stand_in(p.path(), &bin, &["destroy", "--profile", "dev"])
        .write_stdin("yes\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("destroy cancelled"));
    // Initialised, to read what protects the state; nothing destroyed.
    assert_eq!(calls(p.path()), vec!["ARGS init -no-color -input=false"]);
    with_stand_in(p.path(), &bin, &["destroy", "--profile", "dev"])
        .write_stdin("dev\n")
        .assert()
        .success();
    assert_eq!(
        calls(p.path()).last().unwrap(),
        "ARGS destroy -no-color -input=false -auto-approve"
    );
    with_stand_in(p.path(), &bin, &["destroy", "--profile", "dev", "--yes"])
        .assert()
        .success();
}

/// The real binary: init cannot download the AWS provider here, and petgen must say so and
/// return terraform's exit code.
#[test]
fn the_real_terraform_gets_the_handoff_and_its_init_failure_is_reported() {
    if !common::terraform_tier() {
        return;
    }
    let p = project(&[("dev.toml", PROFILE)]);
    let out = petgen(p.path())
        .args(["plan", "--profile", "dev"])
        .env("HOME", p.path())
        .env("TF_IN_AUTOMATION", "1")
        // No route to the registry: the failure is immediate and the same with or without network.
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stderr.contains("petgen: using terraform 1."), "{stderr}");
    assert!(
        stderr.contains("petgen: running terraform init -no-color -input=false"),
        "{stderr}"
    );
    assert!(
        stdout.contains("Initializing"),
        "terraform's own output is streamed: {stdout}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "terraform init's exit code: {stderr}"
    );
    assert!(
        stderr.contains("error: terraform init failed in generated/dev (exit 1)"),
        "{stderr}"
    );
}

#[test]
fn terraform_gets_no_color_unless_colour_is_asked_for() {
    // Standard output here is a pipe: terraform is told -no-color, so logs hold no escapes.
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(p.path(), &bin, &["plan", "--profile", "dev"])
        .assert()
        .success();
    assert!(calls(p.path()).iter().all(|c| c.contains(" -no-color ")));
    // --color always: terraform keeps its colours.
    let p = project(&[("dev.toml", PROFILE)]);
    let bin = stand_in(p.path());
    with_stand_in(
        p.path(),
        &bin,
        &["--color", "always", "plan", "--profile", "dev"],
    )
    .assert()
    .success();
    let calls = calls(p.path());
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|c| !c.contains("-no-color")), "{calls:?}");
}
