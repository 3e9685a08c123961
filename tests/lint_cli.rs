//! `petgen lint`, `petgen rules` and `petgen rule` as a user runs them: waivers, inline
//! suppressions, output formats, selection and exit codes.

mod common;

use common::{petgen, project, repo};
use predicates::prelude::*;
use std::fs;

const BASE: &str = "[service]\nimage = \"nginx:1.27\"\n";

/// A project with one profile `x` (BASE plus `extra`), rendered into generated/x.
fn rendered(extra: &str) -> tempfile::TempDir {
    let p = project(&[("x.toml", format!("{BASE}{extra}").as_bytes())]);
    petgen(p.path())
        .args(["render", "--profile", "x"])
        .assert()
        .success();
    p
}

fn lint_json(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = petgen(dir)
        .args(["lint", "--format", "json"])
        .args(args)
        .env("PETGEN_TODAY", "2026-11-28")
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), v)
}

fn rules_of(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["address"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn shipped_prod_lints_clean_and_lists_its_waivers() {
    let (code, v) = lint_json(&repo(), &["--profile", "prod"]);
    assert_eq!(code, Some(0), "{v:#}");
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["warnings"], 0);
    let suppressed = v["suppressed"].as_array().unwrap();
    // Every waiver in the profile matches a finding.
    assert_eq!(suppressed.len(), common::waivers_in("prod"));
    assert!(suppressed
        .iter()
        .all(|f| f["suppressed"].as_str().is_some_and(|r| !r.is_empty())));
}

#[test]
fn shipped_dev_has_only_waived_findings_at_warning_or_above() {
    let (code, v) = lint_json(&repo(), &["--profile", "dev"]);
    assert_eq!(code, Some(0), "{v:#}");
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn findings_name_the_profile_key_that_fixes_them() {
    let p = rendered("");
    let (code, v) = lint_json(p.path(), &["--profile", "x", "--select", "DDB001"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        v["findings"][0]["fix"],
        "set data.point_in_time_recovery = true in profiles/x.toml"
    );
}

#[test]
fn a_waiver_without_a_reason_is_a_profile_error() {
    let p = project(&[("x.toml", format!("{BASE}[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\n").as_bytes())]);
    petgen(p.path())
        .args(["render", "--profile", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "profiles/x.toml:3:1: missing key `reason` in [[waivers]] (waivers[0])",
        ));
    let q = project(&[("x.toml", format!("{BASE}[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\nreason = \" \"\n").as_bytes())]);
    petgen(q.path())
        .args(["render", "--profile", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "profiles/x.toml:6:10: a waiver needs a reason (waivers[0].reason)",
        ));
}

#[test]
fn a_waiver_suppresses_and_is_reported_with_its_reason() {
    let p = rendered("[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\nreason = \"disposable data\"\n");
    let (_, v) = lint_json(p.path(), &["--profile", "x", "--select", "DDB001"]);
    assert!(rules_of(&v, "findings").is_empty(), "{v:#}");
    assert_eq!(v["suppressed"][0]["suppressed"], "disposable data");
}

#[test]
fn an_expired_waiver_is_a_finding_and_no_longer_suppresses() {
    let p = rendered("[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\nreason = \"until the drill\"\nexpires = \"2026-01-31\"\n");
    let (code, v) = lint_json(p.path(), &["--profile", "x", "--select", "DDB001,PG"]);
    assert_eq!(code, Some(1));
    let found = rules_of(&v, "findings");
    assert!(
        found.contains(&"PG001 module.data.aws_dynamodb_table.pets".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"DDB001 module.data.aws_dynamodb_table.pets".to_string()),
        "{found:?}"
    );
    let pg = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "PG001")
        .unwrap();
    assert!(pg["file"].as_str().unwrap().ends_with("profiles/x.toml"));
    assert_eq!(pg["line"], 3);
}

#[test]
fn an_unused_waiver_is_a_finding() {
    let p = rendered("[data]\npoint_in_time_recovery = true\n[[waivers]]\nrule = \"DDB001\"\nresource = \"module.data.aws_dynamodb_table.pets\"\nreason = \"no longer needed\"\n");
    let (code, v) = lint_json(p.path(), &["--profile", "x", "--select", "DDB001,PG"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules_of(&v, "findings"),
        vec!["PG002 module.data.aws_dynamodb_table.pets".to_string()]
    );
}

#[test]
fn inline_comments_suppress_in_hand_written_roots() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_subnet\" \"a\" {\n  # petgen:ignore NET003 NAT gateways only\n  vpc_id                  = \"vpc-1\"\n  cidr_block              = \"10.0.0.0/24\"\n  map_public_ip_on_launch = true\n}\n\n\
resource \"aws_subnet\" \"b\" {\n  #checkov:skip=CKV_AWS_130:public by design\n  vpc_id                  = \"vpc-1\"\n  cidr_block              = \"10.0.1.0/24\"\n  map_public_ip_on_launch = true\n}\n\n\
resource \"aws_subnet\" \"c\" {\n  vpc_id                  = \"vpc-1\"\n  cidr_block              = \"10.0.2.0/24\"\n  map_public_ip_on_launch = true\n}\n",
    )
    .unwrap();
    let (code, v) = lint_json(dir.path(), &[".", "--select", "NET003"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules_of(&v, "findings"),
        vec!["NET003 aws_subnet.c".to_string()]
    );
    let reasons: Vec<&str> = v["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["suppressed"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        vec!["NAT gateways only (inline)", "public by design (inline)"]
    );
}

/// A root with many deliberate problems: every one of them must be found.
#[test]
fn a_deliberately_insecure_root_fails_with_the_expected_findings() {
    let dir = common::root_with(
        "main.tf",
        r#"
provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "tasks" {
  name        = "tasks"
  description = "tasks"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_service" "this" {
  name = "petstore"

  network_configuration {
    subnets          = ["subnet-1"]
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = true
  }
}

resource "aws_apigatewayv2_route" "post" {
  api_id    = "abc"
  route_key = "POST /petstore/pets/{petId}"
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
"#,
    );
    let (code, v) = lint_json(dir.path(), &["."]);
    assert_eq!(code, Some(1));
    let found = rules_of(&v, "findings");
    for want in [
        "PRV001 provider.aws",
        "NET001 aws_vpc.this",
        "NET002 aws_vpc.this",
        "SG002 aws_security_group.tasks",
        "ECS003 aws_ecs_service.this",
        "ECS011 aws_security_group.tasks",
        "API001 aws_apigatewayv2_route.post",
        "API002 aws_apigatewayv2_route.post",
        "IAM001 aws_iam_policy.admin",
        "IAM002 aws_iam_policy.admin",
    ] {
        assert!(
            found.iter().any(|f| f == want),
            "missing {want} in {found:#?}"
        );
    }
    // The same root passes when only errors fail and every error rule is ignored.
    petgen(dir.path())
        .args([
            "lint",
            ".",
            "--fail-on",
            "error",
            "--ignore",
            "PRV,SG002,ECS,API002,IAM",
        ])
        .assert()
        .success();
}

#[test]
fn select_and_ignore_filter_by_prefix_and_unknown_prefixes_are_usage_errors() {
    let (_, v) = lint_json(
        &repo(),
        &["generated/dev", "--select", "LOG", "--ignore", "LOG003"],
    );
    let all: Vec<String> = rules_of(&v, "findings")
        .into_iter()
        .chain(rules_of(&v, "suppressed"))
        .collect();
    assert!(
        !all.is_empty()
            && all
                .iter()
                .all(|f| f.starts_with("LOG00") && !f.starts_with("LOG003")),
        "{all:?}"
    );
    petgen(&repo())
        .args(["lint", "generated/dev", "--select", "XYZ"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule ID starts with \"XYZ\""));
}

#[test]
fn fail_on_sets_the_threshold() {
    petgen(&repo())
        .args(["lint", "--profile", "dev", "--fail-on", "info"])
        .assert()
        .code(1);
    petgen(&repo())
        .args(["lint", "--profile", "dev", "--fail-on", "warning"])
        .assert()
        .success();
}

#[test]
fn human_output_is_grouped_with_snippets() {
    petgen(&repo())
        .args(["lint", "--profile", "dev", "--fail-on", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "── generated/dev/modules/http_api/main.tf ──",
        ))
        .stdout(predicate::str::contains(
            "info[LOG002]: module.api.aws_cloudwatch_log_group.access keeps logs for 7 days",
        ))
        .stdout(predicate::str::contains(
            "  = fix: set logs.retention_days = 365 in profiles/dev.toml",
        ))
        .stdout(predicate::str::contains(format!(
            "0 error(s), 0 warning(s), 2 info; {} waived",
            common::waivers_in("dev")
        )));
}

#[test]
fn github_annotations() {
    petgen(&repo())
        .args(["lint", "--profile", "dev", "--format", "github", "--fail-on", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains("::notice file=generated/dev/modules/http_api/main.tf,line=110,col=3,title=LOG002 log-retention-under-a-year::"));
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    if !common::sarif_tier() {
        return;
    }
    for profile in ["dev", "prod"] {
        let out = petgen(&repo())
            .args([
                "lint",
                "--profile",
                profile,
                "--format",
                "sarif",
                "--fail-on",
                "never",
            ])
            .output()
            .unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors = common::sarif_errors(&sarif);
        assert!(errors.is_empty(), "{profile}: {errors:#?}");
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
        assert!(
            results
                .iter()
                .filter(|r| r.get("suppressions").is_some())
                .count()
                >= 5
        );
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        // Markdown only where GitHub renders it; plain text elsewhere.
        assert!(rules.iter().all(|r| r["help"]["markdown"]
            .as_str()
            .is_some_and(|t| t.contains("**Why.**"))));
        for field in [
            "/shortDescription/text",
            "/fullDescription/text",
            "/help/text",
        ] {
            assert!(
                rules.iter().all(|r| r
                    .pointer(field)
                    .and_then(|t| t.as_str())
                    .is_some_and(|t| !t.is_empty() && !t.contains("**") && !t.contains("```"))),
                "{field} is not plain text"
            );
        }
        // Ranked and tagged for code scanning: security rules carry security-severity.
        let ddb002 = rules.iter().find(|r| r["id"] == "DDB002").unwrap();
        assert_eq!(ddb002["properties"]["category"], "security");
        assert!(ddb002["properties"]["security-severity"]
            .as_str()
            .is_some_and(|s| s.parse::<f64>().is_ok_and(|v| (0.0..=10.0).contains(&v))));
        let ddb001 = rules.iter().find(|r| r["id"] == "DDB001").unwrap();
        let tags = ddb001["properties"]["tags"].as_array().unwrap();
        assert!(tags.contains(&serde_json::json!("reliability")));
        assert!(tags.contains(&serde_json::json!("CKV_AWS_28")));
        assert!(ddb001["properties"].get("security-severity").is_none());
        let cost_rule = rules
            .iter()
            .find(|r| r["properties"]["category"] == "cost")
            .unwrap();
        assert!(cost_rule["properties"].get("security-severity").is_none());
        assert!(cost_rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("cost")));
    }
    // The validator can fail: a result without a message is rejected.
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "X"}]}]});
    assert!(!common::sarif_errors(&bad).is_empty());
}

#[test]
fn sarif_help_uris_point_at_the_rule_pages() {
    if !common::sarif_tier() {
        return;
    }
    let out = petgen(&repo())
        .env("PETGEN_DOCS_URL", "https://example.org/petgen/docs/rules")
        .args([
            "lint",
            "--profile",
            "prod",
            "--format",
            "sarif",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(common::sarif_errors(&sarif).is_empty());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            r["helpUri"],
            format!("https://example.org/petgen/docs/rules/{id}.md")
        );
        // ... and the page is in the repository.
        assert!(repo().join(format!("docs/rules/{id}.md")).is_file(), "{id}");
    }
    // Without a published location, the checkout's own pages (file: URLs that resolve).
    let out = petgen(&repo())
        .args([
            "lint",
            "--profile",
            "prod",
            "--format",
            "sarif",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
        .as_str()
        .unwrap()
        .to_string();
    let path = uri.strip_prefix("file://").expect("a file: URL");
    assert!(std::path::Path::new(path).is_file(), "{uri}");
}

#[test]
fn the_committed_rule_pages_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    petgen(&repo())
        .args(["rules", "--write-docs"])
        .arg(tmp.path())
        .assert()
        .success();
    let listing = |dir: &std::path::Path| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let want = listing(tmp.path());
    let have = listing(&repo().join("docs/rules"));
    assert_eq!(
        want.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        have.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "docs/rules lists other rules: run `petgen rules --write-docs docs/rules`"
    );
    for ((name, a), (_, b)) in want.iter().zip(&have) {
        assert_eq!(
            a, b,
            "docs/rules/{name} is stale: run `petgen rules --write-docs docs/rules`"
        );
    }
}

#[test]
fn a_rule_reads_as_text_on_a_terminal_and_as_its_page_in_markdown() {
    let text = petgen(&repo()).args(["rule", "DDB001"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("DDB001 "));
    assert!(!text.contains("**") && !text.contains("```") && !text.contains("# "));
    let md = petgen(&repo())
        .args(["rule", "DDB001", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(md.stdout).unwrap(),
        std::fs::read_to_string(repo().join("docs/rules/DDB001.md")).unwrap()
    );
    let json = petgen(&repo())
        .args(["rule", "DDB001", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["id"], "DDB001");
    assert!(v["checkov"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("CKV_AWS_28")));
}

#[test]
fn rules_lists_ids_with_checkov_mappings() {
    let out = petgen(&repo())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert!(list.len() >= 70);
    let ddb = list.iter().find(|r| r["id"] == "DDB001").unwrap();
    assert_eq!(
        ddb["checkov"],
        serde_json::json!(["CKV_AWS_28", "CKV_AWS_165"])
    );
    assert_eq!(ddb["category"], "reliability");
    petgen(&repo())
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains(
        "SG002   error    security     security-group-open-admin-ports  [CKV_AWS_24, CKV_AWS_25]",
    ));
}

#[test]
fn rule_prints_its_documentation() {
    petgen(&repo())
        .args(["rule", "ddb001"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("DDB001 dynamodb-pitr"))
        .stdout(predicate::str::contains("\nWhy. Without it"))
        .stdout(predicate::str::contains(
            "In a petgen profile: data.point_in_time_recovery = true.",
        ));
    petgen(&repo()).args(["rule", "NOPE1"]).assert().code(2);
}
