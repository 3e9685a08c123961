//! `petgen check`: the whole gate (drift, validation, lint, cost, budget) in one process, with
//! one exit code and one summary, validating against the embedded schema by default.

mod common;

use common::{petgen, project};
use predicates::prelude::*;
use std::fs;

const GOOD: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n";

fn rendered(profiles: &[(&str, &[u8])]) -> tempfile::TempDir {
    let p = project(profiles);
    petgen(p.path())
        .args(["render", "--all"])
        .assert()
        .success()
        // The main job validates with no flags and no schema file around.
        .stderr(predicate::str::contains(
            "validating against provider schema: embedded hashicorp/aws",
        ));
    p
}

#[test]
fn a_current_valid_root_passes_with_one_summary() {
    let p = rendered(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["check", "--profile", "dev"])
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains("provider schema: embedded hashicorp/aws 6.47.0")
                .and(predicate::str::contains("generated/dev is current"))
                .and(predicate::str::contains("estimated $"))
                .and(predicate::str::contains(
                    "petgen check: 1 profile(s) passed",
                )),
        );
}

#[test]
fn drift_fails_with_exit_1_and_names_the_profile() {
    let p = rendered(&[("dev.toml", GOOD), ("qa.toml", GOOD)]);
    let main = p.path().join("generated/qa/main.tf");
    let text = fs::read_to_string(&main).unwrap();
    fs::write(
        &main,
        text.replacen("module \"network\"", "module \"netw0rk\"", 1),
    )
    .unwrap();
    petgen(p.path())
        .args(["check", "--all"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("generated/dev is current").and(
            predicate::str::contains("petgen check: 1 of 2 profile(s) failed: qa"),
        ));
}

#[test]
fn the_committed_root_is_validated_against_the_schema_in_use() {
    // A schema in which aws_vpc has no `cidr_block`: the current root now fails validation.
    let p = rendered(&[("dev.toml", GOOD)]);
    let text = fs::read_to_string(common::repo().join("schemas/aws-6.47.0.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let attrs = doc["provider_schemas"]["registry.terraform.io/hashicorp/aws"]["resource_schemas"]
        ["aws_vpc"]["block"]["attributes"]
        .as_object_mut()
        .expect("aws_vpc attributes");
    assert!(attrs.remove("cidr_block").is_some());
    let schema = p.path().join("doctored.json");
    fs::write(&schema, doc.to_string()).unwrap();
    petgen(p.path())
        .args(["check", "--profile", "dev", "--provider-schema"])
        .arg(&schema)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("cidr_block")
                .and(predicate::str::contains("validation error(s)"))
                .and(predicate::str::contains("failed: dev")),
        );
}

#[test]
fn over_budget_fails() {
    let p = rendered(&[(
        "dev.toml",
        b"budget_usd_per_month = 5\n[service]\nimage = \"nginx:1.27\"\n",
    )]);
    petgen(p.path())
        .args(["check", "--profile", "dev"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("checks failed").and(predicate::str::contains("CST")));
}

#[test]
fn a_bad_profile_is_a_usage_error_that_points_into_it() {
    let p = project(&[("dev.toml", b"[service]\ncpu = 3\n")]);
    petgen(p.path())
        .args(["check", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("profiles/dev.toml:2:"));
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["check", "--profile", "nope"])
        .assert()
        .code(2);
}

#[test]
fn an_explicit_schema_wins_and_is_named() {
    let p = rendered(&[("dev.toml", GOOD)]);
    let schema = common::repo().join("schemas/aws-6.47.0.json");
    petgen(p.path())
        .args(["check", "--profile", "dev", "--provider-schema"])
        .arg(&schema)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            "provider schema: {}",
            schema.display()
        )));
}
