//! Per rule: a bad fixture that must produce the rule's findings (snapshotted) and a good
//! fixture that must produce none of them. Fixtures live in tests/fixtures/lint/<ID>/{bad,good}/;
//! a `production` file there turns on the production-only rules.

mod common;

use petgen::hcl::ConfigIndex;
use petgen::lint::codes;
use petgen::lint::rules::attribute_table::{Allowed, AttributeRule, Lit, TABLE};
use petgen::lint::{Finding, Selection};
use petgen::pipeline::lint_root;
use std::path::Path;

fn findings_of(dir: &Path, id: &str, production: bool) -> Vec<Finding> {
    let index = ConfigIndex::load(dir).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
    let selection = Selection {
        select: vec![id.to_string()],
        ignore: Vec::new(),
    };
    // Cost rules read the estimate at the default usage assumptions.
    lint_root(&index, None, production, &selection, Some("us-east-1"))
        .findings
        .into_iter()
        .filter(|f| f.code == id)
        .collect()
}

fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let location = f.location.clone().expect("findings have a location");
            format!(
                "{} {} {}:{}:{} {}\n  resource: {}\n  fix: {}\n  suppressed: {}",
                f.code,
                f.severity.as_str(),
                Path::new(&location.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy(),
                location.line,
                location.column,
                f.message,
                f.subject.as_deref().unwrap_or_default(),
                f.fix.as_deref().unwrap_or("-"),
                f.suppressed.as_deref().unwrap_or("-"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rules that only fire on a profile's settings (waivers, budget); tests/lint_cli.rs and
/// tests/cost.rs cover them with profiles.
const NEEDS_A_PROFILE: &[&str] = &["PG001", "PG002", "CST005"];

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_quiet() {
    let root = common::repo().join("tests/fixtures/lint");
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    for meta in codes::all() {
        let id = meta.id;
        if NEEDS_A_PROFILE.contains(&id) {
            continue;
        }
        let dir = root.join(id);
        if !dir.is_dir() {
            missing.push(id);
            continue;
        }
        let production = dir.join("production").exists();
        let bad = findings_of(&dir.join("bad"), id, production);
        let good = findings_of(&dir.join("good"), id, production);
        if bad.is_empty() {
            failures.push(format!("{id}: the bad fixture produced no finding"));
        }
        if !good.is_empty() {
            failures.push(format!(
                "{id}: the good fixture produced:\n{}",
                describe(&good)
            ));
        }
        if production && !bad.is_empty() && !findings_of(&dir.join("bad"), id, false).is_empty() {
            failures.push(format!(
                "{id}: a production-only rule fired outside production"
            ));
        }
        insta::assert_snapshot!(id, describe(&bad));
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A configuration of one resource of `ty` with the row's argument written as `value` (HCL
/// text), or without it (`None`); `guard` sets the row's condition argument.
fn one_resource(row: &AttributeRule, ty: &str, value: Option<&str>, guard: Option<&str>) -> String {
    let mut parts: Vec<&str> = row.attribute.split('.').collect();
    let name = parts.pop().unwrap();
    let mut body = value.map(|v| format!("{name} = {v}\n")).unwrap_or_default();
    for block in parts.iter().rev() {
        body = format!("{block} {{\n{body}}}\n");
    }
    if let (Some(w), Some(g)) = (row.when, guard) {
        body = format!("{} = {g}\n{body}", w.argument);
    }
    format!(
        "variable \"declared\" {{\n  type = bool\n}}\nvariable \"nothing\" {{\n  default = null\n}}\nresource \"{ty}\" \"x\" {{\n{body}}}\n"
    )
}

/// The findings of the row's rule on `hcl`.
fn row_findings(row: &AttributeRule, hcl: &str, production: bool) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), hcl).unwrap();
    findings_of(dir.path(), row.meta.id, production)
}

/// A literal the row accepts and one it fires on, as HCL (`None` when every literal is fine).
fn good_and_bad(row: &AttributeRule) -> (String, Option<String>) {
    let other = |l: Lit| match l {
        Lit::Bool(b) => (!b).to_string(),
        Lit::Num(n) => (n + 1.0).to_string(),
        Lit::Str(_) | Lit::NoCase(_) => "\"something-else\"".to_string(),
    };
    match row.expect.allowed {
        Allowed::Any => ("\"anything\"".to_string(), None),
        Allowed::OneOf(lits) => (lits[0].hcl(), Some(other(lits[0]))),
        Allowed::NoneOf(lits) => (other(lits[0]), Some(lits[0].hcl())),
    }
}

/// Values petgen cannot know at lint time, each in place of the literal.
const UNKNOWN: &[&str] = &[
    "var.undeclared",
    "var.declared",
    "var.nothing",
    "aws_s3_bucket.other.id",
    "data.aws_ssm_parameter.flag.value",
    "lookup(var.settings, \"key\")",
    "var.declared ? true : false",
    "\"${var.declared}\"",
];

#[test]
fn an_unknown_value_never_fires_an_attribute_rule() {
    let mut failures = Vec::new();
    for row in TABLE {
        let guard = row.when.map(|w| w.is[0].hcl());
        let (_, bad) = good_and_bad(row);
        for ty in row.types {
            for value in UNKNOWN {
                let hcl = one_resource(row, ty, Some(value), guard.as_deref());
                let found = row_findings(row, &hcl, true);
                if !found.is_empty() {
                    failures.push(format!(
                        "{} fired on {value}:\n{}",
                        row.meta.id,
                        describe(&found)
                    ));
                }
            }
            // An unknown condition: the row cannot know it applies, even to a bad literal.
            if let (Some(_), Some(bad)) = (row.when, &bad) {
                let hcl = one_resource(row, ty, Some(bad), Some("var.undeclared"));
                let found = row_findings(row, &hcl, true);
                if !found.is_empty() {
                    failures.push(format!(
                        "{} fired under an unknown condition:\n{}",
                        row.meta.id,
                        describe(&found)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn attribute_rules_fire_on_a_bad_literal_and_on_absence_as_they_say() {
    let mut failures = Vec::new();
    let mut check =
        |row: &AttributeRule, case: &str, hcl: String, production: bool, want: usize| {
            let found = row_findings(row, &hcl, production);
            if found.len() != want {
                failures.push(format!(
                    "{} {case}: {} finding(s), want {want}\n{hcl}\n{}",
                    row.meta.id,
                    found.len(),
                    describe(&found)
                ));
            }
        };
    for row in TABLE {
        let guard = row.when.map(|w| w.is[0].hcl());
        let (good, bad) = good_and_bad(row);
        let absent = usize::from(row.expect.required);
        for ty in row.types {
            check(
                row,
                "good literal",
                one_resource(row, ty, Some(&good), guard.as_deref()),
                true,
                0,
            );
            check(
                row,
                "absent",
                one_resource(row, ty, None, guard.as_deref()),
                true,
                absent,
            );
            check(
                row,
                "literal null",
                one_resource(row, ty, Some("null"), guard.as_deref()),
                true,
                absent,
            );
            if row.attribute.contains('.') {
                // Without the block at all, the argument is absent too.
                let guard_line = row
                    .when
                    .zip(guard.as_deref())
                    .map(|(w, g)| format!("{} = {g}\n", w.argument))
                    .unwrap_or_default();
                let hcl = format!("resource \"{ty}\" \"x\" {{\n{guard_line}}}\n");
                check(row, "no block", hcl, true, absent);
            }
            if let Some(bad) = &bad {
                check(
                    row,
                    "bad literal",
                    one_resource(row, ty, Some(bad), guard.as_deref()),
                    true,
                    1,
                );
                // Through a local, a literal is still a literal.
                let through = one_resource(row, ty, Some("local.known"), guard.as_deref())
                    + &format!("locals {{\n  known = {bad}\n}}\n");
                check(row, "bad literal through a local", through, true, 1);
                // A root variable's default is not what every plan gets: `-var` or tfvars
                // may set it, so even a bad default fires nothing.
                let input = one_resource(row, ty, Some("var.input"), guard.as_deref())
                    + &format!("variable \"input\" {{\n  default = {bad}\n}}\n");
                check(row, "bad default of a root variable", input, true, 0);
                if row.production_only {
                    check(
                        row,
                        "bad literal outside production",
                        one_resource(row, ty, Some(bad), guard.as_deref()),
                        false,
                        0,
                    );
                }
                if let Some(w) = row.when {
                    // The condition's other values, and its absence, as the row says.
                    check(
                        row,
                        "bad literal, condition not met",
                        one_resource(row, ty, Some(bad), Some("\"not-a-type\"")),
                        true,
                        0,
                    );
                    let absent_guard = one_resource(row, ty, Some(bad), None);
                    check(
                        row,
                        "bad literal, condition absent",
                        absent_guard,
                        true,
                        usize::from(w.absent),
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
