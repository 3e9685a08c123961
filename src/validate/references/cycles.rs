//! Dependency cycles across modules, one reported per strongly connected component.

use super::{Edge, Graph};
use crate::diagnostic::Diagnostic;
use crate::hcl::ConfigIndex;
use crate::validate::codes;
use std::collections::{BTreeMap, HashMap};

/// A cycle: each node with the edge to the next.
type Cycle = Vec<(String, Edge)>;

pub(super) fn report(index: &ConfigIndex, graph: &Graph, out: &mut Vec<Diagnostic>) {
    for cycle in find_cycles(&graph.edges) {
        let (first_from, (_, module_addr, pos)) = &cycle[0];
        let Some(module) = index.modules.get(module_addr) else {
            continue;
        };
        let mut path: Vec<String> = cycle
            .iter()
            .map(|(n, _)| graph.labels.get(n).cloned().unwrap_or_else(|| n.clone()))
            .collect();
        path.push(
            graph
                .labels
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
