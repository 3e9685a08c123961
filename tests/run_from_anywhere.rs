//! Commands run from anywhere inside the project, as cargo does: the nearest folder above that
//! holds `profiles/` is the project, and the default folders are found there.

mod common;

use common::{petgen, project};
use predicates::prelude::*;

const DEV: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n\n[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\nreason = \"test data\"\n";

#[test]
fn lint_cost_and_check_from_inside_a_rendered_root_use_its_profile() {
    let p = project(&[("dev.toml", DEV)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let inside = p.path().join("generated/dev");
    // The waiver in profiles/dev.toml, one folder up from here... two, in fact.
    petgen(&inside)
        .args(["lint", "--fail-on", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 waived"));
    petgen(&inside)
        .args(["check", "--profile", "dev"])
        .assert()
        .success()
        .stderr(predicate::str::contains("generated/dev is current"));
    petgen(&inside.join("modules"))
        .args(["cost", "--profile", "dev"])
        .assert()
        .success();
    petgen(&inside)
        .args(["profiles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("dev"));
}

#[test]
fn check_before_the_first_render_says_to_render() {
    let p = project(&[("dev.toml", DEV)]);
    petgen(p.path())
        .args(["check", "--profile", "dev"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "generated/dev does not exist: profile dev has not been rendered yet",
        ))
        .stderr(predicate::str::contains(
            "render it first: petgen render --profile dev",
        ))
        .stdout(predicate::str::is_empty());
}

#[test]
fn an_error_is_said_once() {
    let p = project(&[]);
    petgen(p.path())
        .args(["profiles", "--profiles", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: error:").not())
        .stderr(predicate::str::starts_with(
            "error: cannot read profile directory nope",
        ));
    petgen(p.path())
        .args(["render", "--all", "--profiles", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: error:").not());
}
