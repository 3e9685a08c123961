//! The layout tells the truth: modules import only earlier pipeline stages, lint and cost are
//! siblings, functions stay short, and every rule lives in a file named as the rule.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Pipeline stages in order. A module may use its own stage and earlier ones, never a later
/// one. Stages of equal rank are siblings and may not use each other.
const STAGES: &[(&str, u32)] = &[
    ("diagnostic", 0),
    ("calendar", 0),
    ("facts", 0),
    ("fingerprint", 0),
    ("atomic_file", 0),
    ("profile", 1),
    ("render", 2),
    ("hcl", 3),
    ("validate", 4),
    ("lint", 5),
    ("cost", 5),
    ("graph", 5),
    ("handoff", 6),
    ("live", 6),
    ("pipeline", 7),
    ("cli", 8),
];

fn rank(stage: &str) -> Option<u32> {
    STAGES.iter().find(|(s, _)| *s == stage).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The stages `text` refers to through `crate::STAGE`.
fn referenced_stages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        // `$crate::` in macros refers to this crate too.
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    // `use crate::{a, b}` groups.
    for (i, _) in text.match_indices("crate::{") {
        let rest = &text[i + "crate::{".len()..];
        let group = &rest[..rest.find('}').unwrap_or(0)];
        for part in group.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Every `crate::` reference that points at a later stage or a sibling, as
/// `file: stage -> stage`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut bad = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let stage = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if stage == "lib" || stage == "main" {
            continue;
        }
        let own = rank(&stage).unwrap_or_else(|| panic!("{stage} has no place in STAGES"));
        let text = std::fs::read_to_string(&file).unwrap();
        for used in referenced_stages(&text) {
            let Some(r) = rank(&used) else {
                continue;
            };
            if used != stage && r >= own {
                bad.push(format!("{}: {stage} -> {used}", rel.display()));
            }
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

#[test]
fn modules_use_only_earlier_stages_and_lint_and_cost_stay_apart() {
    let bad = violations(&common::repo().join("src"));
    assert!(
        bad.is_empty(),
        "imports against the stage order:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_stage_check_catches_a_backward_import() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("profile")).unwrap();
    std::fs::create_dir_all(dir.path().join("cost")).unwrap();
    std::fs::write(
        dir.path().join("profile/mod.rs"),
        "use crate::lint::codes::RULES;\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("cost/mod.rs"), "use crate::{hcl, lint};\n").unwrap();
    assert_eq!(
        violations(dir.path()),
        vec![
            "cost/mod.rs: cost -> lint",
            "profile/mod.rs: profile -> lint"
        ]
    );
}

/// Functions longer than this are split by what they do. Tables are data, not functions.
const MAX_FUNCTION_LINES: usize = 150;

/// Each `fn` item and its length in lines, from its signature to its closing brace at the
/// same indentation.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "async fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let name = trimmed
            .split("fn ")
            .nth(1)
            .unwrap_or_default()
            .split(['(', '<'])
            .next()
            .unwrap_or_default()
            .to_string();
        let closing = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i..].iter().position(|l| *l == closing) {
            out.push((name, end + 1));
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let mut files = Vec::new();
    rust_files(&common::repo().join("src"), &mut files);
    rust_files(&common::repo().join("service/src"), &mut files);
    let mut long: BTreeMap<String, usize> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (name, n) in function_lengths(&text) {
            if n > MAX_FUNCTION_LINES {
                long.insert(format!("{}: fn {name}", file.display()), n);
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines: {long:#?}"
    );
}

#[test]
fn the_length_check_measures_functions() {
    let text =
        "fn a() {\n    x();\n}\n\n    pub fn b(\n        y: u8,\n    ) -> u8 {\n        y\n    }\n";
    assert_eq!(
        function_lengths(text),
        vec![("a".to_string(), 3), ("b".to_string(), 5)]
    );
}

#[test]
fn every_rule_lives_in_a_file_named_as_the_rule_in_its_prefix_folder() {
    let mut wrong = Vec::new();
    for m in petgen::lint::codes::all() {
        let path = Path::new(m.path);
        let prefix: String =
            m.id.chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
        let want_dir = format!("src/lint/rules/{prefix}");
        let want_file = format!(
            "{}_{}.rs",
            m.id.to_ascii_lowercase(),
            m.name.replace('-', "_")
        );
        let dir = path
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
        if dir.as_deref() != Some(want_dir.as_str()) || file.as_deref() != Some(&want_file) {
            wrong.push(format!(
                "{}: {} (want {want_dir}/{want_file})",
                m.id, m.path
            ));
        }
        // Its documentation is its own file, not a neighbour's.
        let on_disk = std::fs::read_to_string(common::repo().join(m.path)).unwrap_or_default();
        if m.source != on_disk {
            wrong.push(format!("{}: its `source` is not {}", m.id, m.path));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_rule_file_holds_its_check_or_only_its_documentation() {
    use petgen::lint::rules::attribute_table::TABLE;
    use petgen::lint::ReportedBy;
    let mut wrong = Vec::new();
    let mut files = std::collections::BTreeSet::new();
    for m in petgen::lint::codes::all() {
        files.insert(m.path.to_string());
        let in_table = TABLE.iter().any(|r| r.meta.id == m.id);
        let docs_only = m
            .source
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"));
        let declared = m.source.contains("declare_rule!(");
        // A table row's check is the table's, a waiver code has none: their files only
        // document them. Every other rule declares itself and its check in its file.
        let want_docs_only = in_table || m.reported_by == ReportedBy::WaiverEngine;
        if want_docs_only != docs_only || declared == want_docs_only {
            wrong.push(format!(
                "{}: {} (table row: {in_table}, waiver code: {})",
                m.id,
                m.path,
                m.reported_by == ReportedBy::WaiverEngine
            ));
        }
    }
    // No file under rules/<prefix>/ that is no code's: a rule removed from the table or the
    // list of rules leaves no stray documentation behind.
    let mut on_disk = Vec::new();
    rust_files(&common::repo().join("src/lint/rules"), &mut on_disk);
    for file in on_disk {
        let rel = file
            .strip_prefix(common::repo())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let nested = rel.matches('/').count() == 4;
        if nested && !rel.ends_with("/mod.rs") && !files.contains(&rel) {
            wrong.push(format!("{rel} is no code's file"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_pet_service_shares_data_with_petgen_never_code() {
    let manifest = std::fs::read_to_string(common::repo().join("service/Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("petgen"),
        "the service must not depend on petgen"
    );
    let mut files = Vec::new();
    rust_files(&common::repo().join("service"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("petgen::") && !text.contains("../src/"),
            "{} reaches into petgen",
            file.display()
        );
    }
}
