//! The data-loss gate and the handoff's signals, with a stand-in terraform that serves plan
//! and state JSON fixtures in terraform's own format (tests/fixtures/plans/).

mod common;

use common::{petgen, project, repo, write_executable};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const PROFILE: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n";

/// A stand-in terraform: `show -json` prints $FAKE_TF_SHOW (a file), everything else is
/// logged to `dir/calls.log`.
fn stand_in(dir: &Path) -> PathBuf {
    let script = format!(
        r##"#!/bin/sh
log={log}
if [ "$1" = "version" ]; then echo '{{"terraform_version": "1.11.4"}}'; exit 0; fi
if [ "$1" = "providers" ]; then echo "PROVIDERS" >> "$log"; exit 1; fi
echo "ARGS $*" >> "$log"
case "$1" in
  init) mkdir -p .terraform; echo "# lock" > .terraform.lock.hcl ;;
  plan) echo "stand-in plan output"; touch petgen.tfplan ;;
  show) cat "$FAKE_TF_SHOW"; exit ${{FAKE_TF_EXIT_SHOW:-0}} ;;
  apply) echo "stand-in apply output" ;;
esac
exit 0
"##,
        log = dir.join("calls.log").display()
    );
    let path = dir.join("bin/terraform");
    write_executable(&path, &script);
    path
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/plans").join(name)
}

fn calls(dir: &Path) -> Vec<String> {
    fs::read_to_string(dir.join("calls.log"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The terraform given with --terraform also reads an initialised root's provider schema.
#[test]
fn the_terraform_given_reads_the_roots_schema_too() {
    let p = project(&[("dev.toml", PROFILE)]);
    let tf = stand_in(p.path());
    for _ in 0..2 {
        petgen(p.path())
            .args(["plan", "--profile", "dev", "--terraform"])
            .arg(&tf)
            .env("PATH", "/usr/bin:/bin")
            .env("FAKE_TF_SHOW", fixture("noop.json"))
            .assert()
            .success()
            .stderr(predicate::str::contains("not given with --terraform").not());
    }
    assert!(
        calls(p.path()).iter().any(|c| c == "PROVIDERS"),
        "{:?}",
        calls(p.path())
    );
}

fn applied(dir: &Path) -> bool {
    calls(dir).iter().any(|c| c.starts_with("ARGS apply"))
}

fn apply(dir: &Path, plan: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let tf = stand_in(dir);
    let mut cmd = petgen(dir);
    cmd.args(["apply", "--profile", "dev", "--yes", "--terraform"])
        .arg(&tf)
        .args(extra)
        .env("FAKE_TF_SHOW", fixture(plan));
    cmd.assert()
}

#[test]
fn a_plan_that_deletes_the_table_is_refused_and_never_applied() {
    let p = project(&[("dev.toml", PROFILE)]);
    apply(p.path(), "delete.json", &[])
        .code(1)
        .stderr(predicate::str::contains("Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy."))
        .stderr(predicate::str::contains(
            "error: refusing to apply: the plan would lose data",
        ))
        .stderr(predicate::str::contains(
            "destroy module.data.aws_dynamodb_table.pets (aws_dynamodb_table) because the configuration no longer has it: every item in the table would be lost",
        ))
        .stderr(predicate::str::contains(
            "--allow-destroy 'module.data.aws_dynamodb_table.pets'",
        ));
    assert!(!applied(p.path()), "{:?}", calls(p.path()));
}

#[test]
fn a_plan_that_replaces_the_table_and_the_pool_names_what_forces_it() {
    let p = project(&[("dev.toml", PROFILE)]);
    let out = apply(p.path(), "replace.json", &[])
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("replace module.data.aws_dynamodb_table.pets (aws_dynamodb_table) because hash_key cannot change in place"), "{err}");
    assert!(err.contains("replace module.auth.aws_cognito_user_pool.this (aws_cognito_user_pool) because username_attributes cannot change in place"), "{err}");
    // The task definition holds nothing: it is summarised, not refused.
    assert!(err.contains("-/+ module.service.aws_ecs_task_definition.this (replace): container_definitions cannot change in place"), "{err}");
    assert!(
        !err.contains(
            "replace module.service.aws_ecs_task_definition.this (aws_ecs_task_definition) because"
        ),
        "{err}"
    );
    assert!(!applied(p.path()));
}

#[test]
fn allow_destroy_names_each_address_that_may_go() {
    let p = project(&[("dev.toml", PROFILE)]);
    // One of the two is not enough.
    apply(
        p.path(),
        "replace.json",
        &["--allow-destroy", "module.data.aws_dynamodb_table.pets"],
    )
    .code(1)
    .stderr(predicate::str::contains(
        "module.auth.aws_cognito_user_pool.this",
    ));
    assert!(!applied(p.path()));
    apply(
        p.path(),
        "replace.json",
        &[
            "--allow-destroy",
            "module.data.aws_dynamodb_table.pets",
            "--allow-destroy",
            "module.auth.aws_cognito_user_pool.this",
        ],
    )
    .success()
    .stdout(predicate::str::contains("stand-in apply output"));
    assert!(applied(p.path()));

    let q = project(&[("dev.toml", PROFILE)]);
    apply(
        q.path(),
        "delete.json",
        &["--allow-destroy", "module.data.aws_dynamodb_table.pets"],
    )
    .success();
    assert!(applied(q.path()));
}

#[test]
fn no_op_and_update_plans_pass_the_gate() {
    for (plan, headline) in [
        ("noop.json", "Plan: no changes."),
        (
            "update.json",
            "Plan: 1 to add, 2 to change, 0 to replace, 0 to destroy.",
        ),
    ] {
        let p = project(&[("dev.toml", PROFILE)]);
        apply(p.path(), plan, &[])
            .success()
            .stderr(predicate::str::contains(headline))
            .stderr(predicate::str::contains("refusing").not());
        assert!(applied(p.path()), "{plan}");
    }
}

#[test]
fn an_allow_destroy_that_matches_nothing_is_said() {
    let p = project(&[("dev.toml", PROFILE)]);
    apply(p.path(), "noop.json", &["--allow-destroy", "module.data.aws_dynamodb_table.typo"])
        .success()
        .stderr(predicate::str::contains(
            "warning: --allow-destroy module.data.aws_dynamodb_table.typo matches no resource the plan deletes or replaces",
        ));
}

#[test]
fn a_plan_that_cannot_be_read_is_refused_with_the_reason() {
    for (plan, reason) in [
        ("bad.json", "it is not JSON"),
        ("empty.json", "terraform printed nothing"),
        (
            "unsupported.json",
            "its format_version is 2.0; petgen reads version 1.x",
        ),
        (
            "state.json",
            "it has neither resource_changes nor planned_values",
        ),
    ] {
        let p = project(&[("dev.toml", PROFILE)]);
        apply(p.path(), plan, &[])
            .code(1)
            .stderr(predicate::str::contains("cannot read the saved plan"))
            .stderr(predicate::str::contains(reason))
            .stderr(predicate::str::contains("nothing was applied"));
        assert!(!applied(p.path()), "{plan}");
    }
    // terraform show itself failing.
    let p = project(&[("dev.toml", PROFILE)]);
    let tf = stand_in(p.path());
    petgen(p.path())
        .args(["apply", "--profile", "dev", "--yes", "--terraform"])
        .arg(&tf)
        .env("FAKE_TF_SHOW", fixture("noop.json"))
        .env("FAKE_TF_EXIT_SHOW", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "exited with status 1; nothing was applied",
        ));
    assert!(!applied(p.path()));
}

#[test]
fn plan_prints_the_summary_and_markdown_for_a_pull_request() {
    let p = project(&[("dev.toml", PROFILE)]);
    let tf = stand_in(p.path());
    petgen(p.path())
        .args(["plan", "--profile", "dev", "--terraform"])
        .arg(&tf)
        .env("FAKE_TF_SHOW", fixture("replace.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("stand-in plan output"))
        .stderr(predicate::str::contains(
            "Plan: 0 to add, 1 to change, 3 to replace, 0 to destroy.",
        ))
        .stderr(predicate::str::contains(
            "note: petgen apply will refuse this plan unless given --allow-destroy",
        ));

    let out = petgen(p.path())
        .args([
            "plan",
            "--profile",
            "dev",
            "--format",
            "markdown",
            "--terraform",
        ])
        .arg(&tf)
        .env("FAKE_TF_SHOW", fixture("replace.json"))
        .assert()
        .success()
        .get_output()
        .clone();
    let md = String::from_utf8_lossy(&out.stdout);
    // Only the summary on stdout: terraform's own output went to stderr.
    assert!(
        md.starts_with(
            "### petgen plan: dev\n\n**Plan: 0 to add, 1 to change, 3 to replace, 0 to destroy.**"
        ),
        "{md}"
    );
    assert!(!md.contains("stand-in plan output"), "{md}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("stand-in plan output"));
    assert!(md.contains("| `-/+` | `module.data.aws_dynamodb_table.pets` | replace | hash_key cannot change in place | **yes**: every item in the table |"), "{md}");
    assert!(md.contains("`petgen apply` refuses this plan unless it is given:\n\n```\n--allow-destroy 'module.auth.aws_cognito_user_pool.this' --allow-destroy 'module.data.aws_dynamodb_table.pets'\n```\n"), "{md}");
}

#[test]
fn destroy_lists_the_protections_that_will_stop_it() {
    let p = project(&[("dev.toml", PROFILE)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let tf = stand_in(p.path());
    let out = petgen(p.path())
        .args(["destroy", "--profile", "dev", "--terraform"])
        .arg(&tf)
        .env("FAKE_TF_SHOW", fixture("state.json"))
        .write_stdin("no\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "protected resource(s) will stop this destroy",
        "module.data.aws_dynamodb_table.pets: deletion protection is on",
        "--no-deletion-protection-enabled",
        "module.auth.aws_cognito_user_pool.this: deletion protection is ACTIVE",
        "module.audit.aws_s3_bucket.trail: destroy fails while the bucket holds any object or object version",
        "module.registry.aws_ecr_repository.this: destroy fails while the repository holds images",
        "module.api.aws_lb.this: deletion protection is on",
        "destroy cancelled",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(!err.contains("aws_ecs_cluster"), "{err}");
    assert!(!calls(p.path())
        .iter()
        .any(|c| c.starts_with("ARGS destroy")));
}

#[test]
fn a_relative_terraform_path_works_from_the_roots_directory_too() {
    let p = project(&[("dev.toml", PROFILE)]);
    stand_in(p.path());
    petgen(p.path())
        .args(["plan", "--profile", "dev", "--terraform", "bin/terraform"])
        .env("FAKE_TF_SHOW", fixture("noop.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains("Plan: no changes."));
    let calls = calls(p.path());
    assert!(
        calls.iter().any(|c| c.starts_with("ARGS init")),
        "{calls:?}"
    );
    assert!(
        calls.iter().any(|c| c.starts_with("ARGS plan")),
        "{calls:?}"
    );
}

#[cfg(unix)]
mod signals {
    use super::*;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    fn wait_for(path: &Path) {
        let start = Instant::now();
        while !path.exists() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{} never appeared",
                path.display()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_terraform_killed_by_a_signal_is_reported_as_such() {
        let p = project(&[("dev.toml", PROFILE)]);
        let tf = p.path().join("bin/terraform");
        write_executable(
            &tf,
            "#!/bin/sh\nif [ \"$1\" = version ]; then echo '{\"terraform_version\": \"1.11.4\"}'; exit 0; fi\nif [ \"$1\" = providers ]; then exit 1; fi\nif [ \"$1\" = init ]; then mkdir -p .terraform; exit 0; fi\nkill -KILL $$\n",
        );
        petgen(p.path())
            .args(["plan", "--profile", "dev", "--terraform"])
            .arg(&tf)
            .assert()
            .code(128 + 9)
            .stderr(predicate::str::contains("terraform was killed by SIGKILL"))
            .stderr(predicate::str::contains("force-unlock"));
    }

    #[test]
    fn sigterm_to_petgen_reaches_terraform_once_and_petgen_waits_for_it() {
        let p = project(&[("dev.toml", PROFILE)]);
        let log = p.path().join("tf.log");
        let started = p.path().join("started");
        let tf = p.path().join("bin/terraform");
        write_executable(
            &tf,
            &format!(
                r#"#!/bin/sh
if [ "$1" = version ]; then echo '{{"terraform_version": "1.11.4"}}'; exit 0; fi
if [ "$1" = providers ]; then exit 1; fi
if [ "$1" = init ]; then mkdir -p .terraform; exit 0; fi
echo "start $1" >> {log}
trap 'echo "got TERM" >> {log}; sleep 0.3; echo "released the lock" >> {log}; exit 1' TERM
touch {started}
i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
echo "not stopped" >> {log}
"#,
                log = log.display(),
                started = started.display()
            ),
        );
        let child = Command::new(assert_cmd::cargo::cargo_bin("petgen"))
            .args(["plan", "--profile", "dev", "--terraform"])
            .arg(&tf)
            .current_dir(p.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for(&started);
        // To petgen alone, as a process manager or `kill PID` would send it.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(128 + 15), "{err}");
        assert!(err.contains("stopped by SIGTERM: terraform was asked to stop and has exited (status 1); nothing more was run"), "{err}");
        let tf_log = fs::read_to_string(&log).unwrap();
        assert_eq!(
            tf_log.lines().collect::<Vec<_>>(),
            ["start plan", "got TERM", "released the lock"],
            "terraform got the signal once and petgen waited for it to finish"
        );
    }
}

#[test]
fn a_plan_that_replaces_the_database_writer_is_refused_until_allowed() {
    let p = project(&[("dev.toml", PROFILE)]);
    let address = "module.data.aws_rds_cluster_instance.writer";
    let out = apply(p.path(), "replace-postgres.json", &[])
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("replace {address} (aws_rds_cluster_instance) because availability_zone cannot change in place")),
        "{err}"
    );
    assert!(
        err.contains("the service has no database while the writer is replaced"),
        "{err}"
    );
    assert!(!applied(p.path()));
    apply(
        p.path(),
        "replace-postgres.json",
        &["--allow-destroy", address],
    )
    .success();
    assert!(applied(p.path()));
}

#[test]
fn destroy_of_a_postgres_stack_names_the_cluster_protection_and_its_final_snapshot() {
    let p = project(&[("dev.toml", PROFILE)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let tf = stand_in(p.path());
    let out = petgen(p.path())
        .args(["destroy", "--profile", "dev", "--terraform"])
        .arg(&tf)
        .env("FAKE_TF_SHOW", fixture("state-postgres.json"))
        .write_stdin("no\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "module.data.aws_rds_cluster.this: deletion protection is on",
        "aws rds modify-db-cluster --db-cluster-identifier petstore-prod-postgres-pets --no-deletion-protection",
        "petstore-prod-postgres-pets-final (delete an older snapshot of that name first",
        "destroy cancelled",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    // Instances and the subnet group stop nothing.
    assert!(!err.contains("aws_rds_cluster_instance"), "{err}");
    assert!(!err.contains("aws_db_subnet_group"), "{err}");
}
