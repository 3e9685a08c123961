//! # SG006 security-group-unattached
//!
//! **What it does.** Flags security groups that no ECS service, VPC link, load balancer, instance, interface, endpoint, function or database uses. Unlike checkov, it follows references through module variables and outputs.
//!
//! **Why.** An unused group is clutter that reviewers must still reason about, and a ready-made door for the next resource that picks it by mistake.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_security_group" "old" {
//!   name        = "old"
//!   description = "no longer used"
//!   vpc_id      = aws_vpc.this.id
//! }
//! ```
//!
//! **Fix.** Attach it where it is meant to be used, or remove it.
//!
//! checkov: CKV2_AWS_5.

use crate::lint::rules::prelude::*;

declare_rule!(Unattached {
    id: "SG006",
    name: "security-group-unattached",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_5"],
    profile_fix: None,
    source: include_str!("sg006_security_group_unattached.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    const USERS: &[&str] = &[
        "aws_ecs_service",
        "aws_apigatewayv2_vpc_link",
        "aws_lb",
        "aws_alb",
        "aws_instance",
        "aws_network_interface",
        "aws_vpc_endpoint",
        "aws_lambda_function",
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_elasticache_cluster",
        "aws_elasticache_replication_group",
        "aws_launch_template",
        "aws_efs_mount_target",
        "aws_msk_cluster",
    ];
    const ARGS: &[&str] = &[
        "security_groups",
        "security_group_ids",
        "vpc_security_group_ids",
    ];
    for sg in ctx.resources("aws_security_group") {
        if !referenced_by(ctx, &sg, USERS, ARGS) {
            out.push(sg.finding(
                &META,
                sg.pos(),
                format!("{} is attached to nothing", sg.address),
                "attach it or remove it",
            ));
        }
    }
}
