//! # ECS011 ecs-task-ingress-not-vpc-link
//!
//! **What it does.** Follows each ECS service's security groups and flags any ingress rule on them whose source is not a security group of an API Gateway VPC link or a load balancer.
//!
//! **Why.** In this stack the only way in is API Gateway through the VPC link. Any other source (a CIDR, a prefix list, another group) is a path around the authorizer and the throttling.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_ingress_rule" "tasks_from_vpc" {
//!   security_group_id = aws_security_group.tasks.id
//!   ip_protocol       = "tcp"
//!   from_port         = 8080
//!   to_port           = 8080
//!   cidr_ipv4         = "10.0.0.0/16"
//! }
//! ```
//!
//! **Fix.** Admit the container port only with `referenced_security_group_id` set to the VPC link's group.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;
use crate::lint::rules::sg;

declare_rule!(TaskIngress {
    id: "ECS011",
    name: "ecs-task-ingress-not-vpc-link",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: None,
    source: include_str!("ecs011_ecs_task_ingress_not_vpc_link.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let front_door: Vec<Traced> = ctx
        .resources("aws_apigatewayv2_vpc_link")
        .flat_map(|l| l.trace("security_group_ids"))
        .chain(
            ctx.resources("aws_lb")
                .flat_map(|l| l.trace("security_groups")),
        )
        .collect();
    let task_groups = sg::task_groups(ctx);
    for rule in sg::rules(ctx).into_iter().filter(|r| r.ingress) {
        if rule.on_any_of(&task_groups) && !rule.only_from(&front_door) {
            out.push(rule.res.finding(
                &META,
                rule.pos,
                format!(
                    "{} admits traffic to the tasks from something other than the VPC link",
                    rule.res.address
                ),
                "admit only referenced_security_group_id = the VPC link's group",
            ));
        }
    }
}
