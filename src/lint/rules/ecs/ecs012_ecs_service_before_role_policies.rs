//! # ECS012 ecs-service-before-role-policies
//!
//! **What it does.** Flags ECS services whose task definition's roles have policies (`aws_iam_role_policy`, `aws_iam_role_policy_attachment`) that the service does not depend on.
//!
//! **Why.** Terraform creates the service as soon as the task definition and the roles exist, in parallel with their policies. The first tasks can start before the execution role may pull the image or write logs, or before the task role may reach the table, and fail. IAM is also eventually consistent.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   task_definition = aws_ecs_task_definition.this.arn
//! }
//! ```
//!
//! **Fix.** `depends_on = [aws_iam_role_policy_attachment.execution, aws_iam_role_policy.task]` on the service.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ServiceBeforeRolePolicies {
    id: "ECS012",
    name: "ecs-service-before-role-policies",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("ecs012_ecs_service_before_role_policies.rs"),
});

/// The `depends_on` entries of `res`, as written (`aws_iam_role_policy.task`).
fn depends_on(res: &Res) -> Vec<String> {
    res.attr("depends_on")
        .map(|a| {
            a.value
                .to_string()
                .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for svc in ctx.resources("aws_ecs_service") {
        let after = depends_on(&svc);
        // The roles of the service's task definitions in the same module.
        let mut roles = Vec::new();
        for td in svc.trace("task_definition") {
            for def in ctx
                .resources("aws_ecs_task_definition")
                .filter(|d| d.is(&td))
            {
                for arg in ["execution_role_arn", "task_role_arn"] {
                    roles.extend(def.trace(arg));
                }
            }
        }
        let mut missing = Vec::new();
        for ty in ["aws_iam_role_policy", "aws_iam_role_policy_attachment"] {
            for policy in ctx.resources(ty) {
                if policy.module.address != svc.module.address {
                    continue;
                }
                let of_a_role = policy.trace("role").iter().any(|r| {
                    roles
                        .iter()
                        .any(|t| t.module == r.module && t.target == r.target)
                });
                if of_a_role && !after.contains(&policy.local_address()) {
                    missing.push(policy.local_address());
                }
            }
        }
        if !missing.is_empty() {
            out.push(svc.finding(
                &META,
                svc.pos(),
                format!(
                    "{} can start tasks before its roles' policies exist: {}",
                    svc.address,
                    missing.join(", ")
                ),
                "add the policies to the service's depends_on",
            ));
        }
    }
}
