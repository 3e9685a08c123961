//! # ECS001 ecs-container-insights
//!
//! **What it does.** Checks that ECS clusters enable CloudWatch Container Insights.
//!
//! **Why.** Without it there are no per-task CPU, memory and network metrics to alarm on or to size tasks with.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_cluster" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Add `setting { name = "containerInsights" value = "enabled" }`.
//!
//! In a petgen profile: `service.container_insights = true`.
//!
//! checkov: CKV_AWS_65.

use crate::lint::rules::prelude::*;

declare_rule!(ContainerInsights {
    id: "ECS001",
    name: "ecs-container-insights",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_65"],
    profile_fix: Some("service.container_insights = true"),
    source: include_str!("ecs001_ecs_container_insights.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_ecs_cluster") {
        let setting = c
            .blocks("setting")
            .into_iter()
            .find(|s| string(&c.value_in(s, "name")).as_deref() == Some("containerInsights"));
        let enabled = match setting {
            None => false,
            Some(s) => match c.value_in(s, "value") {
                Some(Value::String(v)) => v == "enabled" || v == "enhanced",
                _ => continue,
            },
        };
        if !enabled {
            let pos = setting.map(|s| c.pos_in(s, "value")).unwrap_or(c.pos());
            out.push(c.finding(
                &META,
                pos,
                format!("{} has Container Insights off", c.address),
                "set containerInsights to \"enabled\"",
            ));
        }
    }
}
