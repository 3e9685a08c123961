//! Numbers the README states about the project, checked against the project: a rule added or
//! a waiver added fails here until the README says so.

mod common;

use petgen::lint::codes;

fn readme() -> String {
    std::fs::read_to_string(common::repo().join("README.md")).unwrap()
}

#[test]
fn the_rule_count_is_the_rule_tables() {
    let said = format!("`petgen lint` runs {} rules", codes::rules().count());
    assert!(readme().contains(&said), "README.md should say: {said}");
}

#[test]
fn the_waiver_counts_are_the_shipped_profiles() {
    let said = format!(
        "`generated/prod` lints clean with {} waivers and `generated/dev` carries {} waivers",
        common::waivers_in("prod"),
        common::waivers_in("dev")
    );
    assert!(readme().contains(&said), "README.md should say: {said}");
}

#[test]
fn every_contents_link_names_a_heading() {
    let text = readme();
    let anchors: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("#!"))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                .collect::<String>()
                .replace(' ', "-")
        })
        .collect();
    let contents = text
        .split("## Contents")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README.md has a Contents section");
    let mut links = 0;
    for link in contents.split("](#").skip(1) {
        let anchor = link.split(')').next().unwrap();
        assert!(
            anchors.iter().any(|a| a == anchor),
            "no heading for #{anchor}"
        );
        links += 1;
    }
    assert!(links >= 10, "{contents}");
}

#[test]
fn the_layout_table_names_every_shipped_profile_and_module() {
    let text = readme();
    let layout = text
        .split("## Layout")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    for entry in std::fs::read_dir(common::repo().join("profiles")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            layout.contains(&format!("`{name}`")),
            "the layout table misses profiles/{name}"
        );
    }
    for root in std::fs::read_dir(common::repo().join("generated")).unwrap() {
        for module in std::fs::read_dir(root.unwrap().path().join("modules")).unwrap() {
            let name = module.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                layout.contains(&name),
                "the layout table misses modules/{name}"
            );
        }
    }
}
