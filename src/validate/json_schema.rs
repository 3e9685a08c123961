//! Provider block schemas as JSON Schema, and block bodies as JSON instances.
//!
//! Each resource or data source block schema becomes one JSON Schema (compiled once per type
//! and cached); each block body becomes a JSON document. A value that is not a literal becomes
//! the marker `{"$petgen_unknown": true}`, which every type accepts: unknown values are checked
//! for the names they use, never for their type.
//!
//! Literal types follow Terraform's automatic conversions: a string attribute accepts numbers
//! and bools, a number attribute accepts numeric strings, a bool attribute accepts "true" and
//! "false".

use super::provider_schema::{Block, NestedBlock};
use crate::hcl::eval::literal;
use crate::hcl::Pos;
use hcl_edit::structure::Body;
use hcl_edit::Span;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub const UNKNOWN_KEY: &str = "$petgen_unknown";

/// Arguments every resource and data block may carry besides its schema.
pub const META_ARGUMENTS: &[&str] = &["count", "for_each", "depends_on", "provider"];
/// Meta blocks every resource block may carry besides its schema.
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

fn unknown_schema() -> Value {
    json!({ "type": "object", "required": [UNKNOWN_KEY], "maxProperties": 1 })
}

fn or_unknown(schema: Value) -> Value {
    json!({ "anyOf": [schema, unknown_schema(), { "type": "null" }] })
}

/// JSON Schema of a cty type (in its JSON form).
pub fn cty_schema(ty: &Value) -> Value {
    let inner = match ty {
        Value::String(s) => match s.as_str() {
            "string" => json!({ "type": ["string", "number", "boolean"] }),
            "number" => json!({ "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$" }
            ] }),
            "bool" => json!({ "anyOf": [{ "type": "boolean" }, { "enum": ["true", "false"] }] }),
            _ => json!({}),
        },
        Value::Array(parts) => match (parts.first().and_then(Value::as_str), parts.get(1)) {
            (Some("list" | "set"), Some(elem)) => json!({ "type": "array", "items": cty_schema(elem) }),
            (Some("map"), Some(elem)) => json!({ "type": "object", "additionalProperties": cty_schema(elem) }),
            (Some("object"), Some(Value::Object(fields))) => {
                let props: Map<String, Value> =
                    fields.iter().map(|(k, v)| (k.clone(), cty_schema(v))).collect();
                json!({ "type": "object", "properties": props, "additionalProperties": false })
            }
            (Some("tuple"), Some(Value::Array(elems))) => {
                json!({ "type": "array", "prefixItems": elems.iter().map(cty_schema).collect::<Vec<_>>() })
            }
            _ => json!({}),
        },
        _ => json!({}),
    };
    or_unknown(inner)
}

/// JSON Schema of a block body. `meta` adds the resource meta-arguments.
pub fn block_schema(block: &Block, meta: bool) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, attr) in &block.attributes {
        if attr.computed_only() {
            props.insert(name.clone(), Value::Bool(false));
            continue;
        }
        let schema = match (&attr.ty, &attr.nested_type) {
            (Some(ty), _) => cty_schema(ty),
            (None, Some(_)) => json!({}),
            (None, None) => json!({}),
        };
        props.insert(name.clone(), schema);
        if attr.required {
            required.push(Value::String(name.clone()));
        }
    }
    for (name, nested) in &block.block_types {
        props.insert(name.clone(), nested_schema(nested));
        if nested.min_items.unwrap_or(0) > 0 {
            required.push(Value::String(name.clone()));
        }
    }
    if meta {
        for m in META_ARGUMENTS.iter().chain(META_BLOCKS) {
            props.insert(m.to_string(), json!({}));
        }
    }
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn nested_schema(nested: &NestedBlock) -> Value {
    let mut s = Map::new();
    s.insert("type".into(), json!("array"));
    s.insert("items".into(), block_schema(&nested.block, false));
    let max = match nested.nesting_mode.as_str() {
        "single" | "group" => Some(1),
        _ => nested.max_items.filter(|m| *m > 0),
    };
    if let Some(min) = nested.min_items.filter(|m| *m > 0) {
        s.insert("minItems".into(), json!(min));
    }
    if let Some(max) = max {
        s.insert("maxItems".into(), json!(max));
    }
    Value::Object(s)
}

/// A block body as a JSON instance, plus the position of every JSON pointer in it.
pub struct Instance {
    pub value: Value,
    pub positions: HashMap<String, Pos>,
    /// Blocks produced by `dynamic`: their count is unknown.
    pub dynamic_blocks: Vec<String>,
}

/// Convert a body to JSON. `pointer` is the JSON pointer of `body` itself.
pub fn instance(body: &Body, file: usize, pointer: &str, out: &mut Instance) -> Value {
    let mut map = Map::new();
    for attr in body.attributes() {
        let key = attr.key.as_str().to_string();
        let ptr = format!("{pointer}/{}", escape(&key));
        out.positions.insert(ptr, crate::hcl::pos_of(file, attr));
        let value = literal(&attr.value).unwrap_or_else(|| json!({ UNKNOWN_KEY: true }));
        map.insert(key, value);
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for block in body.blocks() {
        let (name, content) = if block.ident.as_str() == "dynamic" {
            let Some(label) = block.labels.first() else { continue };
            let Some(content) = block.body.blocks().find(|b| b.ident.as_str() == "content") else {
                continue;
            };
            out.dynamic_blocks.push(format!("{pointer}/{}", escape(label.as_str())));
            (label.as_str().to_string(), &content.body)
        } else {
            (block.ident.as_str().to_string(), &block.body)
        };
        let i = counts.entry(name.clone()).or_insert(0);
        let ptr = format!("{pointer}/{}/{}", escape(&name), i);
        *i += 1;
        out.positions.insert(ptr.clone(), crate::hcl::Pos {
            file,
            offset: block.span().map(|s| s.start).unwrap_or(0),
        });
        if !out.positions.contains_key(&format!("{pointer}/{}", escape(&name))) {
            out.positions.insert(format!("{pointer}/{}", escape(&name)), crate::hcl::Pos {
                file,
                offset: block.span().map(|s| s.start).unwrap_or(0),
            });
        }
        let v = if META_BLOCKS.contains(&name.as_str()) && pointer.is_empty() {
            json!({})
        } else {
            instance(content, file, &ptr, out)
        };
        match map.entry(name).or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(a) => a.push(v),
            _ => {}
        }
    }
    Value::Object(map)
}

/// JSON-pointer escaping of one segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Compiled validators, one per block schema, built on first use.
#[derive(Default)]
pub struct ValidatorCache {
    compiled: HashMap<(super::provider_schema::TypeKind, String), jsonschema::Validator>,
}

impl ValidatorCache {
    pub fn get(
        &mut self,
        kind: super::provider_schema::TypeKind,
        ty: &str,
        block: &Block,
    ) -> Option<&jsonschema::Validator> {
        let key = (kind, ty.to_string());
        if !self.compiled.contains_key(&key) {
            let schema = block_schema(block, true);
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&schema)
                .ok()?;
            self.compiled.insert(key.clone(), validator);
        }
        self.compiled.get(&key)
    }
}
