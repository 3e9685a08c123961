//! Numbers the README states about the project, checked against the project: a rule added or
//! a waiver added fails here until the README says so.

mod common;

use petgen::lint::codes::RULES;

fn readme() -> String {
    std::fs::read_to_string(common::repo().join("README.md")).unwrap()
}

fn waivers_in(profile: &str) -> usize {
    std::fs::read_to_string(common::repo().join(format!("profiles/{profile}.toml")))
        .unwrap()
        .matches("[[waivers]]")
        .count()
}

#[test]
fn the_rule_count_is_the_rule_tables() {
    let said = format!("`petgen lint` runs {} rules", RULES.len());
    assert!(readme().contains(&said), "README.md should say: {said}");
}

#[test]
fn the_waiver_counts_are_the_shipped_profiles() {
    let said = format!(
        "`generated/prod` lints clean with {} waivers and `generated/dev` carries {} waivers",
        waivers_in("prod"),
        waivers_in("dev")
    );
    assert!(readme().contains(&said), "README.md should say: {said}");
}
