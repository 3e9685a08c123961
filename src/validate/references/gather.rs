//! The references of each block of a module, by the graph node they belong to.

use super::{node, Declared, Graph};
use crate::hcl::refs::{references_with_scope, Reference};
use crate::hcl::{BlockKind, Module};
use hcl_edit::structure::Body;
use hcl_edit::Span;

/// A reference found in a module, with the graph node it belongs to.
pub(super) struct Found {
    pub from: String,
    pub reference: Reference,
    pub file: usize,
}

/// Collect the references in a body, binding `dynamic` block iterators for their content.
fn walk_body(body: &Body, file: usize, scope: &mut Vec<String>, from: &str, out: &mut Vec<Found>) {
    for attr in body.attributes() {
        for r in references_with_scope(&attr.value, scope) {
            out.push(Found {
                from: from.to_string(),
                reference: r,
                file,
            });
        }
    }
    for block in body.blocks() {
        if block.ident.as_str() == "lifecycle" {
            // `ignore_changes` lists attribute names of this resource, not references.
            for attr in block
                .body
                .attributes()
                .filter(|a| a.key.as_str() != "ignore_changes")
            {
                for r in references_with_scope(&attr.value, scope) {
                    out.push(Found {
                        from: from.to_string(),
                        reference: r,
                        file,
                    });
                }
            }
        } else if block.ident.as_str() == "dynamic" {
            let iterator = block
                .body
                .get_attribute("iterator")
                .and_then(|a| a.value.as_variable().map(|v| v.as_str().to_string()))
                .or_else(|| block.labels.first().map(|l| l.as_str().to_string()));
            for attr in block.body.attributes() {
                if attr.key.as_str() == "iterator" {
                    continue;
                }
                for r in references_with_scope(&attr.value, scope) {
                    out.push(Found {
                        from: from.to_string(),
                        reference: r,
                        file,
                    });
                }
            }
            let before = scope.len();
            if let Some(i) = iterator {
                scope.push(i);
            }
            for content in block.body.blocks() {
                walk_body(&content.body, file, scope, from, out);
            }
            scope.truncate(before);
        } else {
            walk_body(&block.body, file, scope, from, out);
        }
    }
}

/// The arguments of a top-level block that hold addresses rather than values.
fn address_arguments(ident: &str) -> Option<&'static [&'static str]> {
    match ident {
        "moved" => Some(&["from", "to"]),
        "removed" => Some(&["from"]),
        "import" => Some(&["to"]),
        _ => None,
    }
}

/// Every reference in `module`, and a graph node (with its label) for every block.
pub(super) fn references(
    address: &str,
    module: &Module,
    declared: &Declared,
    graph: &mut Graph,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for block in module.blocks() {
        let item = match block.kind {
            BlockKind::Resource | BlockKind::Data | BlockKind::Output | BlockKind::Module => {
                block.address()
            }
            BlockKind::Locals => {
                for (name, attr, p) in module.locals() {
                    if p.file != block.pos.file {
                        continue;
                    }
                    let from = node(address, &format!("local.{name}"));
                    for r in references_with_scope(&attr.value, &[]) {
                        found.push(Found {
                            from: from.clone(),
                            reference: r,
                            file: p.file,
                        });
                    }
                }
                continue;
            }
            BlockKind::Variable => {
                // Validation conditions may only use the variable itself.
                continue;
            }
            BlockKind::Provider | BlockKind::Terraform | BlockKind::Other => block.address(),
        };
        let from = node(address, &item);
        graph.label(address, &item);
        graph.edges.entry(from.clone()).or_default();
        if let Some(addresses) = address_arguments(block.ident) {
            // `moved`, `removed` and `import` name resources by address, and those resources
            // may be gone from the configuration (that is the point of `moved` and
            // `removed`): only their value arguments, such as import's `id`, are references.
            let mut inner = Vec::new();
            walk_body(
                block.body,
                block.pos.file,
                &mut Vec::new(),
                &from,
                &mut inner,
            );
            found.extend(inner.into_iter().filter(|f| {
                !addresses.iter().any(|a| {
                    block
                        .body
                        .get_attribute(a)
                        .and_then(|attr| attr.value.span())
                        .is_some_and(|span| span.contains(&f.reference.offset))
                })
            }));
            continue;
        }
        walk_body(
            block.body,
            block.pos.file,
            &mut Vec::new(),
            &from,
            &mut found,
        );
    }
    for name in declared.variables.keys() {
        graph.label(address, &format!("var.{name}"));
    }
    for name in declared.locals.keys() {
        graph.label(address, &format!("local.{name}"));
    }
    found
}
