//! Per rule: a bad fixture that must produce the rule's findings (snapshotted) and a good
//! fixture that must produce none of them. Fixtures live in tests/fixtures/lint/<ID>/{bad,good}/;
//! a `production` file there turns on the production-only rules.

mod common;

use petgen::hcl::ConfigIndex;
use petgen::lint::codes::RULES;
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
    for rule in RULES {
        let id = rule.meta().id;
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
