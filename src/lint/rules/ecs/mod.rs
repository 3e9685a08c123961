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
