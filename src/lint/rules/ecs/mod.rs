//! ECS rules, and the container definitions they read.

pub mod ecs001_ecs_container_insights;
pub mod ecs002_ecs_exec_logging;
pub mod ecs003_ecs_public_ip;
pub mod ecs004_ecs_platform_version;
pub mod ecs005_ecs_privileged_container;
pub mod ecs006_ecs_writable_root_filesystem;
pub mod ecs007_ecs_host_pid_namespace;
pub mod ecs008_ecs_shared_execution_role;
pub mod ecs009_ecs_efs_transit_encryption;
pub mod ecs010_ecs_task_role_wildcard;
pub mod ecs011_ecs_task_ingress_not_vpc_link;

use super::prelude::*;

/// The container definitions of a task definition, with unknown parts as `null`: written
/// with `jsonencode`, as a JSON string, or as a JSON template (a heredoc or quoted string
/// with `${...}` interpolations, common in the wild).
pub fn containers(td: &Res) -> Vec<Value> {
    let v = match td.attr("container_definitions").map(|a| &a.value) {
        Some(expr) if expr.is_template() => json_template(td, expr),
        _ => match td.value_lenient("container_definitions") {
            Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
            other => other,
        },
    };
    match v {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}

/// Stands for an interpolation whose value is unknown, while the template is read as JSON.
const UNKNOWN: &str = "__petgen_unknown__";

/// A JSON document written as a template. Known interpolations are substituted; an unknown
/// one becomes `null` where it stands for a whole JSON value (`"cpu": ${var.cpu}`), and
/// stays an opaque piece of text inside a JSON string (`"image": "${var.image}"`).
pub fn json_template(td: &Res, expr: &hcl_edit::expr::Expression) -> Value {
    let Some(template) = expr.as_template() else {
        return Value::Null;
    };
    let mut text = String::new();
    for el in template.iter() {
        match el {
            hcl_edit::template::Element::Literal(l) => text.push_str(l),
            hcl_edit::template::Element::Interpolation(i) => {
                match td.model.eval(td.module, &i.expr) {
                    Some(Value::String(s)) => text.push_str(&s),
                    Some(Value::Number(n)) => text.push_str(&n.to_string()),
                    Some(Value::Bool(b)) => text.push_str(&b.to_string()),
                    _ => text.push_str(UNKNOWN),
                }
            }
            hcl_edit::template::Element::Directive(_) => text.push_str(UNKNOWN),
        }
    }
    serde_json::from_str(&unknowns_outside_strings_as_null(&text)).unwrap_or(Value::Null)
}

/// Replace the [`UNKNOWN`] marker with `null` wherever it is not inside a JSON string.
fn unknowns_outside_strings_as_null(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with(UNKNOWN) {
            out.push_str("null");
            rest = &rest[UNKNOWN.len()..];
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

pub fn container_name(c: &Value) -> String {
    match c.get("name").and_then(Value::as_str) {
        Some(n) => format!("`{n}`"),
        None => "(unnamed)".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unknowns_become_null_only_outside_strings() {
        let t = format!(
            r#"[{{"cpu": {u}, "image": "repo:{u}", "q": "a\"{u}"}}]"#,
            u = super::UNKNOWN
        );
        let v: serde_json::Value =
            serde_json::from_str(&super::unknowns_outside_strings_as_null(&t)).unwrap();
        assert_eq!(v[0]["cpu"], serde_json::Value::Null);
        assert_eq!(v[0]["image"], format!("repo:{}", super::UNKNOWN));
        assert_eq!(v[0]["q"], format!("a\"{}", super::UNKNOWN));
    }
}
pub mod ecs012_ecs_service_before_role_policies;
pub mod ecs013_ecs_service_before_network_path;
pub mod ecs014_ecs_execution_role_unscoped;
