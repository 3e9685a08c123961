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
use std::sync::{Arc, LazyLock, Mutex};

pub const UNKNOWN_KEY: &str = "$petgen_unknown";

/// Arguments every resource and data block may carry besides its schema.
pub const META_ARGUMENTS: &[&str] = &["count", "for_each", "depends_on", "provider"];
/// Meta blocks every resource block may carry besides its schema.
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];
/// Meta-arguments of a provider block. `version` is deprecated there, not invalid: terraform
/// warns (see `schema_checks`).
pub const PROVIDER_META: &[&str] = &["alias", "version"];

/// The shared definitions that primitive types refer to.
pub fn definitions() -> Value {
    json!({
        "string": or_unknown(json!({ "type": ["string", "number", "boolean"] })),
        "number": or_unknown(json!({ "anyOf": [
            { "type": "number" },
            { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$" }
        ] })),
        "bool": or_unknown(json!({ "anyOf": [{ "type": "boolean" }, { "enum": ["true", "false"] }] })),
    })
}

fn unknown_schema() -> Value {
    json!({ "type": "object", "required": [UNKNOWN_KEY], "maxProperties": 1 })
}

fn or_unknown(schema: Value) -> Value {
    json!({ "anyOf": [schema, unknown_schema(), { "type": "null" }] })
}

/// JSON Schema of a cty type (in its JSON form).
pub fn cty_schema(ty: &Value) -> Value {
    let inner = match ty {
        // Primitive types are shared definitions (see [`definitions`]): most arguments are
        // primitives, and one compiled copy serves them all.
        Value::String(s) => match s.as_str() {
            "string" | "number" | "bool" => return json!({ "$ref": format!("#/definitions/{s}") }),
            _ => json!({}),
        },
        Value::Array(parts) => match (parts.first().and_then(Value::as_str), parts.get(1)) {
            (Some("list" | "set"), Some(elem)) => {
                json!({ "type": "array", "items": cty_schema(elem) })
            }
            (Some("map"), Some(elem)) => {
                json!({ "type": "object", "additionalProperties": cty_schema(elem) })
            }
            (Some("object"), Some(Value::Object(fields))) => {
                let props: Map<String, Value> = fields
                    .iter()
                    .map(|(k, v)| (k.clone(), cty_schema(v)))
                    .collect();
                json!({ "type": "object", "properties": props, "additionalProperties": false })
            }
            (Some("tuple"), Some(Value::Array(elems))) => {
                json!({ "type": "array", "items": elems.iter().map(cty_schema).collect::<Vec<_>>() })
            }
            _ => json!({}),
        },
        _ => json!({}),
    };
    or_unknown(inner)
}

/// The keys instances actually use, merged over every instance of a type: type schemas are
/// only built for arguments and blocks that appear, which keeps compilation small. Absent
/// keys still count for `required` and `additionalProperties`.
#[derive(Debug, Default)]
pub struct Shape {
    keys: std::collections::BTreeMap<String, Shape>,
}

impl Shape {
    pub fn add(&mut self, value: &Value) {
        match value {
            Value::Object(map) if !map.contains_key(UNKNOWN_KEY) => {
                for (k, v) in map {
                    self.keys.entry(k.clone()).or_default().add(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.add(i)),
            _ => {}
        }
    }
}

/// JSON Schema of a block body, for instances of `shape`. `meta` adds the resource
/// meta-arguments.
pub fn block_schema(block: &Block, meta: bool, shape: &Shape) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, attr) in &block.attributes {
        if attr.computed_only() {
            props.insert(name.clone(), Value::Bool(false));
            continue;
        }
        let schema = match (&attr.ty, shape.keys.contains_key(name)) {
            (Some(ty), true) => cty_schema(ty),
            _ => Value::Bool(true),
        };
        props.insert(name.clone(), schema);
        if attr.required {
            required.push(Value::String(name.clone()));
        }
    }
    for (name, nested) in &block.block_types {
        let schema = match shape.keys.get(name) {
            Some(inner) => nested_schema(nested, inner),
            None => Value::Bool(true),
        };
        props.insert(name.clone(), schema);
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

fn nested_schema(nested: &NestedBlock, shape: &Shape) -> Value {
    let mut s = Map::new();
    s.insert("type".into(), json!("array"));
    s.insert("items".into(), block_schema(&nested.block, false, shape));
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
            let Some(label) = block.labels.first() else {
                continue;
            };
            let Some(content) = block.body.blocks().find(|b| b.ident.as_str() == "content") else {
                continue;
            };
            out.dynamic_blocks
                .push(format!("{pointer}/{}", escape(label.as_str())));
            (label.as_str().to_string(), &content.body)
        } else {
            (block.ident.as_str().to_string(), &block.body)
        };
        let i = counts.entry(name.clone()).or_insert(0);
        let ptr = format!("{pointer}/{}/{}", escape(&name), i);
        *i += 1;
        out.positions.insert(
            ptr.clone(),
            crate::hcl::Pos {
                file,
                offset: block.span().map(|s| s.start).unwrap_or(0),
            },
        );
        out.positions
            .entry(format!("{pointer}/{}", escape(&name)))
            .or_insert(crate::hcl::Pos {
                file,
                offset: block.span().map(|s| s.start).unwrap_or(0),
            });
        let v = if META_BLOCKS.contains(&name.as_str()) && pointer.is_empty() {
            json!({})
        } else {
            instance(content, file, &ptr, out)
        };
        if let Value::Array(a) = map.entry(name).or_insert_with(|| Value::Array(Vec::new())) {
            a.push(v);
        }
    }
    Value::Object(map)
}

/// JSON-pointer escaping of one segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The compiled validators of the block schemas a configuration uses, one per type.
///
/// Compiling (which includes checking each schema against the JSON Schema meta-schema) is
/// the expensive part, so every compiled schema is kept for the life of the process, keyed by
/// its own text: `render --all` over many profiles, or `lint` over several roots, compiles
/// each distinct type schema once.
pub struct TypeValidators {
    by_type: HashMap<String, Arc<jsonschema::Validator>>,
}

/// Compiled type schemas, keyed by the block schema they came from (its address, kept valid
/// by holding the block itself), the type, and the shape of the instances. Building the key
/// costs a walk over the shape's key names; building the JSON Schema text would cost far more
/// than the validation it guards.
type CacheKey = (usize, String, String);
type Cached = (Arc<Block>, Arc<jsonschema::Validator>);
static COMPILED: LazyLock<Mutex<HashMap<CacheKey, Cached>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

impl Shape {
    /// The key names, nested: `a,b{c,d},e`.
    fn signature(&self, out: &mut String) {
        for (i, (k, inner)) in self.keys.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(k);
            if !inner.keys.is_empty() {
                out.push('{');
                inner.signature(out);
                out.push('}');
            }
        }
    }
}

/// The root-schema property for a type: `resource.aws_vpc`, `data.aws_region`.
pub fn type_key(kind: super::provider_schema::TypeKind, ty: &str) -> String {
    match kind {
        super::provider_schema::TypeKind::Resource => format!("resource.{ty}"),
        super::provider_schema::TypeKind::Data => format!("data.{ty}"),
        super::provider_schema::TypeKind::Provider => format!("provider.{ty}"),
    }
}

fn compile(schema: Value) -> Option<Arc<jsonschema::Validator>> {
    Some(Arc::new(
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&schema)
            .ok()?,
    ))
}

/// The compiled schema of one type for one shape: from the process's cache, or built and
/// added to it.
fn validator_for(
    kind: super::provider_schema::TypeKind,
    ty: &str,
    block: &Arc<Block>,
    shape: &Shape,
) -> Option<Arc<jsonschema::Validator>> {
    let mut signature = String::new();
    shape.signature(&mut signature);
    let key = (Arc::as_ptr(block) as usize, type_key(kind, ty), signature);
    if let Some((_, v)) = COMPILED.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Some(v);
    }
    let provider = kind == super::provider_schema::TypeKind::Provider;
    let mut schema = block_schema(block, !provider, shape);
    if provider {
        if let Some(p) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            for m in PROVIDER_META {
                p.insert(m.to_string(), json!({}));
            }
        }
    }
    if let Some(o) = schema.as_object_mut() {
        o.insert("definitions".into(), definitions());
    }
    let validator = compile(schema)?;
    if let Ok(mut c) = COMPILED.lock() {
        c.insert(key, (block.clone(), validator.clone()));
    }
    Some(validator)
}

impl TypeValidators {
    /// Translate every block schema for the shapes its instances have, and compile each
    /// (or take it from the process's cache).
    pub fn build<'a>(
        types: impl Iterator<
            Item = (
                super::provider_schema::TypeKind,
                &'a str,
                &'a Arc<Block>,
                &'a Shape,
            ),
        >,
    ) -> Option<TypeValidators> {
        let mut by_type = HashMap::new();
        for (kind, ty, block, shape) in types {
            by_type.insert(type_key(kind, ty), validator_for(kind, ty, block, shape)?);
        }
        Some(TypeValidators { by_type })
    }

    /// Errors for one body, with instance paths relative to the body.
    pub fn errors(
        &self,
        kind: super::provider_schema::TypeKind,
        ty: &str,
        body: &Value,
    ) -> Vec<(String, jsonschema::error::ValidationErrorKind, Value)> {
        let Some(validator) = self.by_type.get(&type_key(kind, ty)) else {
            return Vec::new();
        };
        validator
            .iter_errors(body)
            .map(|e| {
                let parts = e.into_parts();
                (
                    parts.instance_path.to_string(),
                    parts.kind,
                    parts.instance.into_owned(),
                )
            })
            .collect()
    }
}
