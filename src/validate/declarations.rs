//! Declarations terraform refuses before it looks at any value: the same resource, data
//! source, variable, output, local value or module call declared twice in a module (in one
//! file or across files), and blocks with an empty label. Also terraform's warning for a
//! `version` argument in a provider block, which it still accepts. And a resource's `count`
//! or `for_each` that is not a number of instances.

use super::codes;
use crate::diagnostic::Diagnostic;
use crate::hcl::semantic::{Count, Model, Res, MAX_INSTANCES};
use crate::hcl::{BlockKind, ConfigIndex, Module, Pos};
use std::collections::HashMap;

pub fn check(index: &ConfigIndex, out: &mut Vec<Diagnostic>) {
    let model = Model::new(index);
    for (_, module) in index.iter() {
        duplicates(module, out);
        empty_labels(module, out);
        provider_versions(module, out);
        counts(&model, module, out);
    }
}

/// `count = -3`, `count = 1.5` and `count = "x"` are refused by terraform; `count = 1e9` is
/// accepted by it and then exhausts it, and everything petgen does per instance.
fn counts(model: &Model, module: &Module, out: &mut Vec<Diagnostic>) {
    for block in module.resources() {
        let res = Res::from_parts(model, module, block);
        if let Count::Invalid(why) = res.count() {
            let arg = if res.attr("count").is_some() {
                "count"
            } else {
                "for_each"
            };
            out.push(
                codes::INVALID_COUNT
                    .at(module, res.pos_of(arg), why)
                    .hint(format!(
                    "give `{arg}` a whole number from 0 to {MAX_INSTANCES}, or split the resource"
                )),
            );
        }
    }
}

fn duplicates(module: &Module, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, Pos> = HashMap::new();
    let mut report = |what: String, pos: Pos, out: &mut Vec<Diagnostic>| match first.get(&what) {
        Some(earlier) => {
            let at = module.location(*earlier);
            out.push(
                codes::DUPLICATE_DECLARATION
                    .at(module, pos, format!("{what} is declared twice"))
                    .hint(format!(
                        "the first declaration is at {at}; rename or remove one of them"
                    )),
            );
        }
        None => {
            first.insert(what, pos);
        }
    };
    for block in module.blocks() {
        let what = match (block.kind, block.labels.as_slice()) {
            // Two configurations of one provider need an alias each but one.
            (BlockKind::Provider, [p]) => match block.attr("alias") {
                None => format!("provider `{p}` (the one without an alias)"),
                Some(a) => match a.value.as_str() {
                    Some(alias) => format!("provider `{p}` with alias `{alias}`"),
                    None => continue,
                },
            },
            (BlockKind::Resource, [t, n]) => format!("resource `{t}.{n}`"),
            (BlockKind::Data, [t, n]) => format!("data source `data.{t}.{n}`"),
            (BlockKind::Variable, [n]) => format!("variable `{n}`"),
            (BlockKind::Output, [n]) => format!("output `{n}`"),
            (BlockKind::Module, [n]) => format!("module call `{n}`"),
            _ => continue,
        };
        report(what, block.pos, out);
    }
    for (name, _, pos) in module.locals() {
        report(format!("local value `{name}`"), pos, out);
    }
}

/// Terraform's identifiers: a letter or underscore, then letters, digits, underscores and
/// dashes.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn empty_labels(module: &Module, out: &mut Vec<Diagnostic>) {
    for block in module.blocks() {
        // The label that names what the block declares (a resource's second, a variable's
        // first): terraform refuses one that is not an identifier.
        let name = match (block.kind, block.labels.as_slice()) {
            (BlockKind::Resource | BlockKind::Data, [_, n]) => Some(*n),
            (BlockKind::Variable | BlockKind::Output | BlockKind::Module, [n]) => Some(*n),
            _ => None,
        };
        if let Some(n) = name.filter(|n| !n.trim().is_empty() && !is_identifier(n)) {
            out.push(
                codes::INVALID_NAME
                    .at(module, block.pos, format!("{n:?} is not a valid name for this `{}` block", block.ident))
                    .hint("a name starts with a letter or underscore and holds letters, digits, underscores and dashes"),
            );
        }
        if block.labels.iter().any(|l| l.trim().is_empty()) {
            out.push(
                codes::EMPTY_LABEL
                    .at(
                        module,
                        block.pos,
                        format!("this `{}` block has an empty label", block.ident),
                    )
                    .hint("labels name what the block declares: give it a name of letters, digits, `_` and `-`"),
            );
        }
    }
}

fn provider_versions(module: &Module, out: &mut Vec<Diagnostic>) {
    for block in module.blocks_of(BlockKind::Provider) {
        if let Some(attr) = block.attr("version") {
            let name = block.labels.first().copied().unwrap_or_default();
            out.push(
                codes::DEPRECATED
                    .at(
                        module,
                        crate::hcl::pos_of(block.pos.file, attr),
                        format!("version constraints inside provider blocks are deprecated (provider \"{name}\")"),
                    )
                    .hint(format!("move the constraint to terraform {{ required_providers {{ {name} = {{ version = ... }} }} }} and remove it here")),
            );
        }
    }
}
