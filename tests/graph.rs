//! `petgen graph`: the architecture drawn from the HCL, as Mermaid, DOT and (through the real
//! Graphviz) SVG.

mod common;

use common::{petgen, repo};
use predicates::prelude::*;

fn graph(args: &[&str]) -> String {
    let out = petgen(&repo())
        .arg("graph")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

/// `(from, to, solid)` edges of a Mermaid chart: `a --> b`, `a -.-> b`, `a -->|"label"| b`.
fn edges(mermaid: &str) -> Vec<(String, String, bool)> {
    mermaid
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let (from, arrow, to) = (parts.first()?, parts.get(1)?, parts.last()?);
            if parts.len() < 3 || !(arrow.starts_with("--") || arrow.starts_with("-.")) {
                return None;
            }
            Some((from.to_string(), to.to_string(), arrow.starts_with("--")))
        })
        .collect()
}

#[test]
fn the_prod_diagram_follows_a_request_from_client_to_table() {
    let m = graph(&["--profile", "prod"]);
    let e = edges(&m);
    let solid = |from: &str, to: &str| {
        e.iter()
            .any(|(f, t, s)| *s && f.contains(from) && t.contains(to))
    };
    for (from, to) in [
        ("client", "aws_apigatewayv2_api_this"),
        (
            "aws_apigatewayv2_api_this",
            "aws_apigatewayv2_route_post_pet",
        ),
        (
            "aws_apigatewayv2_route_post_pet",
            "aws_apigatewayv2_integration_service",
        ),
        (
            "aws_apigatewayv2_integration_service",
            "aws_apigatewayv2_vpc_link_this",
        ),
        (
            "aws_apigatewayv2_vpc_link_this",
            "aws_service_discovery_service_this",
        ),
        ("aws_service_discovery_service_this", "aws_ecs_service_this"),
        ("aws_ecs_service_this", "aws_ecs_task_definition_this"),
        ("aws_ecs_task_definition_this", "aws_dynamodb_table_pets"),
    ] {
        assert!(
            solid(from, to),
            "no request-path edge {from} -> {to} in\n{m}"
        );
    }
    // JWT on POST only, Cognito behind the authorizer, NAT egress, the replica.
    assert!(m.contains("POST /petstore/pets/#123;petId#125; (JWT)"));
    assert!(m.contains("GET /petstore/pets/#123;petId#125; (public)"));
    assert!(e
        .iter()
        .any(|(f, t, _)| f.contains("route_post_pet") && t.contains("authorizer")));
    assert!(!e
        .iter()
        .any(|(f, t, _)| f.contains("route_get_pet") && t.contains("authorizer")));
    assert!(e
        .iter()
        .any(|(f, t, _)| f.contains("authorizer") && t.contains("cognito_user_pool_this")));
    assert!(e
        .iter()
        .any(|(f, t, _)| f.contains("ecs_service") && t.contains("nat_gateway")));
    assert!(e
        .iter()
        .any(|(f, t, _)| f.contains("nat_gateway") && t.contains("internet_gateway")));
    assert!(m.contains("DynamoDB replica<br/>us-west-2"));
    // One subgraph per module.
    for module in [
        "api",
        "auth",
        "data",
        "discovery",
        "network",
        "registry",
        "service",
    ] {
        assert!(m.contains(&format!("subgraph module_{module}[\"module.{module}\"]")));
    }
}

#[test]
fn diagrams_are_deterministic_and_snapshotted() {
    let first = graph(&["--profile", "prod"]);
    assert_eq!(first, graph(&["--profile", "prod"]));
    insta::assert_snapshot!("prod_mermaid", first);
    insta::assert_snapshot!("dev_dot", graph(&["--profile", "dev", "--format", "dot"]));
}

#[test]
fn graphviz_draws_the_svg() {
    // The real `dot` (scripts/test installs Graphviz where it is missing).
    if !common::tier(
        "graphviz",
        common::answers("dot", "-V"),
        "Graphviz `dot` is not on PATH (apt-get install graphviz)",
    ) {
        return;
    }
    let svg = graph(&["--profile", "prod", "--format", "svg"]);
    assert!(svg.contains("<svg"), "{svg}");
    for text in [
        "VPC link",
        "Cloud Map service",
        "DynamoDB table",
        "module.api",
    ] {
        assert!(svg.contains(text), "{text} missing from the SVG");
    }
    // And dot accepts the DOT output as it is.
    let dot = graph(&["--profile", "dev", "--format", "dot"]);
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn svg_without_graphviz_is_a_usage_error_with_a_way_out() {
    let empty = tempfile::tempdir().unwrap();
    petgen(&repo())
        .env("PATH", empty.path())
        .args(["graph", "--profile", "dev", "--format", "svg"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Graphviz `dot` was not found")
                .and(predicate::str::contains("--format dot")),
        );
}

#[test]
fn the_readme_of_a_root_shows_its_diagram() {
    let readme = std::fs::read_to_string(repo().join("generated/dev/README.md")).unwrap();
    let diagram = graph(&["--profile", "dev"]);
    assert!(readme.contains(&format!("```mermaid\n{diagram}```")));
}

#[test]
fn any_root_can_be_drawn() {
    let root = common::root_with(
        "main.tf",
        "resource \"aws_dynamodb_table\" \"t\" {\n  name = \"t\"\n}\n",
    );
    petgen(root.path())
        .args(["graph", "."])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "aws_dynamodb_table_t[(\"DynamoDB table<br/>t\")]",
        ));
    petgen(root.path())
        .args(["graph", "missing"])
        .assert()
        .code(2);
}

#[test]
fn the_readme_shows_the_dev_stack_as_petgen_draws_it() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let begin = "<!-- petgen graph --profile dev: begin -->\n```mermaid\n";
    let end = "```\n<!-- petgen graph --profile dev: end -->";
    let start = readme
        .find(begin)
        .expect("README has the dev diagram's begin marker")
        + begin.len();
    let stop = readme[start..].find(end).expect("and its end marker") + start;
    assert_eq!(
        &readme[start..stop],
        graph(&["--profile", "dev"]),
        "README.md's dev diagram is stale: run scripts/update-readme-diagram"
    );
}
