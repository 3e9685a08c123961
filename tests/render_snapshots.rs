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
fn alb_without_redirect_or_waf_with_an_alias_record_and_both_methods_protected() {
    insta::assert_snapshot!(snapshot_of("alb-lean"));
}

#[test]
fn http_api_on_a_custom_domain_with_an_issued_certificate() {
    insta::assert_snapshot!(snapshot_of("http-domain"));
}

/// The shipped ALB profile, beside generated/prod-alb: its listener rules are the product.
#[test]
fn shipped_prod_alb() {
    let loaded = load_profile(&common::repo().join("profiles"), "prod-alb").expect("loads");
    let root = render_profile(&loaded, std::path::Path::new("generated/prod-alb"))
        .expect("renders")
        .root;
    let api = root
        .files
        .iter()
        .find(|f| f.path == std::path::Path::new("modules/alb/main.tf"))
        .expect("an alb module");
    insta::assert_snapshot!(api.contents);
}

#[test]
fn alarms_on_an_existing_topic_provisioned_no_insights_trail_with_reads() {
    insta::assert_snapshot!(snapshot_of("monitored"));
}
