//! Module calls against the child module's variables: no unknown argument, no required
//! variable left unset. An argument is also a dependency edge from the child's variable.

use super::{node, Graph, BUILTIN_ROOTS};
use crate::diagnostic::Diagnostic;
use crate::hcl::refs::{references_with_scope, Reference};
use crate::hcl::{BlockKind, ConfigIndex, Module};
use crate::validate::{codes, did_you_mean};
use std::collections::BTreeMap;

/// Arguments of a `module` block that are not input variables.
const MODULE_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

pub(super) fn check(
    index: &ConfigIndex,
    address: &str,
    module: &Module,
    graph: &mut Graph,
    out: &mut Vec<Diagnostic>,
) {
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
                        graph.edge(
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
