//! The fuzz targets (fuzz/src/targets.rs) on stable: every seed and every saved regression
//! runs through each target it belongs to. `scripts/fuzz` explores new inputs with libFuzzer
//! when a nightly toolchain is there; this keeps what it found (fuzz/regressions/) failing
//! loudly forever after, on any toolchain.

#[path = "../fuzz/src/targets.rs"]
mod targets;

mod common;

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, keep, out);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

/// The inputs of one target: its seeds (shared with scripts/fuzz) and its regressions.
fn corpus(target: &str) -> Vec<PathBuf> {
    let repo = common::repo();
    let mut out = Vec::new();
    let any = |_: &Path| true;
    match target {
        "profile" => {
            let toml = |p: &Path| p.extension().is_some_and(|e| e == "toml");
            files_under(&repo.join("profiles"), &toml, &mut out);
            files_under(&repo.join("tests/fixtures/profiles"), &toml, &mut out);
        }
        "hcl_index" => {
            let tf = |p: &Path| p.extension().is_some_and(|e| e == "tf");
            files_under(&repo.join("generated"), &tf, &mut out);
            files_under(&repo.join("tests/fixtures/lint"), &tf, &mut out);
        }
        "offer_file" => {
            let json = |p: &Path| p.extension().is_some_and(|e| e == "json");
            files_under(&repo.join("tests/fixtures/offers"), &json, &mut out);
        }
        "price_file" => {
            let toml = |p: &Path| p.extension().is_some_and(|e| e == "toml");
            files_under(&repo.join("prices"), &toml, &mut out);
        }
        _ => {}
    }
    files_under(&repo.join("fuzz/seeds").join(target), &any, &mut out);
    files_under(&repo.join("fuzz/regressions").join(target), &any, &mut out);
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = corpus(target);
    assert!(!inputs.is_empty(), "no seeds for {target}");
    for path in inputs {
        let data = std::fs::read(&path).expect("readable seed");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(
            outcome.is_ok(),
            "fuzz target {target} fails on {}",
            path.display()
        );
    }
}

#[test]
fn profile_target_replays_its_corpus() {
    replay("profile", targets::profile);
}

#[test]
fn hcl_index_target_replays_its_corpus() {
    replay("hcl_index", targets::hcl_index);
}

#[test]
fn container_definitions_target_replays_its_corpus() {
    replay("container_definitions", targets::container_definitions);
}

#[test]
fn offer_file_target_replays_its_corpus() {
    replay("offer_file", targets::offer_file);
}

#[test]
fn price_file_target_replays_its_corpus() {
    replay("price_file", targets::price_file);
}
