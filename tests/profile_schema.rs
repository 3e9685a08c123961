//! The committed profile JSON Schema is what the Rust types generate, and it accepts the
//! shipped profiles and rejects a broken one.

mod common;

use common::{petgen, repo};

fn committed() -> String {
    std::fs::read_to_string(repo().join("profiles/profile.schema.json"))
        .expect("profiles/profile.schema.json is committed")
}

#[test]
fn committed_profile_schema_is_current() {
    let out = petgen(&repo())
        .args(["schema", "profile"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed(),
        "profiles/profile.schema.json is stale: run `cargo run -- schema profile > profiles/profile.schema.json`"
    );
}

fn as_json(toml_text: &str) -> serde_json::Value {
    let v: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(v).unwrap()
}

#[test]
fn shipped_profiles_point_editors_at_the_schema_and_satisfy_it() {
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for name in ["dev", "prod"] {
        let text = std::fs::read_to_string(repo().join(format!("profiles/{name}.toml"))).unwrap();
        assert!(
            text.starts_with("#:schema ./profile.schema.json\n"),
            "{name}.toml must reference the schema"
        );
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let broken = as_json("[service]\nimage = \"nginx\"\ncpus = 1\n[auth]\nmfa = \"MAYBE\"\n");
    assert!(validator.iter_errors(&broken).count() >= 2);
}

/// Every profile key has a row in the README's profile reference.
#[test]
fn readme_documents_every_profile_key() {
    let schema: serde_json::Value = serde_json::from_str(&committed()).unwrap();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let defs = &schema["definitions"];
    let mut missing = Vec::new();
    fn walk(v: &serde_json::Value, defs: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        let Some(props) = v["properties"].as_object() else {
            return;
        };
        for (k, p) in props {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            let target = p["allOf"][0]["$ref"].as_str().or(p["$ref"].as_str());
            match target
                .and_then(|r| r.strip_prefix("#/definitions/"))
                .map(|d| &defs[d])
            {
                Some(def) if def["properties"].is_object() => walk(def, defs, &key, out),
                _ => out.push(key),
            }
        }
    }
    let mut keys = Vec::new();
    walk(&schema, defs, "", &mut keys);
    for key in keys {
        if !readme.contains(&format!("| `{key}` |")) {
            missing.push(key);
        }
    }
    assert!(
        missing.is_empty(),
        "README profile reference lacks: {missing:?}"
    );
}
