//! Reference checks: every `var.`, `local.`, `module.`, `data.` and resource reference resolves
//! within its module; referenced attributes exist on their type; module calls match the child
//! module's variables; outputs used from a module exist; no dependency cycles; unused variables
//! and locals are reported.

use super::provider_schema::{Lookup, ProviderSchema, TypeKind};
use super::{codes, did_you_mean};
use crate::diagnostic::Diagnostic;
use crate::hcl::refs::{references_with_scope, Reference};
use crate::hcl::{BlockKind, ConfigIndex, Module, Pos};
use hcl_edit::structure::Body;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Names that are always in scope.
const BUILTIN_ROOTS: &[&str] = &["each", "count", "path", "terraform", "self"];

/// Arguments of a `module` block that are not input variables.
const MODULE_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// A dependency edge: target node, module address of the reference, and its position.
type Edge = (String, String, Pos);
/// A cycle: each node with the edge to the next.
type Cycle = Vec<(String, Edge)>;

/// A reference found in a module, with the graph node it belongs to.
struct Found {
    from: String,
    reference: Reference,
    file: usize,
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

fn node(module: &str, item: &str) -> String {
    format!("{module}|{item}")
}

/// Schema attribute or nested block names of a type, when known.
fn type_members(schema: Option<&ProviderSchema>, kind: TypeKind, ty: &str) -> Option<Vec<String>> {
    match schema?.lookup(kind, ty) {
        Lookup::Found(b) => Some(
            b.attributes
                .keys()
                .chain(b.block_types.keys())
                .cloned()
                .collect(),
        ),
        _ => None,
    }
}

pub fn check(index: &ConfigIndex, schema: Option<&ProviderSchema>, out: &mut Vec<Diagnostic>) {
    // node → [(dependency node, module address, position of the reference)]
    let mut graph: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    let mut labels: HashMap<String, String> = HashMap::new();

    for (address, module) in index.iter() {
        let resources: BTreeSet<(String, String)> = module
            .resources()
            .filter_map(|b| match b.labels.as_slice() {
                [t, n] => Some((t.to_string(), n.to_string())),
                _ => None,
            })
            .collect();
        let resource_types: BTreeSet<&str> = resources.iter().map(|(t, _)| t.as_str()).collect();
        let data: BTreeSet<(String, String)> = module
            .blocks_of(BlockKind::Data)
            .filter_map(|b| match b.labels.as_slice() {
                [t, n] => Some((t.to_string(), n.to_string())),
                _ => None,
            })
            .collect();
        let variables: BTreeMap<String, Pos> = module
            .blocks_of(BlockKind::Variable)
            .filter_map(|b| b.labels.first().map(|n| (n.to_string(), b.pos)))
            .collect();
        let locals: BTreeMap<String, Pos> = module
            .locals()
            .map(|(n, _, p)| (n.to_string(), p))
            .collect();
        let calls: BTreeSet<String> = module
            .blocks_of(BlockKind::Module)
            .filter_map(|b| b.labels.first().map(|n| n.to_string()))
            .collect();

        // Gather references per graph node.
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
            labels.insert(from.clone(), display(address, &item));
            graph.entry(from.clone()).or_default();
            walk_body(
                block.body,
                block.pos.file,
                &mut Vec::new(),
                &from,
                &mut found,
            );
        }
        for name in variables.keys() {
            labels.insert(
                node(address, &format!("var.{name}")),
                display(address, &format!("var.{name}")),
            );
        }
        for name in locals.keys() {
            labels.insert(
                node(address, &format!("local.{name}")),
                display(address, &format!("local.{name}")),
            );
        }

        let mut used_vars = BTreeSet::new();
        let mut used_locals = BTreeSet::new();
        for f in &found {
            let r = &f.reference;
            let pos = Pos {
                file: f.file,
                offset: r.offset,
            };
            let target: Option<String> = match r.root.as_str() {
                "var" => {
                    let Some(name) = r.attrs().first().map(|s| s.to_string()) else {
                        continue;
                    };
                    if variables.contains_key(&name) {
                        used_vars.insert(name.clone());
                        Some(format!("var.{name}"))
                    } else {
                        let mut d = codes::UNDECLARED_VARIABLE.at(
                            module,
                            pos,
                            format!("reference to undeclared variable `var.{name}`"),
                        );
                        d = match did_you_mean(&name, variables.keys().map(String::as_str)) {
                            Some(s) => d.hint(format!("did you mean `var.{s}`?")),
                            None => {
                                d.hint(format!("declare it: variable \"{name}\" {{ type = ... }}"))
                            }
                        };
                        out.push(d);
                        None
                    }
                }
                "local" => {
                    let Some(name) = r.attrs().first().map(|s| s.to_string()) else {
                        continue;
                    };
                    if locals.contains_key(&name) {
                        used_locals.insert(name.clone());
                        Some(format!("local.{name}"))
                    } else {
                        let mut d = codes::UNDECLARED_LOCAL.at(
                            module,
                            pos,
                            format!("reference to undeclared local value `local.{name}`"),
                        );
                        if let Some(s) = did_you_mean(&name, locals.keys().map(String::as_str)) {
                            d = d.hint(format!("did you mean `local.{s}`?"));
                        }
                        out.push(d);
                        None
                    }
                }
                "module" => {
                    let attrs = r.attrs_after_instance(1);
                    let Some(call) = attrs.first().map(|s| s.to_string()) else {
                        continue;
                    };
                    if !calls.contains(&call) {
                        out.push(codes::UNDECLARED_MODULE.at(
                            module,
                            pos,
                            format!("reference to undeclared module `module.{call}`"),
                        ));
                        None
                    } else {
                        match (attrs.get(1), index.child(address, &call)) {
                            (Some(output), Some(child)) => {
                                if child.output(output).is_some() {
                                    let child_address = child.address.clone();
                                    edge(
                                        &mut graph,
                                        &f.from,
                                        node(&child_address, &format!("output.{output}")),
                                        address,
                                        pos,
                                    );
                                    None
                                } else {
                                    let names: Vec<String> = child
                                        .blocks_of(BlockKind::Output)
                                        .filter_map(|b| b.labels.first().map(|s| s.to_string()))
                                        .collect();
                                    let mut d = codes::UNKNOWN_OUTPUT.at(
                                        module,
                                        pos,
                                        format!("module `{call}` has no output `{output}`"),
                                    );
                                    d = match did_you_mean(output, names.iter().map(String::as_str))
                                    {
                                        Some(s) => {
                                            d.hint(format!("did you mean `module.{call}.{s}`?"))
                                        }
                                        None => d.hint(format!(
                                            "declare output \"{output}\" in {}",
                                            child.dir.display()
                                        )),
                                    };
                                    out.push(d);
                                    None
                                }
                            }
                            _ => Some(format!("module.{call}")),
                        }
                    }
                }
                "data" => {
                    let attrs = r.attrs_after_instance(2);
                    let (Some(t), Some(n)) = (attrs.first(), attrs.get(1)) else {
                        continue;
                    };
                    if !data.contains(&(t.to_string(), n.to_string())) {
                        out.push(codes::UNDECLARED_REFERENCE.at(
                            module,
                            pos,
                            format!("reference to undeclared data source `data.{t}.{n}`"),
                        ));
                        None
                    } else {
                        if let (Some(attr), Some(members)) =
                            (attrs.get(2), type_members(schema, TypeKind::Data, t))
                        {
                            check_attr(module, pos, &format!("data.{t}"), attr, &members, out);
                            deprecated_attr(module, pos, schema, TypeKind::Data, t, attr, out);
                        }
                        Some(format!("data.{t}.{n}"))
                    }
                }
                root if BUILTIN_ROOTS.contains(&root) => None,
                root => {
                    let attrs = r.attrs_after_instance(1);
                    let Some(name) = attrs.first() else {
                        out.push(codes::UNKNOWN_REFERENCE.at(
                            module,
                            pos,
                            format!("unknown name `{root}`"),
                        ));
                        continue;
                    };
                    if resources.contains(&(root.to_string(), name.to_string())) {
                        if let (Some(attr), Some(members)) =
                            (attrs.get(1), type_members(schema, TypeKind::Resource, root))
                        {
                            check_attr(module, pos, root, attr, &members, out);
                        }
                        Some(format!("{root}.{name}"))
                    } else {
                        let same_type: Vec<&str> = resources
                            .iter()
                            .filter(|(t, _)| t == root)
                            .map(|(_, n)| n.as_str())
                            .collect();
                        let mut d = codes::UNDECLARED_REFERENCE.at(
                            module,
                            pos,
                            if resource_types.contains(root) || root.contains('_') {
                                format!("reference to undeclared resource `{root}.{name}`")
                            } else {
                                format!("unknown name `{root}`")
                            },
                        );
                        if let Some(s) = did_you_mean(name, same_type.iter().copied()) {
                            d = d.hint(format!("did you mean `{root}.{s}`?"));
                        }
                        out.push(d);
                        None
                    }
                }
            };
            if let Some(t) = target {
                edge(&mut graph, &f.from, node(address, &t), address, pos);
            }
        }

        for (name, pos) in &variables {
            if !used_vars.contains(name) {
                out.push(
                    codes::UNUSED_VARIABLE
                        .at(
                            module,
                            *pos,
                            format!("variable `{name}` is declared but never used"),
                        )
                        .hint("remove it, or use it"),
                );
            }
        }
        for (name, pos) in &locals {
            if !used_locals.contains(name) {
                out.push(
                    codes::UNUSED_LOCAL
                        .at(module, *pos, format!("local value `{name}` is never used"))
                        .hint("remove it, or use it"),
                );
            }
        }

        // Module calls against the child's variables.
        for call in module.blocks_of(BlockKind::Module) {
            let Some(name) = call.labels.first() else {
                continue;
            };
            let Some(child) = index.child(address, name) else {
                continue;
            };
            let declared: BTreeMap<String, bool> = child
                .blocks_of(BlockKind::Variable)
                .filter_map(|v| {
                    let required = v.attr("default").is_none();
                    v.labels.first().map(|n| (n.to_string(), required))
                })
                .collect();
            for arg in call.body.attributes() {
                let key = arg.key.as_str();
                if MODULE_META.contains(&key) {
                    continue;
                }
                let pos = crate::hcl::pos_of(call.pos.file, arg);
                if declared.contains_key(key) {
                    // The child's variable depends on whatever the argument references.
                    for r in references_with_scope(&arg.value, &[]) {
                        if let Some(t) = simple_target(&r) {
                            edge(
                                &mut graph,
                                &node(&child.address, &format!("var.{key}")),
                                node(address, &t),
                                address,
                                pos,
                            );
                        }
                    }
                } else {
                    let mut d = codes::MODULE_UNKNOWN_ARGUMENT.at(
                        module,
                        pos,
                        format!("module `{name}` has no variable `{key}`"),
                    );
                    d = match did_you_mean(key, declared.keys().map(String::as_str)) {
                        Some(s) => d.hint(format!("did you mean `{s}`?")),
                        None => d.hint(format!(
                            "remove it, or declare variable \"{key}\" in {}",
                            child.dir.display()
                        )),
                    };
                    out.push(d);
                }
            }
            for (var, required) in &declared {
                if *required && call.body.get_attribute(var).is_none() {
                    out.push(
                        codes::MODULE_MISSING_ARGUMENT
                            .at(
                                module,
                                call.pos,
                                format!("module `{name}` needs variable `{var}`, which is not set"),
                            )
                            .hint(format!("add `{var} = ...` to the module block")),
                    );
                }
            }
        }
        // A module's outputs are graph nodes too.
        for o in module.blocks_of(BlockKind::Output) {
            labels.insert(node(address, &o.address()), display(address, &o.address()));
        }
    }

    for cycle in find_cycles(&graph) {
        let (first_from, (_, module_addr, pos)) = &cycle[0];
        let Some(module) = index.modules.get(module_addr) else {
            continue;
        };
        let mut path: Vec<String> = cycle
            .iter()
            .map(|(n, _)| labels.get(n).cloned().unwrap_or_else(|| n.clone()))
            .collect();
        path.push(
            labels
                .get(first_from)
                .cloned()
                .unwrap_or_else(|| first_from.clone()),
        );
        out.push(
            codes::CYCLE
                .at(
                    module,
                    *pos,
                    format!("dependency cycle: {}", path.join(" -> ")),
                )
                .hint("break the cycle: one of these must not depend on the next"),
        );
    }
}

/// The graph item a reference points at when it stays within the module (`var.x`, `local.y`,
/// `aws_t.n`, `data.t.n`).
fn simple_target(r: &Reference) -> Option<String> {
    match r.root.as_str() {
        "var" | "local" => r.attrs().first().map(|n| format!("{}.{n}", r.root)),
        "data" => {
            let a = r.attrs_after_instance(2);
            Some(format!("data.{}.{}", a.first()?, a.get(1)?))
        }
        "module" => Some(format!("module.{}", r.attrs_after_instance(1).first()?)),
        root if BUILTIN_ROOTS.contains(&root) => None,
        root => Some(format!("{root}.{}", r.attrs_after_instance(1).first()?)),
    }
}

fn display(module: &str, item: &str) -> String {
    if module.is_empty() {
        item.to_string()
    } else {
        format!("{module}.{item}")
    }
}

fn edge(graph: &mut BTreeMap<String, Vec<Edge>>, from: &str, to: String, module: &str, pos: Pos) {
    graph.entry(to.clone()).or_default();
    graph
        .entry(from.to_string())
        .or_default()
        .push((to, module.to_string(), pos));
}

fn check_attr(
    module: &Module,
    pos: Pos,
    ty: &str,
    attr: &str,
    members: &[String],
    out: &mut Vec<Diagnostic>,
) {
    if members.iter().any(|m| m == attr) {
        return;
    }
    let mut d =
        codes::UNKNOWN_ATTRIBUTE.at(module, pos, format!("`{ty}` has no attribute `{attr}`"));
    if let Some(s) = did_you_mean(attr, members.iter().map(String::as_str)) {
        d = d.hint(format!("did you mean `{s}`?"));
    }
    out.push(d);
}

fn deprecated_attr(
    module: &Module,
    pos: Pos,
    schema: Option<&ProviderSchema>,
    kind: TypeKind,
    ty: &str,
    attr: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(Lookup::Found(b)) = schema.map(|s| s.lookup(kind, ty)) {
        if b.attributes.get(attr).is_some_and(|a| a.deprecated) {
            out.push(
                codes::DEPRECATED
                    .at(
                        module,
                        pos,
                        format!("attribute `{attr}` of {ty} is deprecated"),
                    )
                    .hint("use its replacement; see the provider's upgrade guide"),
            );
        }
    }
}

/// Each elementary cycle found by depth-first search, as the list of (node, edge to next).
/// One cycle is reported per strongly connected component.
fn find_cycles(graph: &BTreeMap<String, Vec<Edge>>) -> Vec<Cycle> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = graph.keys().map(|k| (k.as_str(), Mark::New)).collect();
    let mut cycles = Vec::new();
    for start in graph.keys() {
        if marks.get(start.as_str()) != Some(&Mark::New) {
            continue;
        }
        // Iterative DFS with an explicit path.
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        let mut path: Vec<&str> = vec![start.as_str()];
        marks.insert(start.as_str(), Mark::Active);
        while let Some((n, i)) = stack.pop() {
            let edges = graph.get(n).map(Vec::as_slice).unwrap_or(&[]);
            if i < edges.len() {
                stack.push((n, i + 1));
                let to = edges[i].0.as_str();
                match marks.get(to).copied().unwrap_or(Mark::Done) {
                    Mark::New => {
                        marks.insert(to, Mark::Active);
                        stack.push((to, 0));
                        path.push(to);
                    }
                    Mark::Active => {
                        let from = path.iter().position(|p| *p == to).unwrap_or(0);
                        let cycle_nodes = &path[from..];
                        let mut cycle = Vec::new();
                        for (k, a) in cycle_nodes.iter().enumerate() {
                            let b = cycle_nodes.get(k + 1).copied().unwrap_or(to);
                            if let Some(e) =
                                graph.get(*a).and_then(|es| es.iter().find(|e| e.0 == b))
                            {
                                cycle.push((a.to_string(), e.clone()));
                            }
                        }
                        if !cycle.is_empty() {
                            cycles.push(cycle);
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                marks.insert(n, Mark::Done);
                path.pop();
            }
        }
    }
    cycles
}
