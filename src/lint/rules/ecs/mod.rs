//! ECS rules, and the container definitions they read.

pub mod container_insights;
pub mod distinct_roles;
pub mod efs_transit_encryption;
pub mod exec_logging;
pub mod pid_host;
pub mod platform_version;
pub mod privileged;
pub mod public_ip;
pub mod readonly_root;
pub mod task_ingress;
pub mod task_role_wildcard;

use super::prelude::*;

/// The container definitions of a task definition, with unknown parts as `null`.
pub fn containers(td: &Res) -> Vec<Value> {
    let v = match td.value_lenient("container_definitions") {
        Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
        other => other,
    };
    match v {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}

pub fn container_name(c: &Value) -> String {
    match c.get("name").and_then(Value::as_str) {
        Some(n) => format!("`{n}`"),
        None => "(unnamed)".into(),
    }
}
