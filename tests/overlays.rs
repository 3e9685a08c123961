//! Overlays, the escape hatch: the user's own Terraform in `overlays/<profile>/*.tf` and
//! `overlays/all/*.tf`, copied into the rendered root beside petgen's files, and validated,
//! linted, costed and drawn with the rest.

mod common;

use common::{full_schema_path, petgen, project};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const DEV: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n";

const BUCKET: &str = r#"# Exports, the team's own bucket beside petgen's stack.
resource "aws_s3_bucket" "exports" {
  bucket = "petstore-dev-exports"
}

output "exports_bucket" {
  description = "The exports bucket."
  value       = aws_s3_bucket.exports.bucket
}

output "stack_vpc" {
  description = "The VPC petgen's network module made."
  value       = module.network.vpc_id
}
"#;

fn overlay(dir: &Path, folder: &str, name: &str, body: &str) {
    let d = dir.join("overlays").join(folder);
    fs::create_dir_all(&d).unwrap();
    fs::write(d.join(name), body).unwrap();
}

fn render(dir: &Path) -> assert_cmd::assert::Assert {
    petgen(dir).args(["render", "--profile", "dev"]).assert()
}

#[test]
fn an_overlay_resource_is_validated_linted_costed_and_drawn() {
    let p = project(&[("dev.toml", DEV)]);
    overlay(p.path(), "dev", "exports.tf", BUCKET);
    overlay(
        p.path(),
        "all",
        "tags.tf",
        "locals {\n  team = \"pets\"\n}\n",
    );
    render(p.path()).success();

    let copy = fs::read_to_string(p.path().join("generated/dev/exports.tf")).unwrap();
    assert!(
        copy.starts_with("# Copied by petgen from overlays/dev/exports.tf (your own Terraform)"),
        "{copy}"
    );
    assert!(copy.ends_with(BUCKET), "the user's text, byte for byte");
    assert!(p.path().join("generated/dev/tags.tf").is_file());

    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .success();
    petgen(p.path())
        .args(["validate", "generated/dev", "--provider-schema"])
        .arg(full_schema_path())
        .assert()
        .success()
        .stderr(predicate::str::contains("generated/dev: 0 errors"));
    petgen(p.path())
        .args([
            "lint",
            "--profile",
            "dev",
            "--fail-on",
            "never",
            "--select",
            "BKT",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("aws_s3_bucket.exports"));
    petgen(p.path())
        .args(["cost", "--profile", "dev", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("aws_s3_bucket"));
    petgen(p.path())
        .args(["graph", "--profile", "dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "aws_s3_bucket_exports[(\"S3 bucket<br/>exports\")]",
        ));

    // Gone from overlays/, gone from the root.
    fs::remove_file(p.path().join("overlays/dev/exports.tf")).unwrap();
    render(p.path()).success();
    assert!(!p.path().join("generated/dev/exports.tf").exists());
}

#[test]
fn references_into_petgens_modules_are_checked() {
    let p = project(&[("dev.toml", DEV)]);
    overlay(
        p.path(),
        "dev",
        "bad.tf",
        "output \"x\" {\n  value = module.network.no_such_output\n}\n",
    );
    render(p.path())
        .code(1)
        // Where the user wrote it: the overlay, not the copy that was never written.
        .stderr(predicate::str::contains("overlays/dev/bad.tf:2"))
        .stderr(predicate::str::contains("no_such_output"));
    assert!(
        !p.path().join("generated/dev").exists(),
        "nothing was written"
    );
}

#[test]
fn a_collision_with_petgens_names_names_both_files() {
    let p = project(&[("dev.toml", DEV)]);
    overlay(p.path(), "dev", "main.tf", "locals {}\n");
    render(p.path()).code(2).stderr(predicate::str::contains(
        "overlays/dev/main.tf has the name of a file petgen renders (generated/dev/main.tf)",
    ));

    let p = project(&[("dev.toml", DEV)]);
    overlay(p.path(), "all", "extra.tf", "locals {}\n");
    overlay(p.path(), "dev", "extra.tf", "locals {}\n");
    render(p.path())
        .code(2)
        .stderr(predicate::str::contains("overlays/all/extra.tf and"))
        .stderr(predicate::str::contains(
            "overlays/dev/extra.tf would both be generated/dev/extra.tf",
        ));

    // A block petgen declares too: both places are named.
    let p = project(&[("dev.toml", DEV)]);
    overlay(
        p.path(),
        "dev",
        "mine.tf",
        "output \"vpc_id\" {\n  value = \"x\"\n}\n",
    );
    render(p.path())
        .code(1)
        .stderr(predicate::str::contains(
            "output `vpc_id` is declared twice",
        ))
        .stderr(predicate::str::contains("overlays/dev/mine.tf"))
        .stderr(predicate::str::contains("generated/dev/outputs.tf"));
}
