//! Whole-output snapshots (HCL and README) of fixture profiles that together exercise every
//! profile option.
//! The shipped profiles are pinned by generated/ and `render --check` instead.

mod common;

use petgen::pipeline::root::render_profile;
use petgen::profile::load_profile;

fn snapshot_of(name: &str) -> String {
    let dir = common::repo().join("tests/fixtures/profiles");
    let loaded = load_profile(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    // As `petgen render` does it: the templates, then the README drawn from the HCL.
    let root = render_profile(&loaded, &std::path::Path::new("generated").join(name))
        .expect("renders")
        .root;
    let mut out = String::new();
    for f in &root.files {
        out.push_str(&format!("=== {} ===\n{}\n", f.path.display(), f.contents));
    }
    out
}

#[test]
fn minimal_profile_uses_every_default() {
    insta::assert_snapshot!(snapshot_of("minimal"));
}

#[test]
fn two_azs_arm_autoscaling_replicas_optional_mfa() {
    insta::assert_snapshot!(snapshot_of("multi-az-arm"));
}

#[test]
fn provisioned_single_nat_no_logs_no_authorizer_mfa_on() {
    insta::assert_snapshot!(snapshot_of("provisioned-open"));
}

#[test]
fn extends_merges_parent_keys() {
    insta::assert_snapshot!(snapshot_of("child"));
}

#[test]
fn alarms_on_an_existing_topic_provisioned_no_insights_trail_with_reads() {
    insta::assert_snapshot!(snapshot_of("monitored"));
}
