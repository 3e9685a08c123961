//! `petgen validate` as a user runs it: exit codes, output formats, schema sources.

mod common;

use common::{petgen, repo};
use predicates::prelude::*;
use std::fs;

fn schema() -> std::path::PathBuf {
    common::full_schema_path()
}

#[test]
fn shipped_roots_validate_with_zero_errors_and_zero_warnings() {
    for root in ["generated/dev", "generated/prod"] {
        petgen(&repo())
            .args(["validate", root, "--provider-schema"])
            .arg(schema())
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "{root}: 0 errors, 0 warnings (provider schema:"
            )));
    }
}

#[test]
fn the_schema_can_come_from_the_environment() {
    petgen(&repo())
        .args(["validate", "generated/dev"])
        .env("PETGEN_PROVIDER_SCHEMA", schema())
        .assert()
        .success()
        .stderr(predicate::str::contains("(provider schema:"));
}

#[test]
fn without_a_schema_the_embedded_one_checks_what_it_covers_and_says_what_it_does_not() {
    let dir = common::root_with(
        "main.tf",
        "output \"x\" {\n  value = var.missing\n}\n\nresource \"aws_vpc\" \"v\" {\n  cidr = \"10.0.0.0/16\"\n}\n\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"jobs\"\n}\n",
    );
    petgen(dir.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[undeclared-variable]: reference to undeclared variable `var.missing`",
        ))
        .stderr(predicate::str::contains("--> ./main.tf:2:11"))
        // aws_vpc is one of the types petgen renders: checked.
        .stderr(predicate::str::contains("error[unknown-argument]: unknown argument `cidr`"))
        // aws_sqs_queue is not: said so, with how to check it.
        .stderr(predicate::str::contains(
            "info[not-schema-checked]: resource type `aws_sqs_queue` was not schema-checked: the embedded schema covers only the",
        ))
        .stderr(predicate::str::contains("pass --provider-schema FILE"))
        .stderr(predicate::str::contains(
            "(provider schema: embedded hashicorp/aws 6.47.0 (the types petgen renders))",
        ));
}

#[test]
fn hand_written_roots_are_validated_with_a_snippet_and_json() {
    let dir = common::root_with("main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket        = \"my-logs\"\n  force_destroi = true\n}\n");
    petgen(dir.path())
        .args(["validate", "."])
        .arg("--provider-schema")
        .arg(schema())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[unknown-argument]: unknown argument `force_destroi` in aws_s3_bucket",
        ))
        .stderr(predicate::str::contains(
            "3 |   force_destroi = true\n  |   ^",
        ))
        .stderr(predicate::str::contains(
            "hint: did you mean `force_destroy`?",
        ));
    let out = petgen(dir.path())
        .args(["validate", ".", "--format", "json"])
        .arg("--provider-schema")
        .arg(schema())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["errors"], 1);
    assert_eq!(v["warnings"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "unknown-argument");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 3);
    assert_eq!(d["hint"], "did you mean `force_destroy`?");
    assert!(d["file"].as_str().unwrap().ends_with("main.tf"));
}

/// A count terraform refuses, or one petgen would have to expand a billion times, is an error
/// at the count, not a crash or a silent "1".
#[test]
fn counts_that_are_not_a_number_of_instances_are_errors_at_the_count() {
    let keys: Vec<String> = (0..10_001).map(|i| format!("k{i} = {i}")).collect();
    let dir = common::root_with(
        "main.tf",
        &format!(
            "resource \"aws_vpc\" \"a\" {{\n  count      = 1e9\n  cidr_block = \"10.0.0.0/16\"\n}}\nresource \"aws_vpc\" \"b\" {{\n  count      = -3\n  cidr_block = \"10.0.0.0/16\"\n}}\nresource \"aws_vpc\" \"c\" {{\n  count      = 10000\n  cidr_block = \"10.0.0.0/16\"\n}}\nresource \"aws_vpc\" \"d\" {{\n  for_each   = {{ {} }}\n  cidr_block = \"10.0.0.0/16\"\n}}\n",
            keys.join(", ")
        ),
    );
    let out = petgen(dir.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
    for (at, says) in [
        (
            "main.tf:2:3",
            "count = 1000000000 is more than the 10000 instances of one resource petgen models",
        ),
        (
            "main.tf:6:3",
            "count = -3 is not a whole number of 0 or more",
        ),
        (
            "main.tf:14:3",
            "for_each has 10001 keys, more than the 10000 instances",
        ),
    ] {
        assert!(
            stderr.contains(at) && stderr.contains(says),
            "{at} {says}:\n{stderr}"
        );
    }
    assert_eq!(
        stderr.matches("error[invalid-count]").count(),
        3,
        "{stderr}"
    );
    // lint and cost finish on the same root, and say what they could not price.
    let lint = petgen(dir.path()).args(["lint", "."]).output().unwrap();
    assert!(matches!(lint.status.code(), Some(0 | 1)), "{lint:?}");
    petgen(dir.path())
        .args(["cost", ".", "--region", "us-east-1"])
        .assert()
        .success();
}

/// Counts petgen cannot know are not errors, and `for_each` links that loop or run long end
/// as unknown: a variable without a default, a resource whose `for_each` names itself, a
/// chain of resources each iterating the one before.
#[test]
fn unknowable_counts_and_looping_for_each_are_no_error_and_no_crash() {
    let mut text = String::from(
        "variable \"n\" {\n  type    = number\n  default = null\n}\nresource \"aws_vpc\" \"n\" {\n  count      = var.n\n  cidr_block = \"10.0.0.0/16\"\n}\nresource \"aws_s3_bucket\" \"self\" {\n  for_each = aws_s3_bucket.self\n  bucket   = each.key\n}\nresource \"aws_s3_bucket\" \"a\" {\n  for_each = aws_s3_bucket.b\n  bucket   = each.key\n}\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = aws_s3_bucket.a\n  bucket   = each.key\n}\nresource \"aws_sns_topic\" \"t0\" {\n  for_each = toset([\"x\"])\n}\n",
    );
    for i in 1..2000 {
        text.push_str(&format!(
            "resource \"aws_sns_topic\" \"t{i}\" {{\n  for_each = aws_sns_topic.t{}\n}}\n",
            i - 1
        ));
    }
    let dir = common::root_with("main.tf", &text);
    for command in [
        &["validate", "."][..],
        &["lint", "."],
        &["cost", ".", "--region", "us-east-1"],
    ] {
        let out = petgen(dir.path()).args(command).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{command:?}: {out:?}"
        );
        assert!(!stderr.contains("invalid-count"), "{command:?}: {stderr}");
    }
}

/// A root whose provider constraint excludes the schema petgen validates against: the schema
/// errors say that this may be why.
#[test]
fn a_provider_constraint_that_excludes_the_schema_is_named_on_its_errors() {
    let dir = common::root_with(
        "main.tf",
        "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"<= 5.8.0\"\n    }\n  }\n}\nresource \"aws_vpc\" \"a\" {\n  cidr_block     = \"10.0.0.0/16\"\n  not_an_argument = true\n}\n",
    );
    petgen(dir.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning[provider-version]"))
        .stderr(predicate::str::contains("main.tf:5:17"))
        .stderr(predicate::str::contains(
            "this root requires hashicorp/aws \"<= 5.8.0\", which excludes 6.47.0",
        ))
        .stderr(predicate::str::contains(
            "this may be a difference between the versions rather than a fault",
        ));
    let fine = common::root_with(
        "main.tf",
        "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.0\"\n    }\n  }\n}\n",
    );
    petgen(fine.path())
        .args(["validate", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("provider-version").not());
}

#[test]
fn warnings_alone_exit_zero() {
    let dir = common::root_with(
        "variables.tf",
        "variable \"unused\" {\n  type = string\n}\n",
    );
    petgen(dir.path())
        .args(["validate", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[unused-variable]"));
}

#[test]
fn hcl_syntax_errors_are_usage_errors_with_a_location() {
    let dir = common::root_with(
        "main.tf",
        "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n}\n",
    );
    petgen(dir.path())
        .args(["validate", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("main.tf:2:"))
        .stderr(predicate::str::contains("HCL syntax error"));
}

#[test]
fn a_missing_schema_file_is_a_usage_error() {
    petgen(&repo())
        .args([
            "validate",
            "generated/dev",
            "--provider-schema",
            "no/such/schema.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read provider schema no/such/schema.json",
        ));
}

#[test]
fn a_malformed_schema_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("schema.json");
    fs::write(
        &bad,
        "{\"format_version\": \"1.0\", \"provider_schemas\": {",
    )
    .unwrap();
    petgen(&repo())
        .args(["validate", "generated/dev", "--provider-schema"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not valid JSON"));
}

#[test]
fn a_schema_in_the_wrong_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("schema.json");
    fs::write(&bad, "{\"resources\": []}").unwrap();
    petgen(&repo())
        .args(["validate", "generated/dev", "--provider-schema"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is not in `terraform providers schema -json` format",
        ));
    fs::write(
        &bad,
        "{\"format_version\": \"0.1\", \"provider_schemas\": {}}",
    )
    .unwrap();
    petgen(&repo())
        .args(["validate", "generated/dev", "--provider-schema"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("format_version \"0.1\""));
}

#[test]
fn an_initialised_root_uses_terraforms_schema_and_caches_it() {
    // A stand-in terraform prints the schema and counts its calls.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    fs::create_dir_all(root.join(".terraform")).unwrap();
    fs::write(root.join(".terraform.lock.hcl"), "# lock\n").unwrap();
    fs::write(
        root.join("main.tf"),
        "resource \"aws_vpc\" \"x\" {\n  cidr = \"10.0.0.0/16\"\n}\n",
    )
    .unwrap();
    let calls = dir.path().join("calls");
    let fake = dir.path().join("terraform");
    fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$@\" >> {}\ncat {}\n",
            calls.display(),
            schema().display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    }
    for _ in 0..2 {
        petgen(&root)
            .args(["validate", "."])
            .env("PETGEN_TERRAFORM", &fake)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "unknown argument `cidr` in aws_vpc",
            ));
    }
    assert_eq!(
        fs::read_to_string(&calls).unwrap(),
        "providers schema -json\n",
        "the second run must use the cache"
    );
}

#[test]
fn render_validates_what_it_renders() {
    petgen(&repo())
        .args([
            "render",
            "--profile",
            "prod",
            "--check",
            "--provider-schema",
        ])
        .arg(schema())
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped").not());

    // A provider that no longer knows an argument prod renders: the render must catch it
    // before writing, and write nothing.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema()).unwrap()).unwrap();
    let attrs = &mut doc["provider_schemas"]["registry.terraform.io/hashicorp/aws"]
        ["resource_schemas"]["aws_vpc"]["block"]["attributes"];
    assert!(attrs
        .as_object_mut()
        .unwrap()
        .remove("enable_dns_support")
        .is_some());
    let dir = tempfile::tempdir().unwrap();
    let doctored = dir.path().join("schema.json");
    std::fs::write(&doctored, doc.to_string()).unwrap();
    let out = dir.path().join("out");
    petgen(&repo())
        .args(["render", "--profile", "prod", "--out"])
        .arg(&out)
        .arg("--provider-schema")
        .arg(&doctored)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[unknown-argument]"))
        .stderr(predicate::str::contains("enable_dns_support"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(
        !out.exists(),
        "a render that fails validation must write nothing"
    );
}

/// The same emitters as lint: SARIF that validates against the official schema, with the
/// validation codes as its rules, and GitHub annotations.
#[test]
fn validate_speaks_sarif_and_github_annotations() {
    let dir = common::root_with(
        "main.tf",
        "resource \"aws_s3_bucket\" \"logs\" {\n  bucket        = \"my-logs\"\n  force_destroi = true\n}\n\nvariable \"unused\" {\n  type = string\n}\n",
    );
    let out = petgen(dir.path())
        .args(["validate", ".", "--format", "sarif", "--provider-schema"])
        .arg(schema())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF on stdout");
    let errors = if common::sarif_tier() {
        common::sarif_errors(&sarif)
    } else {
        Vec::new()
    };
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unknown-argument") && rules.contains(&"unused-variable"));
    let results = run["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["unknown-argument", "unused-variable"]);
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert!(results[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("(hint: did you mean `force_destroy`?)"));
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index], "unknown-argument");

    petgen(dir.path())
        .args(["validate", ".", "--format", "github", "--provider-schema"])
        .arg(schema())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::error file=./main.tf,line=3,col=3,title=unknown-argument::unknown argument `force_destroi` in aws_s3_bucket",
        ))
        .stdout(predicate::str::contains(
            "::warning file=./main.tf,line=6,col=1,title=unused-variable::variable `unused` is declared but never used",
        ));
}

#[test]
fn what_terraform_refuses_in_declarations_is_refused() {
    // Two default configurations of one provider: terraform wants an alias on all but one.
    let dup = common::root_with(
        "main.tf",
        "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nprovider \"aws\" {\n  region = \"us-west-2\"\n}\n\nprovider \"aws\" {\n  alias  = \"west\"\n  region = \"us-west-2\"\n}\n",
    );
    petgen(dup.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "provider `aws` (the one without an alias) is declared twice",
        ))
        .stderr(predicate::str::contains("main.tf:5:1"))
        .stderr(predicate::str::contains("alias `west`").not());

    // A name that is not an identifier.
    let bad = common::root_with(
        "main.tf",
        "resource \"aws_vpc\" \"1a\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nvariable \"ok-name_2\" {\n  type = string\n}\n",
    );
    petgen(bad.path())
        .args(["validate", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"1a\" is not a valid name for this `resource` block",
        ))
        .stderr(predicate::str::contains("\"ok-name_2\" is not a valid name").not());
}

/// A chain of 10,000 resources and a 99 × 100 module diamond (9,900 module instances):
/// validate and lint answer for every instance. Each once took over 20 s (lookups that
/// scanned every block, or every module, per resource); BENCHMARKS.md records their time now.
#[test]
fn a_long_chain_and_a_wide_module_diamond_are_validated_and_linted_whole() {
    let chain = tempfile::tempdir().unwrap();
    let mut text =
        String::from("resource \"aws_vpc\" \"v0\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n");
    for i in 1..10_000 {
        text.push_str(&format!(
            "resource \"aws_vpc\" \"v{i}\" {{\n  cidr_block = aws_vpc.v{}.cidr_block\n}}\n",
            i - 1
        ));
    }
    std::fs::write(chain.path().join("main.tf"), text).unwrap();

    let diamond = tempfile::tempdir().unwrap();
    let d = diamond.path();
    std::fs::create_dir_all(d.join("m")).unwrap();
    std::fs::create_dir_all(d.join("leaf")).unwrap();
    let calls: String = (0..99)
        .map(|i| format!("module \"m{i}\" {{\n  source = \"./m\"\n  x      = \"{i}\"\n}}\n"))
        .collect();
    std::fs::write(d.join("main.tf"), calls).unwrap();
    let mut m = String::from("variable \"x\" {\n  type = string\n}\n");
    for j in 0..100 {
        m.push_str(&format!(
            "module \"l{j}\" {{\n  source = \"../leaf\"\n  x      = var.x\n}}\n"
        ));
    }
    m.push_str("output \"o\" {\n  value = module.l0.id\n}\n");
    std::fs::write(d.join("m/main.tf"), m).unwrap();
    std::fs::write(
        d.join("leaf/main.tf"),
        "variable \"x\" {\n  type = string\n}\nresource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n  tags       = { Name = var.x }\n}\noutput \"id\" {\n  value = aws_vpc.v.id\n}\n",
    )
    .unwrap();

    for (root, vpcs) in [(chain.path(), 10_000), (d, 9_900)] {
        petgen(root)
            .args(["validate", "."])
            .assert()
            .success()
            .stderr(predicate::str::contains("0 errors, 0 warnings"));
        let lint = petgen(root)
            .args(["lint", ".", "--format", "json"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
        let flow_log_findings = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "NET001")
            .count();
        assert_eq!(flow_log_findings, vpcs, "{}", root.display());
    }
}
