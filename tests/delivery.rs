//! `petgen plan | apply` for a profile that builds the pet service: the image's content-hash
//! tag, the registry created first, then build, login and push, then the stack. Stand-in
//! terraform, docker/podman and aws record their argv, working directory and order.

mod common;

use common::{petgen, project, repo, write_executable};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const BUILDS: &[u8] = b"[project]\nname = \"petstore\"\n";
const BUILDS_ARM: &[u8] = b"[service]\narchitecture = \"ARM64\"\ncpu = 512\nmemory = 1024\n";
const BRINGS_ITS_OWN: &[u8] = b"[service]\nimage = \"registry.example.com/petstore:1.4.0\"\n";
const REPO_URL: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com/petstore-dev";

/// A project with `profiles/dev.toml`, a service to build, and stand-ins in `bin/`.
struct Project {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Project {
    fn new(profile: &[u8]) -> Project {
        let dir = project(&[("dev.toml", profile)]);
        let root = dir.path();
        fs::create_dir_all(root.join("service/src")).unwrap();
        fs::create_dir_all(root.join("contracts")).unwrap();
        fs::write(root.join("service/Dockerfile"), "FROM scratch\n").unwrap();
        fs::write(root.join("service/src/main.rs"), "fn main() {}\n").unwrap();
        fs::write(
            root.join("service/Cargo.toml"),
            "[package]\nname = \"petstore\"\n",
        )
        .unwrap();
        fs::write(root.join("Cargo.toml"), "[workspace]\n").unwrap();
        fs::write(root.join("Cargo.lock"), "version = 4\n").unwrap();
        fs::write(root.join("contracts/pets-table.json"), "{}\n").unwrap();
        let bin = root.join("bin");
        fs::create_dir_all(&bin).unwrap();
        // The stand-ins' own tools, and nothing else: a docker or podman installed on the
        // machine must never be found by these tests.
        let sys = root.join("sys");
        fs::create_dir_all(&sys).unwrap();
        for tool in ["sh", "cat", "tr", "basename", "touch", "mkdir"] {
            let found = ["/bin", "/usr/bin"]
                .iter()
                .map(|d| Path::new(d).join(tool))
                .find(|p| p.exists())
                .unwrap_or_else(|| panic!("{tool} is on this machine"));
            std::os::unix::fs::symlink(found, sys.join(tool)).unwrap();
        }
        let log = root.join("calls.log");
        let state = root.join("state");
        fs::create_dir_all(&state).unwrap();
        let (log, state) = (log.display(), state.display());
        write_executable(
            &bin.join("terraform"),
            &format!(
                r##"#!/bin/sh
if [ "$1" = "version" ]; then echo '{{"terraform_version": "1.11.4"}}'; exit 0; fi
if [ "$1" = "providers" ]; then exit 1; fi
echo "terraform $*" >> {log}
echo "  cwd $(pwd)" >> {log}
case "$1" in
  init) mkdir -p .terraform; echo "# lock" > .terraform.lock.hcl ;;
  plan)
    case "$*" in
      *-target=module.registry*)
        if [ -f {state}/registry ]; then exit 0; fi
        touch petgen-registry.tfplan; exit ${{FAKE_TF_REGISTRY_PLAN_EXIT:-2}} ;;
      *) touch petgen.tfplan ;;
    esac ;;
  apply)
    case "$*" in *petgen-registry.tfplan*) touch {state}/registry ;; esac
    exit ${{FAKE_TF_EXIT_APPLY:-0}} ;;
  show)
    case "$*" in
      *petgen-registry.tfplan*) if [ -n "$FAKE_TF_REGISTRY_SHOW" ]; then cat "$FAKE_TF_REGISTRY_SHOW"; exit 0; fi ;;
    esac
    case "$*" in *.tfplan*) echo '{{"format_version":"1.2","resource_changes":[]}}'; exit 0 ;; esac
    if [ -f {state}/registry ]; then
      echo '{{"values":{{"root_module":{{"child_modules":[{{"address":"module.registry","resources":[{{"address":"module.registry.aws_ecr_repository.this","values":{{"name":"petstore-dev","repository_url":"{REPO_URL}"}}}}]}}]}}}}}}'
    else
      echo '{{}}'
    fi ;;
esac
"##
            ),
        );
        let docker = format!(
            r##"#!/bin/sh
echo "$(basename "$0") $*" >> {log}
echo "  cwd $(pwd)" >> {log}
last=""; for a in "$@"; do last="$a"; done
mark=$(echo "$last" | tr '/:' '__')
case "$1" in
  --version) case "$(basename "$0")" in podman) echo "podman version 5.4.2" ;; *) echo "Docker version 28.2.2" ;; esac ;;
  buildx) [ "$(basename "$0")" = podman ] && exit 125 ;;
  image) [ -f {state}/built-$mark ] && exit 0; exit 1 ;;
  build)
    [ "$FAKE_FAIL" = build ] && {{ echo "build broke" >&2; exit 1; }}
    tag=""; prev=""; for a in "$@"; do [ "$prev" = "--tag" ] && tag="$a"; prev="$a"; done
    touch {state}/built-$(echo "$tag" | tr '/:' '__') ;;
  login)
    echo "  stdin $(cat)" >> {log}
    [ "$FAKE_FAIL" = docker-login ] && {{ echo "denied" >&2; exit 1; }} ;;
  push)
    [ "$FAKE_FAIL" = push ] && {{ echo "push refused" >&2; exit 1; }}
    touch {state}/pushed-${{last##*:}} ;;
esac
exit 0
"##
        );
        write_executable(&bin.join("docker"), &docker);
        write_executable(&root.join("alt/podman"), &docker);
        write_executable(
            &bin.join("aws"),
            &format!(
                r##"#!/bin/sh
echo "aws $*" >> {log}
case "$2" in
  describe-images)
    [ "$FAKE_FAIL" = describe ] && {{ echo "An error occurred (ExpiredTokenException): token expired" >&2; exit 254; }}
    for a in "$@"; do case "$a" in imageTag=*) tag=${{a#imageTag=}} ;; esac; done
    [ -f {state}/pushed-$tag ] && {{ echo '{{"imageDetails": []}}'; exit 0; }}
    echo "An error occurred (ImageNotFoundException) when calling the DescribeImages operation" >&2; exit 254 ;;
  get-login-password)
    [ "$FAKE_FAIL" = aws-login ] && {{ echo "Unable to locate credentials" >&2; exit 253; }}
    echo "s3cr3t-ecr-password" ;;
esac
"##
            ),
        );
        Project { dir, bin }
    }

    /// PATH: the stand-ins, `extra` directories, and the few system tools they use.
    fn path(&self, extra: &[&Path]) -> String {
        let mut dirs = vec![self.bin.display().to_string()];
        dirs.extend(extra.iter().map(|d| d.display().to_string()));
        dirs.push(self.root().join("sys").display().to_string());
        dirs.join(":")
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// petgen with the stand-ins on PATH (and nothing else but the system).
    fn petgen(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = petgen(self.root());
        cmd.args(args).env("PATH", self.path(&[]));
        cmd
    }

    /// Every recorded call (command lines only), in order.
    fn calls(&self) -> Vec<String> {
        fs::read_to_string(self.root().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.starts_with("  "))
            .map(str::to_string)
            .collect()
    }

    fn log(&self) -> String {
        fs::read_to_string(self.root().join("calls.log")).unwrap_or_default()
    }

    fn clear_log(&self) {
        let _ = fs::remove_file(self.root().join("calls.log"));
    }
}

/// The `-var image_tag=...` value of the last terraform plan.
fn planned_tag(calls: &[String]) -> String {
    calls
        .iter()
        .rev()
        .find(|c| c.starts_with("terraform plan -no-color -input=false -out=petgen.tfplan"))
        .and_then(|c| c.split("image_tag=").nth(1))
        .map(|t| t.split_whitespace().next().unwrap_or_default().to_string())
        .expect("a plan with an image tag")
}

#[test]
fn the_first_apply_creates_the_registry_then_builds_logs_in_pushes_and_applies() {
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("built and pushed"))
        .stderr(predicate::str::contains("s3cr3t-ecr-password").not());
    let calls = p.calls();
    let tag = planned_tag(&calls);
    assert!(tag.ends_with("-amd64") && tag.len() == 16 + 6, "{tag}");
    let image = format!("{REPO_URL}:{tag}");
    assert_eq!(
        calls,
        vec![
            "terraform init -no-color -input=false".to_string(),
            format!("terraform plan -no-color -input=false -detailed-exitcode -target=module.registry -out=petgen-registry.tfplan -var image_tag={tag}"),
            "terraform show -json petgen-registry.tfplan".to_string(),
            "terraform apply -no-color -input=false petgen-registry.tfplan".to_string(),
            "terraform show -json".to_string(),
            format!("aws ecr describe-images --region us-east-1 --repository-name petstore-dev --image-ids imageTag={tag} --output json"),
            format!("docker image inspect {image}"),
            "docker --version".to_string(),
            "docker buildx version".to_string(),
            // No provenance or SBOM attestations: one manifest per image, for the lifecycle rule.
            format!("docker build --platform linux/amd64 --provenance=false --sbom=false --file service/Dockerfile --tag {image} ."),
            "aws ecr get-login-password --region us-east-1".to_string(),
            "docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com".to_string(),
            format!("docker push {image}"),
            format!("terraform plan -no-color -input=false -out=petgen.tfplan -var image_tag={tag}"),
            "terraform show -json petgen.tfplan".to_string(),
            "terraform apply -no-color -input=false -auto-approve petgen.tfplan".to_string(),
        ]
    );
    let log = p.log();
    // The password reaches docker on stdin only; the build runs in the workspace root.
    assert!(log.contains("  stdin s3cr3t-ecr-password"));
    let root = fs::canonicalize(p.root()).unwrap();
    let build_cwd = log
        .lines()
        .skip_while(|l| !l.starts_with("docker build"))
        .nth(1)
        .unwrap();
    assert_eq!(build_cwd, format!("  cwd {}", root.display()));
    let tf_cwd = log.lines().nth(1).unwrap();
    assert_eq!(
        tf_cwd,
        format!("  cwd {}", root.join("generated/dev").display())
    );
    assert!(!p
        .root()
        .join("generated/dev/petgen-registry.tfplan")
        .exists());
}

#[test]
fn unchanged_source_keeps_the_tag_and_nothing_is_rebuilt_or_pushed() {
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let first = planned_tag(&p.calls());
    p.clear_log();
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already in the registry"));
    let calls = p.calls();
    assert_eq!(planned_tag(&calls), first);
    assert!(!calls.iter().any(|c| c.starts_with("docker")), "{calls:?}");
    assert!(!calls.iter().any(|c| c.contains("get-login-password")));
    // The registry exists, so its targeted plan had nothing to do.
    assert!(!calls
        .iter()
        .any(|c| c.contains("petgen-registry.tfplan") && c.starts_with("terraform apply")));

    // A source change is a new tag, built and pushed.
    fs::write(
        p.root().join("service/src/main.rs"),
        "fn main() { println!(); }\n",
    )
    .unwrap();
    p.clear_log();
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let calls = p.calls();
    let second = planned_tag(&calls);
    assert_ne!(second, first);
    assert!(calls.iter().any(|c| c.starts_with("docker build")));
    assert!(calls
        .iter()
        .any(|c| c == &format!("docker push {REPO_URL}:{second}")));

    // Build output is not an input (.dockerignore leaves it out): the tag stays.
    fs::create_dir_all(p.root().join("service/target/release")).unwrap();
    fs::write(p.root().join("service/target/release/petstore"), "binary").unwrap();
    p.clear_log();
    p.petgen(&["plan", "--profile", "dev"]).assert().success();
    assert_eq!(planned_tag(&p.calls()), second);

    // A hidden file is in the build context, and may change the build (.cargo/config.toml).
    fs::create_dir_all(p.root().join("service/.cargo")).unwrap();
    fs::write(p.root().join("service/.cargo/config.toml"), "[build]\n").unwrap();
    p.clear_log();
    p.petgen(&["plan", "--profile", "dev"]).assert().success();
    assert_ne!(planned_tag(&p.calls()), second);
}

#[test]
fn plan_passes_the_tag_and_builds_nothing() {
    let p = Project::new(BUILDS);
    p.petgen(&["plan", "--profile", "dev"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "petgen apply builds and pushes it",
        ));
    let calls = p.calls();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert_eq!(calls[2], "terraform show -json petgen.tfplan");
    assert!(calls[1]
        .starts_with("terraform plan -no-color -input=false -out=petgen.tfplan -var image_tag="));
    // apply then uses the saved plan: the registry and image steps, then the saved plan.
    p.clear_log();
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let calls = p.calls();
    assert_eq!(
        calls.last().unwrap(),
        "terraform apply -no-color -input=false -auto-approve petgen.tfplan"
    );
    // The registry was created by this apply, so the saved plan was made again after it.
    assert_eq!(
        calls
            .iter()
            .filter(|c| c.starts_with("terraform plan -no-color -input=false -out=petgen.tfplan"))
            .count(),
        1
    );
}

#[test]
fn arm64_profiles_build_for_linux_arm64_with_their_own_tag() {
    let p = Project::new(BUILDS_ARM);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let calls = p.calls();
    let tag = planned_tag(&calls);
    assert!(tag.ends_with("-arm64"), "{tag}");
    assert!(calls
        .iter()
        .any(|c| c.starts_with("docker build --platform linux/arm64 ")));
    // Same source, other architecture: another tag.
    let amd = Project::new(BUILDS);
    for f in ["service/src/main.rs", "service/Dockerfile"] {
        assert_eq!(
            fs::read(p.root().join(f)).unwrap(),
            fs::read(amd.root().join(f)).unwrap()
        );
    }
    amd.petgen(&["plan", "--profile", "dev"]).assert().success();
    let amd_tag = planned_tag(&amd.calls());
    assert!(amd_tag.ends_with("-amd64"));
    assert_ne!(amd_tag[..16], tag[..16]);
}

#[test]
fn a_profile_that_brings_its_own_image_skips_the_build_and_the_push() {
    let p = Project::new(BRINGS_ITS_OWN);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .success();
    assert_eq!(
        p.calls(),
        vec![
            "terraform init -no-color -input=false",
            "terraform plan -no-color -input=false -out=petgen.tfplan",
            "terraform show -json petgen.tfplan",
            "terraform apply -no-color -input=false -auto-approve petgen.tfplan",
        ]
    );
    // No container tool is needed either.
    petgen(p.root())
        .args(["apply", "--profile", "dev", "--yes", "--terraform"])
        .arg(p.bin.join("terraform"))
        .env("PATH", p.root().join("sys"))
        .assert()
        .success();
}

#[test]
fn a_missing_container_tool_stops_before_terraform_runs() {
    let p = Project::new(BUILDS);
    fs::remove_file(p.bin.join("docker")).unwrap();
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no container tool: not given with --container-tool, not in PETGEN_CONTAINER_TOOL, and neither docker nor podman is on PATH",
        ));
    assert!(p.calls().is_empty(), "{:?}", p.calls());

    // podman on PATH is found when docker is not; so are the flag and the variable.
    let alt = p.root().join("alt");
    let mut cmd = petgen(p.root());
    cmd.args(["apply", "--profile", "dev", "--yes"])
        .env("PATH", p.path(&[&alt]));
    cmd.assert().success();
    // podman makes no attestations and knows no flag to turn them off.
    assert!(p
        .calls()
        .iter()
        .any(|c| c.starts_with("podman build --platform linux/amd64 --file")));
    p.clear_log();
    p.petgen(&["apply", "--profile", "dev", "--yes", "--container-tool"])
        .arg(alt.join("podman"))
        .env("FAKE_UNUSED", "1")
        .assert()
        .success();
    p.clear_log();
    fs::write(p.root().join("service/src/lib.rs"), "// new\n").unwrap();
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .env("PETGEN_CONTAINER_TOOL", alt.join("podman"))
        .assert()
        .success();
    assert!(p.calls().iter().any(|c| c.starts_with("podman push")));
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .env("PETGEN_CONTAINER_TOOL", p.root().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PETGEN_CONTAINER_TOOL"));
}

#[test]
fn every_failing_step_stops_before_the_stack_is_applied_and_is_named() {
    for (fail, step) in [
        ("describe", "check the registry"),
        ("build", "build"),
        ("aws-login", "log in"),
        ("docker-login", "log in"),
        ("push", "push"),
    ] {
        let p = Project::new(BUILDS);
        p.petgen(&["apply", "--profile", "dev", "--yes"])
            .env("FAKE_FAIL", fail)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "error: image delivery failed at step \"{step}\""
            )))
            .stderr(predicate::str::contains("the stack was not applied"))
            .stderr(predicate::str::contains("s3cr3t-ecr-password").not());
        let calls = p.calls();
        assert!(
            !calls.iter().any(|c| c
                .starts_with("terraform plan -no-color -input=false -out=petgen.tfplan")
                || c == "terraform apply -no-color -input=false -auto-approve petgen.tfplan"),
            "{fail}: {calls:?}"
        );
    }

    // The registry's own apply failing stops everything after it.
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .env("FAKE_TF_EXIT_APPLY", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "failed at step \"create the registry\"",
        ));
    assert!(!p
        .calls()
        .iter()
        .any(|c| c.starts_with("docker") || c.starts_with("aws")));

    // And so does its plan.
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .env("FAKE_TF_REGISTRY_PLAN_EXIT", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "failed at step \"create the registry\"",
        ));
}

#[test]
fn without_yes_the_registry_waits_for_confirmation() {
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev"])
        .write_stdin("no\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Apply this to the image repository (module.registry)",
        ))
        .stderr(predicate::str::contains("apply cancelled"));
    assert!(!p.calls().iter().any(|c| c.starts_with("terraform apply")));
    // Confirming both steps applies everything.
    p.clear_log();
    p.petgen(&["apply", "--profile", "dev"])
        .write_stdin("yes\nyes\n")
        .assert()
        .success();
    assert_eq!(
        p.calls().last().unwrap(),
        "terraform apply -no-color -input=false petgen.tfplan"
    );
}

#[test]
fn a_missing_service_directory_is_a_usage_error() {
    let p = Project::new(BUILDS);
    fs::remove_dir_all(p.root().join("service")).unwrap();
    p.petgen(&["plan", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("service/Dockerfile not found"))
        .stderr(predicate::str::contains("set service.image"));
    assert!(p.calls().is_empty());
}

#[test]
fn destroy_passes_a_tag_so_terraform_has_every_variable() {
    let p = Project::new(BUILDS);
    p.petgen(&["render", "--profile", "dev"]).assert().success();
    p.petgen(&["destroy", "--profile", "dev", "--yes"])
        .assert()
        .success();
    let calls = p.calls();
    assert!(
        calls
            .last()
            .unwrap()
            .starts_with("terraform destroy -no-color -input=false -auto-approve -var image_tag="),
        "{calls:?}"
    );
}

#[test]
fn a_registry_plan_that_replaces_the_repository_passes_the_data_loss_gate_first() {
    let p = Project::new(BUILDS);
    p.petgen(&["apply", "--profile", "dev", "--yes"])
        .env(
            "FAKE_TF_REGISTRY_SHOW",
            repo().join("tests/fixtures/plans/registry-replace.json"),
        )
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "replace module.registry.aws_ecr_repository.this (aws_ecr_repository) because name cannot change in place: every image in the repository would be lost",
        ));
    assert!(
        !p.calls().iter().any(|c| c.starts_with("terraform apply")),
        "{:?}",
        p.calls()
    );
}
