//! The bodies of petgen's fuzz targets. libFuzzer drives them from `fuzz_targets/`; the stable
//! test `tests/fuzz_replay.rs` runs them over the saved seeds and regressions, so every input
//! that once failed stays a test. Each must return normally for any input: a panic, an abort
//! or a hang is the bug.

use petgen::hcl::semantic::Model;
use petgen::hcl::{ConfigIndex, Memory};
use petgen::lint::context::Ctx;
use petgen::lint::{lint, Selection};
use petgen::validate::provider_schema::ProviderSchema;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bytes as a profile: load it (with every check), render it, and validate the render.
pub fn profile(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if std::fs::write(dir.path().join("fuzz.toml"), data).is_err() {
        return;
    }
    let Ok(loaded) = petgen::pipeline::load_profile(dir.path(), "fuzz") else {
        return;
    };
    // A profile that loads must render, and its render must parse and validate.
    let root = petgen::render::render(&loaded).expect("a loaded profile renders");
    let target = dir.path().join("generated").join("fuzz");
    let diagnostics = petgen::pipeline::root::validate_rendered(
        &root,
        &target,
        Some(&ProviderSchema::embedded()),
    )
    .expect("a render parses");
    assert!(
        !diagnostics.iter().any(|d| d.is_error()),
        "a loaded profile renders invalid Terraform: {diagnostics:?}"
    );
}

/// A root of the given files, from memory.
fn root(files: &[(&str, String)]) -> Option<ConfigIndex> {
    let dir = PathBuf::from("root");
    let files: BTreeMap<PathBuf, String> = files
        .iter()
        .map(|(name, text)| (dir.join(name), text.clone()))
        .collect();
    ConfigIndex::load_from(Path::new("root"), &Memory(files)).ok()
}

/// Validate and lint a root: references, evaluation across modules, every rule.
fn check(index: &ConfigIndex) {
    let _ = petgen::validate::validate(index, Some(&ProviderSchema::embedded()));
    let model = Model::new(index);
    let ctx = Ctx::new(&model, None);
    let _ = lint(&ctx, &Selection::default());
    let _ =
        petgen::pipeline::lint_root(index, None, true, &Selection::default(), Some("us-east-1"));
}

/// Bytes as a `.tf` file, with a local module that calls back into it: parse, index, validate
/// references, evaluate and lint.
pub fn hcl_index(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(index) = root(&[
        ("main.tf", text.to_string()),
        ("modules/m/main.tf", text.to_string()),
    ]) else {
        return;
    };
    check(&index);
}

/// Bytes as the JSON of a task definition's `container_definitions`, written three ways
/// (a heredoc template, a `jsondecode` of a string, and a quoted template with an unknown
/// interpolation), then validated and linted.
pub fn container_definitions(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let quoted: String = json
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' => vec!['\\', 'n'],
            '$' => vec!['$', '$'],
            '%' => vec!['%', '%'],
            c if c.is_control() => Vec::new(),
            c => vec![c],
        })
        .collect();
    let heredoc = json.replace("${", "$${").replace("%{", "%%{");
    let main = format!(
        r#"variable "image" {{
  type = string
}}

resource "aws_ecs_task_definition" "heredoc" {{
  family                = "a"
  container_definitions = <<JSON
{heredoc}
JSON
}}

resource "aws_ecs_task_definition" "decoded" {{
  family                = "b"
  container_definitions = jsonencode(jsondecode("{quoted}"))
}}

resource "aws_ecs_task_definition" "template" {{
  family                = "c"
  container_definitions = "[{{\"name\": \"x\", \"image\": \"${{var.image}}\", \"cpu\": ${{var.image}}}}, {quoted}]"
}}
"#
    );
    if let Some(index) = root(&[("main.tf", main)]) {
        check(&index);
    }
}

/// Bytes as an AWS Price List offer file, read both ways `prices` reads one (whole, and as a
/// stream), then imported and written: what `import` writes, petgen must read back.
pub fn offer_file(data: &[u8]) {
    use petgen::cost::offer::{import, write, Offer};
    use petgen::cost::price_table::PriceTable;
    let whole = Offer::parse("fuzz.json", data);
    let streamed = Offer::from_reader("fuzz.json", data);
    assert_eq!(
        whole.is_ok(),
        streamed.is_ok(),
        "whole and streamed reads disagree"
    );
    let Ok(offer) = whole else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    for report in import(&[offer]) {
        if report.found.is_empty() {
            continue;
        }
        let path = dir.path().join(format!("{}.toml", report.region));
        write(&path, &[&report]).expect("an imported region is written");
        if let Err(e) = PriceTable::read(&path) {
            panic!("petgen cannot read the price file it wrote: {e}");
        }
    }
}

/// Bytes as a user's price file: parsed and checked, never a panic, and what it accepts is a
/// table every estimate can use.
pub fn price_file(data: &[u8]) {
    use petgen::cost::price_table::PriceTable;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(table) = PriceTable::parse(Path::new("fuzz.toml"), text) else {
        return;
    };
    for prices in table.regions.values() {
        for p in prices.values() {
            assert!(p.usd.is_finite() && p.usd >= 0.0, "accepted usd {}", p.usd);
        }
    }
}
