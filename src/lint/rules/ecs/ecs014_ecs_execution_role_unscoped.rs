//! # ECS014 ecs-execution-role-unscoped
//!
//! **What it does.** Flags task definitions whose execution role has `AmazonECSTaskExecutionRolePolicy` attached, or an inline policy that allows pulling images (`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`, `ecr:BatchCheckLayerAvailability`) or writing logs (`logs:CreateLogStream`, `logs:PutLogEvents`) on every resource.
//!
//! **Why.** The managed policy allows those calls on every repository and log group in the account, so a task definition can pull any image and write into any log group. Only `ecr:GetAuthorizationToken` has no resource to scope to; the rest can name the one repository and the one log group.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_role_policy_attachment" "execution" {
//!   role       = aws_iam_role.execution.name
//!   policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
//! }
//! ```
//!
//! **Fix.** An inline policy on the execution role: `ecr:GetAuthorizationToken` on `*`, the three pull actions on the repository's ARN, and `logs:CreateLogStream` and `logs:PutLogEvents` on `"${aws_cloudwatch_log_group.service.arn}:log-stream:*"`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ExecutionRoleUnscoped {
    id: "ECS014",
    name: "ecs-execution-role-unscoped",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("ecs014_ecs_execution_role_unscoped.rs"),
});

/// The managed policy, however its ARN is written (a literal, or with the partition
/// interpolated).
const MANAGED: &str = "policy/service-role/AmazonECSTaskExecutionRolePolicy";

/// Does the argument's source text name the managed policy?
fn names_managed(res: &Res, arg: &str) -> bool {
    res.attr(arg)
        .is_some_and(|a| a.value.to_string().contains(MANAGED))
}
/// Actions of the execution role that can name a resource.
const SCOPABLE: &[&str] = &[
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut reported = std::collections::HashSet::new();
    for td in ctx.resources("aws_ecs_task_definition") {
        let roles = td.trace("execution_role_arn");
        let of_role = |r: &Res| {
            r.trace("role").iter().any(|t| {
                roles
                    .iter()
                    .any(|x| x.module == t.module && x.target == t.target)
            })
        };
        for attachment in ctx
            .resources("aws_iam_role_policy_attachment")
            .filter(of_role)
        {
            if names_managed(&attachment, "policy_arn")
                && reported.insert(attachment.address.clone())
            {
                out.push(attachment.finding(
                    &META,
                    attachment.pos_of("policy_arn"),
                    format!(
                        "{} gives the execution role of {} image pulls and log writes on every repository and log group in the account",
                        attachment.address, td.address
                    ),
                    "replace it with an inline policy scoped to the image's repository and the service's log group",
                ));
            }
        }
        // The role's own list, and the exclusive-attachments resource.
        let same = |t: &Traced| {
            roles
                .iter()
                .any(|x| x.module == t.module && x.target == t.target)
        };
        let lists = ctx
            .resources("aws_iam_role")
            .filter(|r| roles.iter().any(|t| r.is(t)))
            .filter(|r| names_managed(r, "managed_policy_arns"))
            .chain(
                ctx.resources("aws_iam_role_policy_attachments_exclusive")
                    .filter(|r| r.trace("role_name").iter().any(same))
                    .filter(|r| names_managed(r, "policy_arns")),
            );
        for list in lists {
            if reported.insert(list.address.clone()) {
                out.push(list.finding(
                    &META,
                    list.pos(),
                    format!(
                        "{} gives the execution role of {} AmazonECSTaskExecutionRolePolicy: image pulls and log writes on every repository and log group in the account",
                        list.address, td.address
                    ),
                    "replace it with an inline policy scoped to the image's repository and the service's log group",
                ));
            }
        }
        for policy in ctx.resources("aws_iam_role_policy").filter(of_role) {
            let Some(statements) = policy_of(&policy, "policy") else {
                continue;
            };
            let broad: Vec<&str> = SCOPABLE
                .iter()
                .copied()
                .filter(|a| {
                    statements
                        .iter()
                        .any(|s| s.allow && s.all_resources() && s.grants(a))
                })
                .collect();
            if !broad.is_empty() && reported.insert(policy.address.clone()) {
                out.push(policy.finding(
                    &META,
                    policy.pos_of("policy"),
                    format!(
                        "{} allows {} on every resource for the execution role of {}",
                        policy.address,
                        broad.join(", "),
                        td.address
                    ),
                    "name the image's repository and the service's log group (\"${aws_cloudwatch_log_group.service.arn}:log-stream:*\") instead of \"*\"",
                ));
            }
        }
    }
}
