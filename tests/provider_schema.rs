//! The provider schema petgen ships (schemas/aws-<version>.json, embedded in the binary):
//! exactly the full schema's entries for the types the templates can emit, and no rendered
//! type missing from it.

mod common;

use petgen::profile::load_profile;
use petgen::render::render;
use petgen::validate::provider_schema::{EMBEDDED_VERSION, KNOWN_GAPS};
use serde_json::Value;
use std::collections::BTreeSet;

const PROVIDER: &str = "registry.terraform.io/hashicorp/aws";

fn shipped() -> Value {
    let path = common::repo().join(format!("schemas/aws-{EMBEDDED_VERSION}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn full() -> Value {
    let path = common::full_schema_path();
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the full provider schema is needed ({}: {e})",
            path.display()
        )
    }))
    .unwrap()
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn the_shipped_subset_is_the_full_schemas_entries_verbatim() {
    let (shipped, full) = (shipped(), full());
    let (s, f) = (
        &shipped["provider_schemas"][PROVIDER],
        &full["provider_schemas"][PROVIDER],
    );
    assert_eq!(shipped["format_version"], full["format_version"]);
    assert_eq!(s["provider"], f["provider"]);
    for kind in ["resource_schemas", "data_source_schemas"] {
        for ty in names(&s[kind]) {
            assert_eq!(
                s[kind][&ty], f[kind][&ty],
                "{kind} {ty} differs from the full schema"
            );
        }
    }
}

/// Every `resource "T"` / `data "T"` in the templates.
fn template_types() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut resources = BTreeSet::new();
    let mut data = BTreeSet::new();
    let mut stack = vec![common::repo().join("templates")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            for line in std::fs::read_to_string(&p).unwrap().lines() {
                let line = line.trim_start();
                for (prefix, set) in [("resource \"", &mut resources), ("data \"", &mut data)] {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        set.insert(rest.split('"').next().unwrap().to_string());
                    }
                }
            }
        }
    }
    // Types the full schema itself lacks cannot be shipped; validation reports them as not
    // schema-checked.
    resources.retain(|t| !KNOWN_GAPS.contains(&t.as_str()));
    (resources, data)
}

#[test]
fn the_shipped_subset_covers_exactly_the_types_the_templates_write() {
    let shipped = shipped();
    let s = &shipped["provider_schemas"][PROVIDER];
    let (resources, data) = template_types();
    assert_eq!(
        names(&s["resource_schemas"]),
        resources,
        "rerun scripts/prune-provider-schema"
    );
    assert_eq!(
        names(&s["data_source_schemas"]),
        data,
        "rerun scripts/prune-provider-schema"
    );
}

#[test]
fn every_type_a_render_emits_is_in_the_shipped_schema() {
    let shipped = shipped();
    let s = &shipped["provider_schemas"][PROVIDER];
    let mut seen = BTreeSet::new();
    for (dir, profiles) in [
        ("profiles", vec!["dev", "prod", "prod-alb", "prod-postgres"]),
        (
            "tests/fixtures/profiles",
            vec![
                "minimal",
                "multi-az-arm",
                "provisioned-open",
                "child",
                "everything",
                "alb-lean",
                "http-domain",
                "monitored",
                "named-tuned",
                "prod-costed",
                "postgres-paused",
            ],
        ),
    ] {
        for name in profiles {
            let loaded = load_profile(&common::repo().join(dir), name).unwrap();
            for file in render(&loaded).unwrap().files {
                let body: hcl::Body = hcl::from_str(&file.contents).unwrap();
                for block in body.blocks() {
                    let kind = match block.identifier() {
                        "resource" => "resource_schemas",
                        "data" => "data_source_schemas",
                        _ => continue,
                    };
                    let ty = block.labels()[0].as_str().to_string();
                    if KNOWN_GAPS.contains(&ty.as_str()) {
                        continue;
                    }
                    assert!(
                        s[kind].get(&ty).is_some(),
                        "{name} renders {ty}, which the shipped schema lacks"
                    );
                    seen.insert(ty);
                }
            }
        }
    }
    // The profiles reach every branch: every shipped type is rendered by one of them.
    let shipped_types: BTreeSet<String> = names(&s["resource_schemas"])
        .into_iter()
        .chain(names(&s["data_source_schemas"]))
        .collect();
    let unrendered: Vec<_> = shipped_types.difference(&seen).collect();
    assert!(unrendered.is_empty(), "no profile renders {unrendered:?}");
}

#[test]
fn the_templates_pin_the_shipped_version() {
    let versions =
        std::fs::read_to_string(common::repo().join("templates/root/versions.tf.j2")).unwrap();
    assert!(
        versions.contains(&format!("version = \"~> {EMBEDDED_VERSION}\"")),
        "{versions}"
    );
}

/// The copy in tests/data is the provider's schema, not an edit of it: where the original is
/// at hand (CI has it beside the repository), they are the same document.
#[test]
fn the_test_copy_of_the_full_schema_is_the_providers() {
    let original = std::env::var_os("PETGEN_PROVIDER_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::repo().join("../shared/provider-schemas/aws/schema.json"));
    if !original.is_file() {
        common::skipped(&format!(
            "SKIPPED: no original provider schema at {} to compare tests/data with",
            original.display()
        ));
        return;
    }
    let copy = {
        // Bypass the override: decompress tests/data itself.
        use std::io::Read;
        let gz = common::repo().join(format!(
            "tests/data/aws-provider-schema-{EMBEDDED_VERSION}.json.gz"
        ));
        let mut json = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap())
            .read_to_string(&mut json)
            .unwrap();
        serde_json::from_str::<Value>(&json).unwrap()
    };
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
    assert!(
        copy == original,
        "tests/data differs from the provider schema: run scripts/update-test-schema"
    );
}
