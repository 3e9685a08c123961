//! Resolving each reference in its module, with an edge in the dependency graph for every
//! one that resolves and a diagnostic for every one that does not. One method per kind of
//! reference root.

use super::gather::Found;
use super::{node, Declared, Graph, BUILTIN_ROOTS};
use crate::diagnostic::Diagnostic;
use crate::hcl::refs::Reference;
use crate::hcl::{BlockKind, ConfigIndex, Module, Pos};
use crate::validate::provider_schema::{Lookup, ProviderSchema, TypeKind};
use crate::validate::{codes, did_you_mean};
use std::collections::BTreeSet;

/// The variables and locals that references used.
#[derive(Default)]
pub(super) struct Used {
    pub vars: BTreeSet<String>,
    pub locals: BTreeSet<String>,
}

/// One module's references being resolved.
pub(super) struct Resolver<'a> {
    pub index: &'a ConfigIndex,
    pub schema: Option<&'a ProviderSchema>,
    pub address: &'a str,
    pub module: &'a Module,
    pub declared: &'a Declared,
}

/// What resolving produces: the diagnostics, and what was used.
struct Results<'o> {
    out: &'o mut Vec<Diagnostic>,
    used: Used,
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

impl Resolver<'_> {
    /// Resolve every reference `found` in the module, adding graph edges.
    pub fn resolve(&self, found: &[Found], graph: &mut Graph, out: &mut Vec<Diagnostic>) -> Used {
        let mut results = Results {
            out,
            used: Used::default(),
        };
        for f in found {
            let r = &f.reference;
            let pos = Pos {
                file: f.file,
                offset: r.offset,
            };
            let target = match r.root.as_str() {
                "var" => self.variable(r, pos, &mut results),
                "local" => self.local(r, pos, &mut results),
                "module" => self.module_output(r, pos, &f.from, graph, &mut results),
                "data" => self.data_source(r, pos, &mut results),
                root if BUILTIN_ROOTS.contains(&root) => None,
                _ => self.resource(r, pos, &mut results),
            };
            if let Some(t) = target {
                graph.edge(&f.from, node(self.address, &t), self.address, pos);
            }
        }
        results.used
    }

    fn variable(&self, r: &Reference, pos: Pos, results: &mut Results) -> Option<String> {
        let name = r.attrs().first()?.to_string();
        let variables = &self.declared.variables;
        if variables.contains_key(&name) {
            results.used.vars.insert(name.clone());
            return Some(format!("var.{name}"));
        }
        let d = codes::UNDECLARED_VARIABLE.at(
            self.module,
            pos,
            format!("reference to undeclared variable `var.{name}`"),
        );
        results.out.push(
            match did_you_mean(&name, variables.keys().map(String::as_str)) {
                Some(s) => d.hint(format!("did you mean `var.{s}`?")),
                None => d.hint(format!("declare it: variable \"{name}\" {{ type = ... }}")),
            },
        );
        None
    }

    fn local(&self, r: &Reference, pos: Pos, results: &mut Results) -> Option<String> {
        let name = r.attrs().first()?.to_string();
        let locals = &self.declared.locals;
        if locals.contains_key(&name) {
            results.used.locals.insert(name.clone());
            return Some(format!("local.{name}"));
        }
        let mut d = codes::UNDECLARED_LOCAL.at(
            self.module,
            pos,
            format!("reference to undeclared local value `local.{name}`"),
        );
        if let Some(s) = did_you_mean(&name, locals.keys().map(String::as_str)) {
            d = d.hint(format!("did you mean `local.{s}`?"));
        }
        results.out.push(d);
        None
    }

    /// `module.NAME.OUTPUT`: an edge to the child's output node, which exists.
    fn module_output(
        &self,
        r: &Reference,
        pos: Pos,
        from: &str,
        graph: &mut Graph,
        results: &mut Results,
    ) -> Option<String> {
        let attrs = r.attrs_after_instance(1);
        let call = attrs.first()?.to_string();
        if !self.declared.calls.contains(&call) {
            results.out.push(codes::UNDECLARED_MODULE.at(
                self.module,
                pos,
                format!("reference to undeclared module `module.{call}`"),
            ));
            return None;
        }
        let (Some(output), Some(child)) = (attrs.get(1), self.index.child(self.address, &call))
        else {
            return Some(format!("module.{call}"));
        };
        if child.output(output).is_some() {
            graph.edge(
                from,
                node(&child.address, &format!("output.{output}")),
                self.address,
                pos,
            );
            return None;
        }
        let names: Vec<String> = child
            .blocks_of(BlockKind::Output)
            .filter_map(|b| b.labels.first().map(|s| s.to_string()))
            .collect();
        let d = codes::UNKNOWN_OUTPUT.at(
            self.module,
            pos,
            format!("module `{call}` has no output `{output}`"),
        );
        results.out.push(
            match did_you_mean(output, names.iter().map(String::as_str)) {
                Some(s) => d.hint(format!("did you mean `module.{call}.{s}`?")),
                None => d.hint(format!(
                    "declare output \"{output}\" in {}",
                    child.dir.display()
                )),
            },
        );
        None
    }

    fn data_source(&self, r: &Reference, pos: Pos, results: &mut Results) -> Option<String> {
        let attrs = r.attrs_after_instance(2);
        let (t, n) = (attrs.first()?, attrs.get(1)?);
        if !self.declared.data.contains(&(t.to_string(), n.to_string())) {
            results.out.push(codes::UNDECLARED_REFERENCE.at(
                self.module,
                pos,
                format!("reference to undeclared data source `data.{t}.{n}`"),
            ));
            return None;
        }
        if let (Some(attr), Some(members)) =
            (attrs.get(2), type_members(self.schema, TypeKind::Data, t))
        {
            check_attr(
                self.module,
                pos,
                &format!("data.{t}"),
                attr,
                &members,
                results.out,
            );
            deprecated_attr(
                self.module,
                pos,
                self.schema,
                TypeKind::Data,
                t,
                attr,
                results.out,
            );
        }
        Some(format!("data.{t}.{n}"))
    }

    fn resource(&self, r: &Reference, pos: Pos, results: &mut Results) -> Option<String> {
        let root = r.root.as_str();
        let attrs = r.attrs_after_instance(1);
        let Some(name) = attrs.first() else {
            results.out.push(codes::UNKNOWN_REFERENCE.at(
                self.module,
                pos,
                format!("unknown name `{root}`"),
            ));
            return None;
        };
        let resources = &self.declared.resources;
        if resources.contains(&(root.to_string(), name.to_string())) {
            if let (Some(attr), Some(members)) = (
                attrs.get(1),
                type_members(self.schema, TypeKind::Resource, root),
            ) {
                check_attr(self.module, pos, root, attr, &members, results.out);
            }
            return Some(format!("{root}.{name}"));
        }
        let is_type = resources.iter().any(|(t, _)| t == root) || root.contains('_');
        let same_type: Vec<&str> = resources
            .iter()
            .filter(|(t, _)| t == root)
            .map(|(_, n)| n.as_str())
            .collect();
        let mut d = codes::UNDECLARED_REFERENCE.at(
            self.module,
            pos,
            if is_type {
                format!("reference to undeclared resource `{root}.{name}`")
            } else {
                format!("unknown name `{root}`")
            },
        );
        if let Some(s) = did_you_mean(name, same_type.iter().copied()) {
            d = d.hint(format!("did you mean `{root}.{s}`?"));
        }
        results.out.push(d);
        None
    }
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
