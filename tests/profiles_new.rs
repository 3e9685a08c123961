//! `petgen profiles new`: a profile that renders, validates, lints clean and costs the first
//! time, in each region petgen ships prices for, standalone or extending another profile.

mod common;

use common::{petgen, project, repo};
use predicates::prelude::*;

/// The regions petgen ships prices for.
fn shipped() -> Vec<String> {
    petgen::cost::price_table::PriceTable::embedded()
        .regions()
        .map(str::to_string)
        .collect()
}

/// A project with the shipped profiles, so the new one must keep clear of their VPCs.
fn shipped_project() -> tempfile::TempDir {
    let p = project(&[]);
    for name in ["dev", "prod", "prod-alb"] {
        std::fs::copy(
            repo().join(format!("profiles/{name}.toml")),
            p.path().join(format!("profiles/{name}.toml")),
        )
        .unwrap();
    }
    p
}

fn render_and_check(dir: &std::path::Path, name: &str) {
    petgen(dir)
        .args(["render", "--profile", name])
        .assert()
        .success();
    // The whole gate: current, valid, lint clean (no warning or error), within budget.
    petgen(dir)
        .args(["check", "--profile", name])
        .assert()
        .success()
        .stderr(predicate::str::contains("petgen: checks passed"));
    petgen(dir)
        .args(["lint", "--profile", name])
        .assert()
        .success();
    petgen(dir)
        .args(["cost", "--profile", name])
        .assert()
        .success();
}

#[test]
fn a_new_profile_renders_validates_lints_clean_and_costs_in_every_shipped_region() {
    let p = shipped_project();
    let regions = shipped();
    assert!(regions.len() >= 9, "{regions:?}");
    for (i, region) in regions.iter().enumerate() {
        let name = format!("env{i}");
        petgen(p.path())
            .args(["profiles", "new", &name, "--region", region])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("profiles/{name}.toml")));
        let text = std::fs::read_to_string(p.path().join(format!("profiles/{name}.toml"))).unwrap();
        assert!(text.contains(&format!("region = \"{region}\"")), "{text}");
        render_and_check(p.path(), &name);
    }
    // Each took a VPC block of its own.
    let mut blocks: Vec<String> = (0..regions.len())
        .map(|i| {
            let text =
                std::fs::read_to_string(p.path().join(format!("profiles/env{i}.toml"))).unwrap();
            text.lines()
                .find(|l| l.starts_with("vpc_cidr"))
                .unwrap()
                .to_string()
        })
        .collect();
    blocks.sort();
    blocks.dedup();
    assert_eq!(blocks.len(), regions.len(), "{blocks:?}");
    let out = petgen(p.path())
        .args(["profiles", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        listed["profiles"].as_array().unwrap().len(),
        regions.len() + 3
    );
}

#[test]
fn from_a_profile_it_moves_only_what_belongs_to_a_region() {
    let p = shipped_project();
    petgen(p.path())
        .args([
            "profiles",
            "new",
            "prod-eu",
            "--region",
            "eu-west-1",
            "--from",
            "prod",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(p.path().join("profiles/prod-eu.toml")).unwrap();
    for line in [
        "extends = \"prod\"",
        "region = \"eu-west-1\"",
        "availability_zones = [\"euw1-az1\", \"euw1-az2\", \"euw1-az3\"]",
        // prod's VPC is 10.20.0.0/16 and dev's 10.0.0.0/16: the first free /16.
        "vpc_cidr = \"10.1.0.0/16\"",
        "private_subnet_cidrs = [\"10.1.100.0/24\", \"10.1.101.0/24\", \"10.1.102.0/24\"]",
        // The state bucket stays in prod's region.
        "[backend]\nregion = \"us-east-1\"",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    render_and_check(p.path(), "prod-eu");

    // Its table cannot replicate to its own region.
    petgen(p.path())
        .args([
            "profiles",
            "new",
            "prod-w2",
            "--region",
            "us-west-2",
            "--from",
            "prod",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(p.path().join("profiles/prod-w2.toml")).unwrap();
    assert!(text.contains("replica_regions = []"), "{text}");
    render_and_check(p.path(), "prod-w2");
}

#[test]
fn what_cannot_be_made_is_refused_and_nothing_is_written() {
    let p = shipped_project();
    std::fs::write(
        p.path().join("profiles/alb-cert.toml"),
        "extends = \"prod-alb\"\n[api]\ndomain_name = \"pets.acme.io\"\ncertificate_arn = \"arn:aws:acm:us-east-1:111122223333:certificate/abc\"\n[backend]\nkey = \"petstore/alb-cert.tfstate\"\n",
    )
    .unwrap();
    for (args, says) in [
        (vec!["dev", "--region", "eu-west-1"], "profiles/dev.toml exists already"),
        (vec!["Bad Name", "--region", "eu-west-1"], "cannot name a profile"),
        (vec!["x", "--region", "mars-1"], "is not an AWS region"),
        (vec!["x", "--region", "ap-south-2"], "petgen does not know the availability zones of ap-south-2"),
        (
            vec!["x", "--region", "eu-west-1", "--from", "alb-cert"],
            "profile alb-cert names resources of its own region that eu-west-1 cannot use: api.certificate_arn (us-east-1)",
        ),
        (vec!["x", "--region", "eu-west-1", "--from", "nope"], "no profile named \"nope\""),
    ] {
        let mut full = vec!["profiles", "new"];
        full.extend(args);
        petgen(p.path())
            .args(&full)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    assert!(!p.path().join("profiles/x.toml").exists());
    // A name too long for resource names: what was written does not load, so it goes.
    petgen(p.path())
        .args([
            "profiles",
            "new",
            "a-very-long-environment",
            "--region",
            "eu-west-1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!p
        .path()
        .join("profiles/a-very-long-environment.toml")
        .exists());
}
