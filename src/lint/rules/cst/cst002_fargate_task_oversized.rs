//! # CST002 fargate-task-oversized
//!
//! **What it does.** Compares each Fargate task's vCPU with the load the profile states (`usage.monthly_requests` × `usage.cpu_ms_per_request`, spread over the expected task count) and flags tasks more than four times larger than needed.
//!
//! **Why.** Fargate bills every vCPU-hour whether it is used or not; an oversized task is the largest avoidable line of this stack after NAT.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_task_definition" "this" {
//!   cpu    = 4096
//!   memory = 8192
//! }
//! # usage: 1M requests/month at 10 ms CPU each
//! ```
//!
//! **Fix.** Choose the smallest Fargate size that leaves headroom (0.25 vCPU is the minimum), or update the usage assumptions if the load is higher.
//!
//! In a petgen profile: `service.cpu`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(TaskOversized {
    id: "CST002",
    name: "fargate-task-oversized",
    category: Cost,
    severity: Warning,
    checkov: [],
    profile_fix: Some("service.cpu"),
    source: include_str!("cst002_fargate_task_oversized.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cost) = ctx.cost else { return };
    let u = &cost.usage();
    let seconds = 730.0 * 3600.0;
    let needed_total = u.monthly_requests / seconds * u.cpu_ms_per_request / 1000.0;
    for s in ctx.resources("aws_ecs_service") {
        let tasks = u
            .average_task_count
            .or_else(|| number(&s.value("desired_count")))
            .unwrap_or(1.0)
            .max(1.0);
        for t in s.trace("task_definition") {
            let Some(name) = t.target.strip_prefix("aws_ecs_task_definition.") else {
                continue;
            };
            let Some(module) = ctx.index.modules.get(&t.module) else {
                continue;
            };
            let Some(block) = module.resource("aws_ecs_task_definition", name) else {
                continue;
            };
            let td = Res::from_parts(ctx, module, block);
            let Some(cpu) = number(&td.value("cpu")) else {
                continue;
            };
            let vcpu = cpu / 1024.0;
            let needed = needed_total / tasks;
            if vcpu > 0.25 && vcpu > 4.0 * needed {
                out.push(td.finding(&META, td.pos_of("cpu"), format!("each task has {vcpu} vCPU for about {needed:.3} vCPU of stated load ({} requests/month at {} ms)", u.monthly_requests, u.cpu_ms_per_request), "use a smaller task size"));
            }
        }
    }
}
