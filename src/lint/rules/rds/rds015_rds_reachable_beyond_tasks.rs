//! # RDS015 rds-reachable-beyond-tasks
//!
//! **What it does.** Follows each RDS cluster's and DB instance's security groups and flags any ingress rule on them whose source is not the security group of an ECS service's tasks.
//!
//! **Why.** In this stack only the pet service talks to the database. Any other source (a CIDR, a prefix list, another group) is a way to the pets around the API, its authorizer and its throttling; a password is then all that stands between it and the data.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_ingress_rule" "db_from_vpc" {
//!   security_group_id = aws_security_group.db.id
//!   ip_protocol       = "tcp"
//!   from_port         = 5432
//!   to_port           = 5432
//!   cidr_ipv4         = "10.0.0.0/16"
//! }
//! ```
//!
//! **Fix.** Admit port 5432 only with `referenced_security_group_id` set to the tasks' group. For operations, connect through a task (`aws ecs execute-command`), not a wider rule.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;
use crate::lint::rules::sg;

declare_rule!(ReachableBeyondTasks {
    id: "RDS015",
    name: "rds-reachable-beyond-tasks",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: None,
    source: include_str!("rds015_rds_reachable_beyond_tasks.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let db_groups: Vec<Traced> = ctx
        .resources("aws_rds_cluster")
        .flat_map(|c| c.trace("vpc_security_group_ids"))
        .chain(
            ctx.resources("aws_db_instance")
                .flat_map(|d| d.trace("vpc_security_group_ids")),
        )
        .collect();
    if db_groups.is_empty() {
        return;
    }
    let task_groups = sg::task_groups(ctx);
    for rule in sg::rules(ctx).into_iter().filter(|r| r.ingress) {
        if rule.on_any_of(&db_groups) && !rule.only_from(&task_groups) {
            out.push(rule.res.finding(
                &META,
                rule.pos,
                format!(
                    "{} admits traffic to the database from something other than the service's tasks",
                    rule.res.address
                ),
                "admit only referenced_security_group_id = the tasks' security group",
            ));
        }
    }
}
