//! # ECS003 ecs-public-ip
//!
//! **What it does.** Flags ECS services that give their tasks a public IP.
//!
//! **Why.** Tasks with public IPs are reachable from the internet around the API; the petstore tasks belong in private subnets behind the VPC link, with egress through NAT.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   name = "petstore"
//!   network_configuration {
//!     subnets          = var.public_subnet_ids
//!     assign_public_ip = true
//!   }
//! }
//! ```
//!
//! **Fix.** Set `assign_public_ip = false` and run the tasks in private subnets.
//!
//! checkov: CKV_AWS_333.

use crate::lint::rules::prelude::*;

declare_rule!(PublicIp {
    id: "ECS003",
    name: "ecs-public-ip",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_333"],
    profile_fix: None,
    source: include_str!("ecs003_ecs_public_ip.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in ctx.resources("aws_ecs_service") {
        for n in s.blocks("network_configuration") {
            if is_true(&s.value_in(n, "assign_public_ip")) {
                out.push(s.finding(
                    &META,
                    s.pos_in(n, "assign_public_ip"),
                    format!("{} gives its tasks public IPs", s.address),
                    "set assign_public_ip = false",
                ));
            }
        }
    }
}
