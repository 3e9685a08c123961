//! Reading roots petgen did not write: module cycles and fan-out, long reference chains,
//! terraform's own rules for declarations, files petgen cannot read, heredoc container
//! definitions, and output into a closed pipe.
//!
//! The time limits below are not measurements: they stop a test that would otherwise run away
//! (these inputs once took minutes or grew memory without bound) and are many times what the
//! work needs.

mod common;

use common::petgen;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::Duration;

const RUNAWAY: Duration = Duration::from_secs(60);

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn call(name: &str, source: &str) -> String {
    format!("module \"{name}\" {{\n  source = \"{source}\"\n}}\n")
}

#[test]
fn a_module_that_calls_its_own_directory_is_a_cycle() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "main.tf", &call("me", "./"));
    for command in ["validate", "lint", "cost"] {
        petgen(root.path())
            .args([command, "."])
            .timeout(RUNAWAY)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("module cycle")
                    .and(predicate::str::contains("main.tf:1:1"))
                    .and(predicate::str::contains(". -> .")),
            );
    }
}

#[test]
fn a_child_that_calls_its_parent_is_a_cycle_named_with_its_chain() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "main.tf", &call("child", "./child"));
    write(root.path(), "child/main.tf", &call("back", "../"));
    petgen(root.path())
        .args(["validate", "."])
        .timeout(RUNAWAY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`module.child.module.back` (source = \"../\") calls a directory already on its call path: . -> ./child -> .",
        ));
}

/// Two calls per level, `levels` deep, down one chain of directories.
fn fan_out(root: &Path, levels: usize) {
    let mut dir = String::new();
    for _ in 0..levels {
        write(
            root,
            &format!("{dir}main.tf"),
            &format!("{}{}", call("a", "./m"), call("b", "./m")),
        );
        dir.push_str("m/");
    }
    write(
        root,
        &format!("{dir}main.tf"),
        "output \"leaf\" {\n  value = \"leaf\"\n}\n",
    );
}

#[test]
fn exponential_fan_out_stops_with_a_clear_error() {
    let root = tempfile::tempdir().unwrap();
    fan_out(root.path(), 30);
    petgen(root.path())
        .args(["validate", "."])
        .timeout(RUNAWAY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than 10000 module instances"));
}

#[test]
fn moderate_fan_out_is_read_in_full() {
    // 2^8 = 256 instances of one directory: fine, and every instance is checked.
    let root = tempfile::tempdir().unwrap();
    fan_out(root.path(), 8);
    petgen(root.path())
        .args(["validate", ".", "--format", "json"])
        .timeout(RUNAWAY)
        .assert()
        .code(0);
}

#[test]
fn nesting_deeper_than_the_bound_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    let mut dir = String::new();
    for _ in 0..40 {
        write(root.path(), &format!("{dir}main.tf"), &call("d", "./d"));
        dir.push_str("d/");
    }
    write(root.path(), &format!("{dir}main.tf"), "locals {}\n");
    petgen(root.path())
        .args(["validate", "."])
        .timeout(RUNAWAY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("petgen follows at most 32"));
}

#[test]
fn lint_follows_a_ten_thousand_resource_chain() {
    // Before: more than two minutes, from whole-configuration searches per reference.
    let root = tempfile::tempdir().unwrap();
    let mut text =
        String::from("resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n");
    for i in 0..10_000 {
        let prev = if i == 0 {
            "aws_vpc.v.id".to_string()
        } else {
            format!("aws_security_group.s{}.vpc_id", i - 1)
        };
        text.push_str(&format!(
            "resource \"aws_security_group\" \"s{i}\" {{\n  name        = \"s{i}\"\n  description = \"chain\"\n  vpc_id      = {prev}\n}}\n"
        ));
    }
    write(root.path(), "main.tf", &text);
    petgen(root.path())
        .args([
            "lint",
            ".",
            "--select",
            "SG",
            "--fail-on",
            "never",
            "--format",
            "json",
        ])
        .timeout(RUNAWAY)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("SG006"));
}

#[test]
fn moved_import_and_removed_name_addresses_not_values() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        r#"variable "group_id" {
  type = string
}

moved {
  from = aws_security_group.old
  to   = aws_security_group.new
}

removed {
  from = aws_instance.gone
  lifecycle {
    destroy = false
  }
}

import {
  to = aws_security_group.new
  id = var.group_id
}

resource "aws_security_group" "new" {
  name        = "new"
  description = "renamed from old"
}
"#,
    );
    petgen(root.path())
        .args(["validate", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 errors, 0 warnings"));
}

#[test]
fn an_undeclared_value_in_import_id_is_still_an_error() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        "import {\n  to = aws_security_group.new\n  id = var.missing\n}\n\nresource \"aws_security_group\" \"new\" {\n  name = \"new\"\n}\n",
    );
    petgen(root.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("undeclared-variable"));
}

#[test]
fn version_in_a_provider_block_is_a_deprecation_warning() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        "provider \"aws\" {\n  region  = \"us-east-1\"\n  version = \"~> 5.0\"\n}\n",
    );
    petgen(root.path())
        .args(["validate", "."])
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains("warning[deprecated]")
                .and(predicate::str::contains("main.tf:3:3"))
                .and(predicate::str::contains("required_providers")),
        );
}

#[test]
fn every_kind_of_duplicate_declaration_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    let once = r#"resource "aws_sqs_queue" "q" {}
data "aws_region" "here" {}
variable "v" {}
output "o" {
  value = var.v
}
locals {
  l = data.aws_region.here.name
}
module "m" {
  source = "./m"
}
"#;
    write(root.path(), "a.tf", once);
    // The same declarations again, in another file of the module.
    write(root.path(), "b.tf", once);
    write(root.path(), "m/main.tf", "locals {}\n");
    let out = petgen(root.path())
        .args(["validate", ".", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    for what in [
        "resource `aws_sqs_queue.q`",
        "data source `data.aws_region.here`",
        "variable `v`",
        "output `o`",
        "local value `l`",
        "module call `m`",
    ] {
        assert!(
            text.contains(&format!("{what} is declared twice")),
            "{what} not reported: {text}"
        );
    }
}

#[test]
fn json_configuration_files_are_refused_loudly() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "main.tf", "locals {\n  a = 1\n}\n");
    write(root.path(), "extra.tf.json", "{\"locals\": {\"b\": 2}}");
    for command in ["validate", "lint"] {
        petgen(root.path())
            .args([command, "."])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("extra.tf.json")
                    .and(predicate::str::contains("reads only native syntax")),
            );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        "\u{feff}variable \"x\" {\n  default = 1\n}\n\noutput \"y\" {\n  value = var.x\n}\n",
    );
    petgen(root.path()).args(["validate", "."]).assert().code(0);
}

#[test]
fn an_empty_block_label_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        "resource \"aws_sqs_queue\" \"\" {}\n\nvariable \"\" {}\n",
    );
    petgen(root.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("main.tf:1:1")
                .and(predicate::str::contains("main.tf:3:1"))
                .and(predicate::str::contains("empty-label")),
        );
}

#[test]
fn a_directory_without_terraform_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", "fn main() {}\n");
    for command in ["validate", "lint", "cost"] {
        petgen(dir.path())
            .args([command, "src"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no Terraform files in src"));
    }
}

#[test]
fn heredoc_container_definitions_are_linted() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        r#"variable "image" {
  type = string
}

variable "cpu" {
  type = number
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<EOF
[
  {
    "name": "app",
    "image": "${var.image}",
    "cpu": ${var.cpu},
    "essential": true,
    "privileged": true
  }
]
EOF
}
"#,
    );
    petgen(root.path())
        .args(["lint", ".", "--select", "ECS", "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("ECS005")
                .and(predicate::str::contains("ECS006"))
                .and(predicate::str::contains("container `app`")),
        );
}

/// Run petgen with its standard output a pipe whose reader has already gone, as in
/// `petgen rules | head -1` once head has exited: its exit status and stderr.
fn into_closed_pipe(cwd: &Path, args: &[&str]) -> (std::process::ExitStatus, String) {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("petgen"))
        .args(args)
        .current_dir(cwd)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap(), stderr)
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "main.tf",
        "resource \"aws_security_group\" \"s\" {\n  name = \"s\"\n}\n",
    );
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["lint", ".", "--format", "json", "--fail-on", "never"],
        &["lint", ".", "--fail-on", "never"],
        &["validate", ".", "--format", "json"],
        &["schema", "profile"],
    ] {
        // A test running beside this one may fork while the pipe is open, holding its read
        // end for a moment; then the write succeeds. A few attempts rule that out.
        let mut signalled = false;
        for _ in 0..5 {
            let (status, stderr) = into_closed_pipe(root.path(), args);
            assert!(stderr.is_empty(), "petgen {args:?} said: {stderr}");
            assert_ne!(status.code(), Some(101), "petgen {args:?} panicked");
            // Ended by SIGPIPE, as `cat` would be.
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                signalled = status.signal() == Some(13);
            }
            #[cfg(not(unix))]
            {
                signalled = true;
            }
            if signalled {
                break;
            }
        }
        assert!(signalled, "petgen {args:?} never met the closed pipe");
    }
}
