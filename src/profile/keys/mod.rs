//! The profile's keys, one file per top-level table. Each table's `Default` impl is the one
//! place its defaults are written.

mod api;
mod audit;
mod auth;
mod backend;
mod data;
mod discovery;
mod logs;
mod monitoring;
mod network;
mod project;
mod service;
mod usage;

pub use api::*;
pub use audit::*;
pub use auth::*;
pub use backend::*;
pub use data::*;
pub use discovery::*;
pub use logs::*;
pub use monitoring::*;
pub use network::*;
pub use project::*;
pub use service::*;
pub use usage::*;

#[cfg(test)]
mod tests {
    use crate::profile::Profile;
    use serde_json::Value;

    /// Keys whose documented default depends on other keys, so serde leaves them unset and the
    /// stack resolves them (`profile::stack`).
    const DERIVED: &[&str] = &["service.health_check"];

    /// The literal a doc comment states after "Default: `", where it is one (a JSON value that
    /// names no other key, like `"<project.name>-<environment>"` would).
    fn documented(description: &str) -> Option<Value> {
        let start = description.find("Default: `")? + "Default: `".len();
        let len = description[start..].find('`')?;
        let text = &description[start..start + len];
        if text.contains('<') {
            return None;
        }
        serde_json::from_str(text).ok()
    }

    /// Equal as profile values: numbers by value (`1` documents `1.0`), and a key that is
    /// absent from the serialized profile equals the empty or false value it stands for.
    fn same(doc: &Value, applied: Option<&Value>) -> bool {
        match (doc, applied) {
            (Value::Number(a), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
            (Value::Array(a), None) => a.is_empty(),
            (Value::Object(a), None) => a.is_empty(),
            (Value::Bool(false) | Value::Null, None) => true,
            (Value::Array(a), Some(Value::Array(b))) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, Some(y)))
            }
            (a, Some(b)) => a == b,
            _ => false,
        }
    }

    fn definition<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
        let reference = node
            .get("$ref")
            .or_else(|| node.pointer("/allOf/0/$ref"))
            .and_then(Value::as_str);
        match reference.and_then(|r| r.strip_prefix("#/definitions/")) {
            Some(name) => &schema["definitions"][name],
            None => node,
        }
    }

    /// Walk every key of every table: what its doc says, what serde applies to an empty
    /// profile, and what the schema publishes.
    fn walk(schema: &Value, table: &Value, applied: &Value, path: &str, out: &mut Vec<String>) {
        let Some(properties) = definition(schema, table)["properties"].as_object() else {
            return;
        };
        for (key, node) in properties {
            let at = format!("{path}{key}");
            let value = applied.get(key);
            let description = node["description"].as_str().unwrap_or("");
            if let Some(doc) = documented(description).filter(|_| !DERIVED.contains(&at.as_str())) {
                if !same(&doc, value) {
                    out.push(format!("{at}: documented {doc}, applied {value:?}"));
                }
            }
            if let Some(published) = node.get("default") {
                if !same(published, value) {
                    out.push(format!("{at}: schema {published}, applied {value:?}"));
                }
                let table = definition(schema, node).get("properties").is_some();
                if !table && !description.contains("Default") {
                    out.push(format!("{at}: has a default the doc does not state"));
                }
            }
            let nested = definition(schema, node);
            if nested.get("properties").is_some() {
                let inner = value.cloned().unwrap_or(Value::Null);
                walk(schema, nested, &inner, &format!("{at}."), out);
            }
        }
    }

    #[test]
    fn every_documented_default_is_the_applied_one_and_the_schemas() {
        let schema = serde_json::to_value(schemars::schema_for!(Profile)).unwrap();
        let empty: Profile = toml::from_str("").unwrap();
        let applied = serde_json::to_value(&empty).unwrap();
        let mut wrong = Vec::new();
        walk(&schema, &schema, &applied, "", &mut wrong);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_check_sees_a_default_that_disagrees_with_its_doc() {
        let doc = documented("Port (1-65535). Default: `8080`.").unwrap();
        assert!(same(&doc, Some(&Value::from(8080))));
        assert!(!same(&doc, Some(&Value::from(8081))));
        assert!(same(
            &documented("Default: `1`.").unwrap(),
            Some(&Value::from(1.0))
        ));
        assert!(documented("Default: `\"<project.name>-<environment>\"`.").is_none());
    }
}
