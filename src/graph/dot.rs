//! The diagram in Graphviz DOT, one cluster per module; `dot -Tsvg` draws it.

use super::{group_title, Diagram, Node, Shape};
use std::fmt::Write;

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn node(n: &Node) -> String {
    let shape = match n.shape {
        Shape::Box => "box, style=\"rounded\"",
        Shape::External => "ellipse",
        Shape::Store => "cylinder",
        Shape::Identity => "hexagon",
    };
    format!(
        "{} [label={}, shape={shape}];",
        n.id,
        quote(&n.label.join("\n"))
    )
}

/// `digraph` with a cluster per module.
pub fn render(d: &Diagram) -> String {
    let mut out = String::from(
        "digraph petgen {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for (group, nodes) in d.groups() {
        if group.is_empty() {
            for n in nodes {
                let _ = writeln!(out, "  {}", node(n));
            }
            continue;
        }
        let id: String = group
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let _ = writeln!(out, "  subgraph cluster_{id} {{");
        let _ = writeln!(out, "    label={};", quote(&group_title(group)));
        out.push_str("    style=\"rounded\";\n");
        for n in nodes {
            let _ = writeln!(out, "    {}", node(n));
        }
        out.push_str("  }\n");
    }
    for e in &d.edges {
        let mut attrs = Vec::new();
        if e.dashed {
            attrs.push("style=dashed".to_string());
        }
        if let Some(l) = &e.label {
            attrs.push(format!("label={}", quote(l)));
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(out, "  {} -> {}{attrs};", e.from, e.to);
    }
    out.push_str("}\n");
    out
}
