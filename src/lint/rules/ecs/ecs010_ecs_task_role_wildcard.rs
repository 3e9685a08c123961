//! # ECS010 ecs-task-role-wildcard
//!
//! **What it does.** Follows each task definition's `task_role_arn` to its IAM role and flags any policy on that role (inline or attached in this configuration) that uses a wildcard action or a `*` resource.
//!
//! **Why.** The task role is what the application code can do. The petstore service needs item access to one table; a wildcard turns any bug in the service into access to every table or every service.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_role_policy" "task" {
//!   role   = aws_iam_role.task.id
//!   policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "dynamodb:*", Resource = "*" }] })
//! }
//! ```
//!
//! **Fix.** Name the actions (`dynamodb:GetItem`, `dynamodb:PutItem`, ...) and scope `Resource` to the table ARN.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(TaskRoleWildcard {
    id: "ECS010",
    name: "ecs-task-role-wildcard",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: None,
    source: include_str!("ecs010_ecs_task_role_wildcard.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        for role_ref in td.trace("task_role_arn") {
            let Some(name) = role_ref.target.strip_prefix("aws_iam_role.") else {
                continue;
            };
            for policy in ctx.resources("aws_iam_role_policy") {
                if policy.module.address != role_ref.module
                    || !policy
                        .trace("role")
                        .iter()
                        .any(|t| t.target == format!("aws_iam_role.{name}"))
                {
                    continue;
                }
                let Some(statements) = policy_of(&policy, "policy") else {
                    continue;
                };
                for s in statements.iter().filter(|s| s.allow) {
                    let wild_action = s.not_action || s.actions.iter().any(|a| a.contains('*'));
                    if wild_action || s.all_resources() {
                        let what = if wild_action {
                            "a wildcard action"
                        } else {
                            "Resource \"*\""
                        };
                        out.push(policy.finding(
                            &META,
                            policy.pos_of("policy"),
                            format!(
                                "the task role {} is granted {what} by {}",
                                role_ref.target, policy.address
                            ),
                            "name the actions and scope Resource to the table ARN",
                        ));
                    }
                }
            }
        }
    }
}
