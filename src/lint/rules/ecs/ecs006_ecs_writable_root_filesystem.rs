//! # ECS006 ecs-writable-root-filesystem
//!
//! **What it does.** Flags containers without `readonlyRootFilesystem = true`.
//!
//! **Why.** A writable root filesystem lets an attacker who gets code execution drop tools and persist changes inside the container.
//!
//! **Example.**
//!
//! ```hcl
//! container_definitions = jsonencode([{ name = "app", image = "app:1" }])
//! ```
//!
//! **Fix.** Set `readonlyRootFilesystem = true` and mount a volume for paths that must be writable.
//!
//! checkov: CKV_AWS_336.

use crate::lint::rules::prelude::*;

declare_rule!(ReadonlyRoot {
    id: "ECS006",
    name: "ecs-writable-root-filesystem",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_336"],
    profile_fix: None,
    source: include_str!("ecs006_ecs_writable_root_filesystem.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        for c in super::containers(&td) {
            if c.get("readonlyRootFilesystem").and_then(Value::as_bool) != Some(true) {
                out.push(td.finding(
                    &META,
                    td.pos_of("container_definitions"),
                    format!(
                        "container {} of {} has a writable root filesystem",
                        super::container_name(&c),
                        td.address
                    ),
                    "set readonlyRootFilesystem = true",
                ));
            }
        }
    }
}
