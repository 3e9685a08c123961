//! Deserialisation errors in the words of TOML and of the profile, not of Rust: "expected a
//! non-negative integer, found the string "x"" rather than "expected u32", "an array of
//! strings" rather than "a sequence", and a did-you-mean for a misspelt key or value instead
//! of the list of every field.

use super::Profile;
use crate::diagnostic::did_you_mean;
use serde_json::Value;
use std::sync::LazyLock;

/// The profile's JSON Schema (the one `petgen schema profile` prints), which knows each key's
/// TOML type.
static SCHEMA: LazyLock<Value> =
    LazyLock::new(|| serde_json::to_value(schemars::schema_for!(Profile)).unwrap_or(Value::Null));

/// Follow `$ref` to its definition.
fn resolve(node: &Value) -> &Value {
    match node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
    {
        Some(name) => SCHEMA
            .get("definitions")
            .and_then(|d| d.get(name))
            .map(resolve)
            .unwrap_or(node),
        None => match node.get("allOf").and_then(|a| a.get(0)) {
            Some(inner) if node.get("type").is_none() => resolve(inner),
            _ => node,
        },
    }
}

/// The schema of the key at `path` (keys and indexes, as in `service.cpu` or `waivers[0].rule`).
fn schema_at(path: &[String]) -> Option<&'static Value> {
    let mut node = resolve(&SCHEMA);
    for seg in path {
        node = if seg.parse::<usize>().is_ok() {
            resolve(node.get("items")?)
        } else if let Some(p) = node.get("properties").and_then(|p| p.get(seg.as_str())) {
            resolve(p)
        } else {
            resolve(node.get("additionalProperties")?)
        };
    }
    Some(node)
}

/// What a schema node accepts, as a TOML user would say it.
fn describe(node: &Value) -> Option<String> {
    let node = resolve(node);
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        let names: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        return Some(format!("one of {}", names.join(", ")));
    }
    if let Some(alts) = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Value::as_array)
    {
        let parts: Vec<String> = alts
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .filter_map(describe)
            .collect();
        return (!parts.is_empty()).then(|| parts.join(" or "));
    }
    let ty = match node.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null")?,
        _ => return None,
    };
    Some(match ty {
        "integer" if node.get("minimum").and_then(Value::as_f64) == Some(0.0) => {
            "a non-negative integer".to_string()
        }
        "integer" => "an integer".to_string(),
        "number" => "a number".to_string(),
        "boolean" => "true or false".to_string(),
        "string" => "a string".to_string(),
        "array" => match node.get("items").and_then(describe) {
            Some(item) => format!("an array of {}", plural(&item)),
            None => "an array".to_string(),
        },
        "object" => "a table".to_string(),
        _ => return None,
    })
}

/// "a string" → "strings", "one of "GET", "POST"" → "values "GET", "POST"".
fn plural(item: &str) -> String {
    if let Some(rest) = item.strip_prefix("one of ") {
        return format!("values from {rest}");
    }
    let noun = item
        .trim_start_matches("an ")
        .trim_start_matches("a ")
        .to_string();
    match noun.as_str() {
        "true or false" => "booleans".to_string(),
        n if n.ends_with('s') => n.to_string(),
        n => format!("{n}s"),
    }
}

/// serde's description of what it found (`string "x"`, ``integer `1` ``, `sequence`) in TOML
/// words.
fn found(what: &str) -> String {
    let what = what.trim();
    let tick = |s: &str| s.trim_matches('`').to_string();
    if let Some(v) = what.strip_prefix("string ") {
        format!("the string {v}")
    } else if let Some(v) = what.strip_prefix("integer ") {
        format!("the integer {}", tick(v))
    } else if let Some(v) = what.strip_prefix("floating point ") {
        format!("the number {}", tick(v))
    } else if let Some(v) = what.strip_prefix("boolean ") {
        tick(v)
    } else if what == "sequence" {
        "an array".to_string()
    } else if what == "map" {
        "a table".to_string()
    } else {
        what.to_string()
    }
}

/// The names between backticks in serde's "expected one of `a`, `b`" or "expected `a` or `b`".
fn ticked(list: &str) -> Vec<String> {
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Where a key lives, in TOML words: `[service]`, or the top of the profile.
fn table_of(path: &[String]) -> String {
    let parent = &path[..path.len().saturating_sub(1)];
    // An index as the last step means an array of tables: `[[waivers]]`.
    let array = parent.last().is_some_and(|s| s.parse::<usize>().is_ok());
    let names: Vec<&str> = parent
        .iter()
        .filter(|s| s.parse::<usize>().is_err())
        .map(String::as_str)
        .collect();
    match (names.is_empty(), array) {
        (true, _) => "at the top of the profile".to_string(),
        (false, true) => format!("in [[{}]]", names.join(".")),
        (false, false) => format!("in [{}]", names.join(".")),
    }
}

/// serde's message about the value at `path`, reworded; and the hint to give with it.
pub fn reword(message: &str, path: &[String]) -> (String, String) {
    let reference = "the README's profile reference documents every key, its type and its default";
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = ticked(expected);
        let msg = format!("unknown key `{name}` {}", table_of(path));
        let hint = match did_you_mean(name, known.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the keys here are: {}", known.join(", ")),
        };
        return (msg, hint);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = ticked(expected);
        let quoted: Vec<String> = known.iter().map(|k| format!("\"{k}\"")).collect();
        let msg = format!(
            "unknown value \"{name}\": expected one of {}",
            quoted.join(", ")
        );
        let hint = match did_you_mean(name, known.iter().map(String::as_str)) {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => reference.to_string(),
        };
        return (msg, hint);
    }
    let expected = schema_at(path).and_then(describe);
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((what, serde_expected)) = rest.split_once(", expected ") {
                let want = expected.unwrap_or_else(|| serde_words(serde_expected));
                return (
                    format!("expected {want}, found {}", found(what)),
                    reference.to_string(),
                );
            }
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!(
                "missing key `{name}` {}",
                table_of(&[path, &[name.to_string()]].concat())
            ),
            reference.to_string(),
        );
    }
    (message.to_string(), reference.to_string())
}

/// serde's own words for a type, when the schema has none.
fn serde_words(expected: &str) -> String {
    match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a non-negative integer".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "an integer".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "a sequence" => "an array".to_string(),
        "a map" => "a table".to_string(),
        "a boolean" => "true or false".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::reword;

    fn path(p: &str) -> Vec<String> {
        p.split('.').map(str::to_string).collect()
    }

    #[test]
    fn rust_types_become_toml_words() {
        assert_eq!(
            reword(
                "invalid type: string \"x\", expected u32",
                &path("service.cpu")
            )
            .0,
            "expected a non-negative integer, found the string \"x\""
        );
        assert_eq!(
            reword(
                "invalid type: string \"us-east-1a\", expected a sequence",
                &path("network.availability_zones")
            )
            .0,
            "expected an array of strings, found the string \"us-east-1a\""
        );
        assert_eq!(
            reword(
                "invalid type: string \"yes\", expected a boolean",
                &path("data.point_in_time_recovery")
            )
            .0,
            "expected true or false, found the string \"yes\""
        );
    }

    #[test]
    fn unknown_keys_get_a_did_you_mean() {
        let (msg, hint) = reword(
            "unknown field `cpuu`, expected one of `image`, `cpu`, `memory`",
            &path("service.cpuu"),
        );
        assert_eq!(msg, "unknown key `cpuu` in [service]");
        assert_eq!(hint, "did you mean `cpu`?");
    }
}
