//! The diagram as a Mermaid flowchart, which GitHub renders inside Markdown.

use super::{group_title, Diagram, Node, Shape};
use std::fmt::Write;

/// Text safe inside a quoted Mermaid label: quotes, braces, angle brackets and `#` become
/// entity codes, so route keys like `POST /petstore/pets/{petId}` print as written.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            c => out.push(c),
        }
    }
    out
}

fn node(n: &Node) -> String {
    let label = n
        .label
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("<br/>");
    let (open, close) = match n.shape {
        Shape::Box => ("[\"", "\"]"),
        Shape::External => ("([\"", "\"])"),
        Shape::Store => ("[(\"", "\")]"),
        Shape::Identity => ("{{\"", "\"}}"),
    };
    format!("{}{open}{label}{close}", n.id)
}

/// `flowchart LR` with one subgraph per module.
pub fn render(d: &Diagram) -> String {
    let mut out = String::from("flowchart LR\n");
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
        let _ = writeln!(out, "  subgraph {id}[\"{}\"]", escape(&group_title(group)));
        for n in nodes {
            let _ = writeln!(out, "    {}", node(n));
        }
        out.push_str("  end\n");
    }
    for e in &d.edges {
        let arrow = match (e.dashed, &e.label) {
            (false, None) => "-->".to_string(),
            (true, None) => "-.->".to_string(),
            (false, Some(l)) => format!("-->|\"{}\"|", escape(l)),
            (true, Some(l)) => format!("-.->|\"{}\"|", escape(l)),
        };
        let _ = writeln!(out, "  {} {arrow} {}", e.from, e.to);
    }
    out
}
