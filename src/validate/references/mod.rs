//! Reference checks: every `var.`, `local.`, `module.`, `data.` and resource reference resolves
//! within its module ([`resolve`]); referenced attributes exist on their type; module calls
//! match the child module's variables ([`module_calls`]); no dependency cycles ([`cycles`]);
//! unused variables and locals are reported ([`unused`]).

mod cycles;
mod gather;
mod module_calls;
mod resolve;
mod unused;

use super::provider_schema::ProviderSchema;
use crate::diagnostic::Diagnostic;
use crate::hcl::{BlockKind, ConfigIndex, Module, Pos};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Names that are always in scope.
const BUILTIN_ROOTS: &[&str] = &["each", "count", "path", "terraform", "self"];

/// A dependency edge: target node, module address of the reference, and its position.
type Edge = (String, String, Pos);

/// The dependency graph across modules: node → edges, and each node's name for messages.
#[derive(Default)]
struct Graph {
    edges: BTreeMap<String, Vec<Edge>>,
    labels: HashMap<String, String>,
}

impl Graph {
    fn edge(&mut self, from: &str, to: String, module: &str, pos: Pos) {
        self.edges.entry(to.clone()).or_default();
        self.edges
            .entry(from.to_string())
            .or_default()
            .push((to, module.to_string(), pos));
    }

    fn label(&mut self, module: &str, item: &str) {
        self.labels
            .insert(node(module, item), display(module, item));
    }
}

fn node(module: &str, item: &str) -> String {
    format!("{module}|{item}")
}

fn display(module: &str, item: &str) -> String {
    if module.is_empty() {
        item.to_string()
    } else {
        format!("{module}.{item}")
    }
}

/// What a module declares, by kind.
struct Declared {
    resources: BTreeSet<(String, String)>,
    data: BTreeSet<(String, String)>,
    variables: BTreeMap<String, Pos>,
    locals: BTreeMap<String, Pos>,
    calls: BTreeSet<String>,
}

impl Declared {
    fn of(module: &Module) -> Declared {
        let pairs = |kind| {
            module
                .blocks_of(kind)
                .filter_map(|b| match b.labels.as_slice() {
                    [t, n] => Some((t.to_string(), n.to_string())),
                    _ => None,
                })
                .collect()
        };
        Declared {
            resources: pairs(BlockKind::Resource),
            data: pairs(BlockKind::Data),
            variables: module
                .blocks_of(BlockKind::Variable)
                .filter_map(|b| b.labels.first().map(|n| (n.to_string(), b.pos)))
                .collect(),
            locals: module
                .locals()
                .map(|(n, _, p)| (n.to_string(), p))
                .collect(),
            calls: module
                .blocks_of(BlockKind::Module)
                .filter_map(|b| b.labels.first().map(|n| n.to_string()))
                .collect(),
        }
    }
}

pub fn check(index: &ConfigIndex, schema: Option<&ProviderSchema>, out: &mut Vec<Diagnostic>) {
    let mut graph = Graph::default();
    for (address, module) in index.iter() {
        let declared = Declared::of(module);
        let found = gather::references(address, module, &declared, &mut graph);
        let resolver = resolve::Resolver {
            index,
            schema,
            address,
            module,
            declared: &declared,
        };
        let used = resolver.resolve(&found, &mut graph, out);
        unused::report(module, &declared, &used, out);
        module_calls::check(index, address, module, &mut graph, out);
        // A module's outputs are graph nodes too.
        for o in module.blocks_of(BlockKind::Output) {
            graph.label(address, &o.address());
        }
    }
    cycles::report(index, &graph, out);
}
