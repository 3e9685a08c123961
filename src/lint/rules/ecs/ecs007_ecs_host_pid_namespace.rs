//! # ECS007 ecs-host-pid-namespace
//!
//! **What it does.** Flags task definitions with `pid_mode = "host"`.
//!
//! **Why.** Sharing the host's process namespace lets a container see and signal every process on the host.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_task_definition" "this" {
//!   pid_mode = "host"
//! }
//! ```
//!
//! **Fix.** Remove `pid_mode`, or use `task`.
//!
//! checkov: CKV_AWS_335.

use crate::lint::rules::prelude::*;

declare_rule!(PidHost {
    id: "ECS007",
    name: "ecs-host-pid-namespace",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_335"],
    profile_fix: None,
    source: include_str!("ecs007_ecs_host_pid_namespace.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        if string(&td.value("pid_mode")).as_deref() == Some("host") {
            out.push(td.finding(
                &META,
                td.pos_of("pid_mode"),
                format!("{} shares the host PID namespace", td.address),
                "remove pid_mode = \"host\"",
            ));
        }
    }
}
