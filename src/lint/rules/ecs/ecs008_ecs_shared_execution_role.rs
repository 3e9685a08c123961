//! # ECS008 ecs-shared-execution-role
//!
//! **What it does.** Flags task definitions whose execution role is also their task role.
//!
//! **Why.** The execution role can pull images and read secrets for every task; handing those rights to the application code breaks least privilege.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_task_definition" "this" {
//!   execution_role_arn = aws_iam_role.ecs.arn
//!   task_role_arn      = aws_iam_role.ecs.arn
//! }
//! ```
//!
//! **Fix.** Give the task its own role with only the permissions the application needs.
//!
//! checkov: CKV_AWS_249.

use crate::lint::rules::prelude::*;

declare_rule!(DistinctRoles {
    id: "ECS008",
    name: "ecs-shared-execution-role",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_249"],
    profile_fix: None,
    source: include_str!("ecs008_ecs_shared_execution_role.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for td in ctx.resources("aws_ecs_task_definition") {
        let (exec, task) = (td.trace("execution_role_arn"), td.trace("task_role_arn"));
        let same_literal = td.value("execution_role_arn").is_some()
            && td.value("execution_role_arn") == td.value("task_role_arn");
        if same_literal || (!exec.is_empty() && exec == task) {
            out.push(td.finding(
                &META,
                td.pos_of("task_role_arn"),
                format!("{} uses one role as execution and task role", td.address),
                "give the task its own role",
            ));
        }
    }
}
