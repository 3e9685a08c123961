//! # ECS005 ecs-privileged-container
//!
//! **What it does.** Flags container definitions with `privileged = true`.
//!
//! **Why.** A privileged container has the host's devices and capabilities; escaping it is trivial.
//!
//! **Example.**
//!
//! ```hcl
//! container_definitions = jsonencode([{ name = "app", image = "app:1", privileged = true }])
//! ```
//!
//! **Fix.** Remove `privileged`; grant single Linux capabilities if something truly needs one.
//!
//! checkov: CKV_AWS_334.

use crate::lint::rules::prelude::*;

declare_rule!(Privileged {
    id: "ECS005",
    name: "ecs-privileged-container",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_334"],
    profile_fix: None,
    source: include_str!("ecs005_ecs_privileged_container.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        for c in super::containers(&td) {
            if c.get("privileged").and_then(Value::as_bool) == Some(true) {
                out.push(td.finding(
                    &META,
                    td.pos_of("container_definitions"),
                    format!(
                        "container {} of {} is privileged",
                        super::container_name(&c),
                        td.address
                    ),
                    "remove privileged = true",
                ));
            }
        }
    }
}
