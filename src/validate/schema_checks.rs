//! Block bodies against the provider schema: each body, as JSON, is validated with the JSON
//! Schema compiled from its type's block schema, and each JSON Schema error is translated back
//! into a diagnostic at the HCL line it came from.

use super::json_schema::{
    escape, instance, Instance, Shape, TypeValidators, META_ARGUMENTS, META_BLOCKS,
};
use super::provider_schema::{Block, Lookup, ProviderSchema, TypeKind};
use super::{codes, did_you_mean};
use crate::diagnostic::Diagnostic;
use crate::hcl::{BlockKind, ConfigIndex, Module, Pos};
use hcl_edit::structure::Body;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::collections::HashMap;

/// A readable cty type: `list(string)`, `map(number)`.
pub fn cty_name(ty: &Value) -> String {
    match ty {
        Value::String(s) => s.clone(),
        Value::Array(parts) => match (parts.first().and_then(Value::as_str), parts.get(1)) {
            (Some(kind @ ("list" | "set" | "map")), Some(elem)) => {
                format!("{kind}({})", cty_name(elem))
            }
            (Some("object"), _) => "object".into(),
            (Some("tuple"), _) => "tuple".into(),
            _ => "value".into(),
        },
        _ => "value".into(),
    }
}

fn json_kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("bool {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Split a JSON pointer into segments.
fn segments(ptr: &str) -> Vec<String> {
    ptr.split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The schema block a pointer ends in (the block containing the pointed-at attribute), and
/// the attribute or block name the pointer ends with, if any.
fn schema_at<'a>(root: &'a Block, ptr: &str) -> (&'a Block, Option<String>) {
    let segs = segments(ptr);
    let mut block = root;
    let mut i = 0;
    while i < segs.len() {
        let name = &segs[i];
        match block.block_types.get(name) {
            Some(nested) if i + 1 < segs.len() => {
                block = &nested.block;
                i += 2;
            }
            _ => return (block, Some(name.clone())),
        }
    }
    (block, None)
}

/// The nearest recorded position for `ptr` or one of its parents.
fn position(inst: &Instance, ptr: &str, fallback: Pos) -> Pos {
    let mut p = ptr.to_string();
    loop {
        if let Some(pos) = inst.positions.get(&p) {
            return *pos;
        }
        match p.rfind('/') {
            Some(i) => p.truncate(i),
            None => return fallback,
        }
    }
}

fn where_(ty: &str, ptr: &str) -> String {
    let path: Vec<String> = segments(ptr)
        .into_iter()
        .filter(|s| s.parse::<usize>().is_err())
        .collect();
    if path.is_empty() {
        ty.to_string()
    } else {
        format!("{ty}.{}", path.join("."))
    }
}

fn body_has_block(body: &Body, ptr: &str, name: &str) -> bool {
    // Walk literal block names along the pointer; dynamic blocks count as their label.
    let segs = segments(ptr);
    let mut current = body;
    let mut i = 0;
    while i + 1 < segs.len() {
        let (n, idx) = (&segs[i], segs[i + 1].parse::<usize>().unwrap_or(0));
        let found = current
            .blocks()
            .filter(|b| {
                b.ident.as_str() == n
                    || (b.ident.as_str() == "dynamic"
                        && b.labels.first().map(|l| l.as_str()) == Some(n))
            })
            .nth(idx);
        match found {
            Some(b) if b.ident.as_str() == "dynamic" => {
                match b.body.blocks().find(|c| c.ident.as_str() == "content") {
                    Some(c) => current = &c.body,
                    None => return false,
                }
            }
            Some(b) => current = &b.body,
            None => return false,
        }
        i += 2;
    }
    current.blocks().any(|b| {
        b.ident.as_str() == name
            || (b.ident.as_str() == "dynamic" && b.labels.first().map(|l| l.as_str()) == Some(name))
    })
}

pub fn check(index: &ConfigIndex, schema: &ProviderSchema, out: &mut Vec<Diagnostic>) {
    // First pass: look every type up, reporting unknown ones.
    let mut found: Vec<(TypeKind, String, std::sync::Arc<Block>, Shape)> = Vec::new();
    let mut checked: Vec<(
        &Module,
        crate::hcl::TopBlock<'_>,
        TypeKind,
        std::sync::Arc<Block>,
        Instance,
    )> = Vec::new();
    let mut not_covered: Vec<(TypeKind, &str)> = Vec::new();
    for (_, module) in index.iter() {
        for block in module.blocks() {
            let kind = match block.kind {
                BlockKind::Resource => TypeKind::Resource,
                BlockKind::Data => TypeKind::Data,
                BlockKind::Provider => TypeKind::Provider,
                _ => continue,
            };
            let Some(ty) = block.labels.first().copied() else {
                continue;
            };
            let what = match kind {
                TypeKind::Data => "data source",
                TypeKind::Resource => "resource type",
                TypeKind::Provider => "provider",
            };
            match schema.lookup(kind, ty) {
                Lookup::Found(b) => {
                    let mut inst = Instance {
                        value: Value::Null,
                        positions: HashMap::new(),
                        dynamic_blocks: Vec::new(),
                    };
                    inst.value = instance(block.body, block.pos.file, "", &mut inst);
                    match found.iter_mut().find(|(k, t, _, _)| *k == kind && t == ty) {
                        Some((_, _, _, shape)) => shape.add(&inst.value),
                        None => {
                            let mut shape = Shape::default();
                            shape.add(&inst.value);
                            found.push((kind, ty.to_string(), b.clone(), shape));
                        }
                    }
                    checked.push((module, block, kind, b, inst));
                }
                Lookup::Unavailable => {}
                Lookup::NotCovered => {
                    if !not_covered.contains(&(kind, ty)) {
                        not_covered.push((kind, ty));
                        out.push(
                            codes::NOT_SCHEMA_CHECKED
                                .at(
                                    module,
                                    block.pos,
                                    format!(
                                        "{what} `{ty}` was not schema-checked: the embedded schema covers only the {} types petgen renders",
                                        schema.type_count()
                                    ),
                                )
                                .hint("for a full check pass --provider-schema FILE (from `terraform providers schema -json`), set PETGEN_PROVIDER_SCHEMA, or run terraform init in the root"),
                        );
                    }
                }
                Lookup::Unknown => {
                    let mut d =
                        codes::UNKNOWN_TYPE.at(module, block.pos, format!("unknown {what} `{ty}`"));
                    if let Some(s) = did_you_mean(ty, schema.type_names(kind)) {
                        d = d.hint(format!("did you mean `{s}`?"));
                    }
                    out.push(d);
                }
            }
        }
    }
    // Second pass: one compiled schema for all of them, then every body.
    let Some(validators) =
        TypeValidators::build(found.iter().map(|(k, t, b, s)| (*k, t.as_str(), b, s)))
    else {
        return;
    };
    for (module, block, kind, schema_block, inst) in checked {
        let ty = block.labels.first().copied().unwrap_or_default();
        let label = match kind {
            TypeKind::Provider => format!("provider \"{ty}\""),
            _ => ty.to_string(),
        };
        BodyCheck {
            module,
            block_pos: block.pos,
            body: block.body,
            label: &label,
            schema_block: &schema_block,
            inst: &inst,
            out,
        }
        .run(kind, ty, &validators);
        deprecated(
            module,
            block.pos.file,
            block.body,
            ty,
            &schema_block,
            true,
            out,
        );
    }
}

#[allow(clippy::too_many_arguments)]
/// One block body's schema errors, turned into diagnostics at their HCL positions.
struct BodyCheck<'a, 'o> {
    module: &'a Module,
    block_pos: Pos,
    body: &'a Body,
    label: &'a str,
    schema_block: &'a Block,
    inst: &'a Instance,
    out: &'o mut Vec<Diagnostic>,
}

impl BodyCheck<'_, '_> {
    fn run(&mut self, kind: TypeKind, ty: &str, validators: &TypeValidators) {
        for (ptr, error, instance_value) in validators.errors(kind, ty, &self.inst.value) {
            match &error {
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    self.unknown(&ptr, unexpected)
                }
                ValidationErrorKind::Required { property } => self.required(&ptr, property),
                ValidationErrorKind::FalseSchema => self.computed(&ptr),
                ValidationErrorKind::MaxItems { limit } => {
                    self.block_count(&ptr, *limit, &instance_value, true)
                }
                ValidationErrorKind::MinItems { limit } => {
                    self.block_count(&ptr, *limit, &instance_value, false)
                }
                ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::Type { .. } => {
                    self.wrong_type(&ptr, &instance_value)
                }
                other => self.other(&ptr, other),
            }
        }
    }

    /// Arguments or blocks the schema does not have.
    fn unknown(&mut self, ptr: &str, unexpected: &[String]) {
        let (at, _) = schema_at(self.schema_block, &format!("{ptr}/x"));
        for name in unexpected {
            let is_block = body_has_block(self.body, ptr, name);
            let pos = position(
                self.inst,
                &format!("{ptr}/{}", escape(name)),
                self.block_pos,
            );
            let candidates: Vec<&str> = if is_block {
                at.block_types.keys().map(String::as_str).collect()
            } else {
                at.attributes.keys().map(String::as_str).collect()
            };
            let (code, noun) = if is_block {
                (&codes::UNKNOWN_BLOCK, "block type")
            } else {
                (&codes::UNKNOWN_ARGUMENT, "argument")
            };
            let mut d = code.at(
                self.module,
                pos,
                format!("unknown {noun} `{name}` in {}", where_(self.label, ptr)),
            );
            let top = ptr.is_empty();
            let extra: Vec<&str> = if top {
                if is_block {
                    META_BLOCKS.to_vec()
                } else {
                    META_ARGUMENTS.to_vec()
                }
            } else {
                Vec::new()
            };
            if let Some(s) = did_you_mean(name, candidates.iter().copied().chain(extra)) {
                d = d.hint(format!("did you mean `{s}`?"));
            } else if !is_block && at.block_types.contains_key(name) {
                d = d.hint(format!("`{name}` is a block: write `{name} {{ ... }}`"));
            } else if is_block && at.attributes.contains_key(name) {
                d = d.hint(format!("`{name}` is an argument: write `{name} = ...`"));
            }
            self.out.push(d);
        }
    }

    /// A required argument or block that is missing.
    fn required(&mut self, ptr: &str, property: &Value) {
        let name = property.as_str().unwrap_or_default();
        let (at, _) = schema_at(self.schema_block, &format!("{ptr}/x"));
        let is_block = at.block_types.contains_key(name);
        let pos = position(self.inst, ptr, self.block_pos);
        let d = if is_block {
            codes::MISSING_BLOCK
                .at(
                    self.module,
                    pos,
                    format!(
                        "{} needs at least one `{name}` block",
                        where_(self.label, ptr)
                    ),
                )
                .hint(format!("add `{name} {{ ... }}`"))
        } else {
            codes::MISSING_ARGUMENT
                .at(
                    self.module,
                    pos,
                    format!(
                        "missing required argument `{name}` in {}",
                        where_(self.label, ptr)
                    ),
                )
                .hint(format!("set `{name} = ...`"))
        };
        self.out.push(d);
    }

    /// An attribute only the provider may set.
    fn computed(&mut self, ptr: &str) {
        let pos = position(self.inst, ptr, self.block_pos);
        self.out.push(
            codes::COMPUTED_ATTRIBUTE
                .at(
                    self.module,
                    pos,
                    format!(
                        "`{}` is computed by the provider and cannot be set",
                        where_(self.label, ptr)
                    ),
                )
                .hint("remove the argument; read it as an attribute of the resource instead"),
        );
    }

    /// Too many or too few nested blocks.
    fn block_count(&mut self, ptr: &str, limit: u64, instance_value: &Value, is_max: bool) {
        if self.inst.dynamic_blocks.iter().any(|d| d == ptr) {
            return;
        }
        let found = instance_value.as_array().map(|a| a.len()).unwrap_or(0);
        let pos = if is_max {
            position(self.inst, &format!("{ptr}/{limit}"), self.block_pos)
        } else {
            position(self.inst, ptr, self.block_pos)
        };
        let name = segments(ptr).last().cloned().unwrap_or_default();
        self.out.push(
            codes::BLOCK_COUNT
                .at(
                    self.module,
                    pos,
                    format!(
                        "{} allows {} {limit} `{name}` block{}, found {found}",
                        where_(self.label, &ptr[..ptr.rfind('/').unwrap_or(0)]),
                        if is_max { "at most" } else { "at least" },
                        if limit == 1 { "" } else { "s" },
                    ),
                )
                .hint(if is_max {
                    "remove the extra blocks"
                } else {
                    "add the missing blocks"
                }),
        );
    }

    /// A literal of the wrong type, or an argument where a block belongs.
    fn wrong_type(&mut self, ptr: &str, instance_value: &Value) {
        let (at, name) = schema_at(self.schema_block, ptr);
        let pos = position(self.inst, ptr, self.block_pos);
        let got = json_kind(instance_value);
        if let Some(n) = name.as_deref().filter(|n| at.block_types.contains_key(*n)) {
            self.out.push(
                codes::WRONG_TYPE
                    .at(
                        self.module,
                        pos,
                        format!("`{}` is a block, not an argument", where_(self.label, ptr)),
                    )
                    .hint(format!("write `{n} {{ ... }}` instead of `{n} = ...`")),
            );
            return;
        }
        let expected = name
            .as_deref()
            .and_then(|n| at.attributes.get(n))
            .and_then(|a| a.ty.as_ref())
            .map(cty_name)
            .unwrap_or_else(|| "another type".into());
        self.out.push(
            codes::WRONG_TYPE
                .at(
                    self.module,
                    pos,
                    format!(
                        "wrong type for `{}`: expected {expected}, got {got}",
                        where_(self.label, ptr)
                    ),
                )
                .hint(format!("write a {expected} value")),
        );
    }

    fn other(&mut self, ptr: &str, other: &ValidationErrorKind) {
        let pos = position(self.inst, ptr, self.block_pos);
        self.out.push(codes::SCHEMA.at(
            self.module,
            pos,
            format!("{}: {other:?}", where_(self.label, ptr)),
        ));
    }
}

/// Deprecated arguments and blocks that are set, as warnings.
fn deprecated(
    module: &Module,
    file: usize,
    body: &Body,
    ty: &str,
    block: &Block,
    top: bool,
    out: &mut Vec<Diagnostic>,
) {
    for attr in body.attributes() {
        let name = attr.key.as_str();
        if top && META_ARGUMENTS.contains(&name) {
            continue;
        }
        if block.attributes.get(name).is_some_and(|a| a.deprecated) {
            out.push(
                codes::DEPRECATED
                    .at(
                        module,
                        crate::hcl::pos_of(file, attr),
                        format!("`{name}` is deprecated in {ty}"),
                    )
                    .hint("remove it or use its replacement; see the provider's upgrade guide"),
            );
        }
    }
    for nested in body.blocks() {
        let (name, content) = if nested.ident.as_str() == "dynamic" {
            match (
                nested.labels.first(),
                nested.body.blocks().find(|b| b.ident.as_str() == "content"),
            ) {
                (Some(l), Some(c)) => (l.as_str(), &c.body),
                _ => continue,
            }
        } else {
            (nested.ident.as_str(), &nested.body)
        };
        if let Some(schema) = block.block_types.get(name) {
            if schema.block.deprecated {
                out.push(
                    codes::DEPRECATED
                        .at(
                            module,
                            crate::hcl::pos_of(file, nested),
                            format!("block `{name}` is deprecated in {ty}"),
                        )
                        .hint("remove it or use its replacement; see the provider's upgrade guide"),
                );
            }
            deprecated(module, file, content, ty, &schema.block, false, out);
        }
    }
}
