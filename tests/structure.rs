//! A cheap structural guard over rendered roots: every module variable is used, every module
//! call passes exactly the variables its module declares, and every output and module-output
//! reference points at something that exists.

mod common;

use petgen::profile::load_profile;
use petgen::render::{render, RenderedRoot};
use std::collections::{BTreeMap, BTreeSet};

/// Names that follow `prefix.` in `text`, e.g. `var.` → {"name", ...}.
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// `text` without its top-level `moved { ... }` blocks (formatted: the block closes with a `}`
/// alone on its line).
fn without_moved_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line == "moved {" {
            inside = true;
        } else if inside && line == "}" {
            inside = false;
        } else if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

struct Module {
    variables: BTreeSet<String>,
    outputs: BTreeSet<String>,
    /// `type.name` of every resource and `data.type.name` of every data source.
    declared: BTreeSet<String>,
    source: String,
}

fn modules(root: &RenderedRoot) -> BTreeMap<String, Module> {
    let mut out: BTreeMap<String, Module> = BTreeMap::new();
    for f in &root.files {
        let dir = f
            .path
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let body: hcl::Body = hcl::from_str(&f.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path.display()));
        let m = out.entry(dir).or_insert_with(|| Module {
            variables: BTreeSet::new(),
            outputs: BTreeSet::new(),
            declared: BTreeSet::new(),
            source: String::new(),
        });
        m.source.push_str(&f.contents);
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(|l| l.as_str()).collect();
            match (block.identifier(), labels.as_slice()) {
                ("variable", [name]) => {
                    assert!(
                        block.body().attributes().any(|a| a.key() == "description"),
                        "variable {name} has no description"
                    );
                    assert!(
                        block.body().attributes().any(|a| a.key() == "type"),
                        "variable {name} has no type"
                    );
                    m.variables.insert(name.to_string());
                }
                ("output", [name]) => {
                    assert!(
                        block.body().attributes().any(|a| a.key() == "description"),
                        "output {name} has no description"
                    );
                    m.outputs.insert(name.to_string());
                }
                ("resource", [t, n]) => {
                    m.declared.insert(format!("{t}.{n}"));
                }
                ("data", [t, n]) => {
                    m.declared.insert(format!("data.{t}.{n}"));
                }
                _ => {}
            }
        }
    }
    out
}

fn check_root(profile_dir: &std::path::Path, name: &str) {
    let loaded = load_profile(profile_dir, name).unwrap_or_else(|e| panic!("{e}"));
    let root = render(&loaded).unwrap();
    check_rendered(name, &loaded, &root);
}

/// The structural checks of one rendered root.
fn check_rendered(name: &str, loaded: &petgen::profile::LoadedProfile, root: &RenderedRoot) {
    let mods = modules(root);
    for (dir, m) in &mods {
        // Every variable is used in its own module, and nothing undeclared is used.
        let used = names_after(&m.source, "var.");
        assert_eq!(
            used, m.variables,
            "{name}: variables used vs declared in {dir:?}"
        );
    }
    // Module calls pass exactly the declared variables; module outputs used exist.
    let body: hcl::Body = hcl::from_str(
        &root
            .files
            .iter()
            .find(|f| f.path.to_str() == Some("main.tf"))
            .unwrap()
            .contents,
    )
    .unwrap();
    // Call name → module directory: `module "api"` is `./modules/http_api` or `./modules/alb`.
    let mut called: BTreeMap<String, String> = BTreeMap::new();
    for block in body.blocks().filter(|b| b.identifier() == "module") {
        let call = block.labels()[0].as_str().to_string();
        let source = block
            .body()
            .attributes()
            .find(|a| a.key() == "source")
            .map(|a| a.expr().to_string())
            .unwrap_or_default();
        let dir = source
            .trim_matches('"')
            .trim_start_matches("./")
            .to_string();
        let module = mods
            .get(&dir)
            .unwrap_or_else(|| panic!("{name}: no module {dir}"));
        let args: BTreeSet<String> = block
            .body()
            .attributes()
            .map(|a| a.key().to_string())
            .filter(|k| k != "source")
            .collect();
        assert_eq!(args, module.variables, "{name}: arguments of module {call}");
        called.insert(call, dir);
    }
    // Every rendered module is called: render picks the module directories, the root calls
    // them, and the two agree.
    let dirs: BTreeSet<&String> = called.values().collect();
    for dir in mods.keys().filter(|d| d.starts_with("modules/")) {
        assert!(
            dirs.contains(dir),
            "{name}: {dir} is rendered but not called"
        );
    }
    // Six component modules, the image registry when petgen builds the service, monitoring
    // when alarms or the dashboard are on, audit when the trail is, and config with AWS Config.
    let p = &loaded.profile;
    let production = p.project.production;
    let optional = [
        p.service.image.is_none(),
        p.monitoring.alarms_on(production) || p.monitoring.dashboard_on(production),
        p.audit.table_data_events,
        p.audit.config,
    ];
    assert_eq!(
        called.len(),
        6 + optional.iter().filter(|on| **on).count(),
        "{name}: component modules"
    );
    assert_eq!(
        called.contains_key("registry"),
        p.service.image.is_none(),
        "{name}: the registry"
    );
    for f in &root.files {
        // `moved` blocks name resources by address, not outputs.
        let text = without_moved_blocks(&f.contents);
        for (call, module) in called
            .iter()
            .filter_map(|(c, d)| mods.get(d).map(|m| (c, m)))
        {
            for out in names_after(&text, &format!("module.{call}.")) {
                assert!(
                    module.outputs.contains(&out),
                    "{name}: {} uses missing output module.{call}.{out}",
                    f.path.display()
                );
            }
        }
    }
    // Every `aws_x.name` and `data.aws_x.name` reference in a module resolves in it.
    for (dir, m) in &mods {
        for t in names_after(&m.source, "data.") {
            let refs = names_after(&m.source, &format!("data.{t}."));
            for r in refs {
                assert!(
                    m.declared.contains(&format!("data.{t}.{r}")),
                    "{name}: {dir}: data.{t}.{r} is not declared"
                );
            }
        }
        let resource_types: BTreeSet<String> = m
            .declared
            .iter()
            .filter(|d| !d.starts_with("data."))
            .filter_map(|d| d.split('.').next().map(str::to_string))
            .collect();
        for t in &resource_types {
            for r in names_after(&m.source, &format!("{t}.")) {
                assert!(
                    m.declared.contains(&format!("{t}.{r}")),
                    "{name}: {dir}: {t}.{r} is not declared"
                );
            }
        }
    }
}

#[test]
fn shipped_profiles_are_structurally_sound() {
    let dir = common::repo().join("profiles");
    for name in ["dev", "prod"] {
        check_root(&dir, name);
    }
}

#[test]
fn fixture_profiles_are_structurally_sound() {
    let dir = common::repo().join("tests/fixtures/profiles");
    for name in [
        "minimal",
        "multi-az-arm",
        "provisioned-open",
        "child",
        "base",
        "everything",
        "monitored",
        "named-tuned",
        "prod-costed",
    ] {
        check_root(&dir, name);
    }
}

/// Proves the guard can fail: the structural checker, given a root with an unused variable,
/// rejects it.
#[test]
#[should_panic(expected = "variables used vs declared")]
fn an_unused_variable_is_caught() {
    let dir = common::repo().join("profiles");
    let loaded = load_profile(&dir, "dev").unwrap();
    let mut root = render(&loaded).unwrap();
    let vars = root
        .files
        .iter_mut()
        .find(|f| f.path.to_str() == Some("modules/data/variables.tf"))
        .unwrap();
    vars.contents
        .push_str("variable \"unused\" {\n  description = \"x\"\n  type = string\n}\n");
    check_rendered("dev", &loaded, &root);
}

/// The table's key schema is one file that both the stack and the pet service read: the
/// rendered table is keyed exactly as `contracts/pets-table.json` says.
#[test]
fn the_rendered_table_is_keyed_as_the_shared_contract_says() {
    let contract: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("contracts/pets-table.json")).unwrap(),
    )
    .unwrap();
    let key = contract["hash_key"].as_str().unwrap();
    let ty = contract["hash_key_type"].as_str().unwrap();
    for name in ["dev", "prod"] {
        let loaded = load_profile(&common::repo().join("profiles"), name).unwrap();
        let root = render(&loaded).unwrap();
        let data = root
            .files
            .iter()
            .find(|f| f.path.to_str() == Some("modules/data/main.tf"))
            .unwrap();
        let body: hcl::Body = hcl::from_str(&data.contents).unwrap();
        let table = body
            .blocks()
            .find(|b| b.identifier() == "resource" && b.labels()[1].as_str() == "pets")
            .unwrap();
        let hash_key = table
            .body()
            .attributes()
            .find(|a| a.key() == "hash_key")
            .unwrap();
        assert_eq!(hash_key.expr().to_string(), format!("\"{key}\""), "{name}");
        let attrs: Vec<(String, String)> = table
            .body()
            .blocks()
            .filter(|b| b.identifier() == "attribute")
            .map(|b| {
                let get = |k: &str| {
                    b.body()
                        .attributes()
                        .find(|a| a.key() == k)
                        .map(|a| a.expr().to_string())
                        .unwrap_or_default()
                };
                (get("name"), get("type"))
            })
            .collect();
        assert_eq!(
            attrs,
            vec![(format!("\"{key}\""), format!("\"{ty}\""))],
            "{name}"
        );
    }
}
