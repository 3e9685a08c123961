//! # LB010 lb-cross-zone-off
//!
//! **What it does.** Flags network and gateway load balancers without cross-zone load balancing.
//!
//! **Why.** Each node then only serves targets in its own AZ, so an AZ with fewer healthy targets gets overloaded.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "nlb" {
//!   load_balancer_type = "network"
//! }
//! ```
//!
//! **Fix.** Set `enable_cross_zone_load_balancing = true`.
//!
//! checkov: CKV_AWS_152.

use crate::lint::rules::prelude::*;

declare_rule!(CrossZone {
    id: "LB010",
    name: "lb-cross-zone-off",
    category: Reliability,
    severity: Info,
    checkov: ["CKV_AWS_152"],
    profile_fix: None,
    source: include_str!("lb010_lb_cross_zone_off.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            let kind = string(&lb.value("load_balancer_type")).unwrap_or_default();
            if (kind == "network" || kind == "gateway")
                && !is_true(&lb.value("enable_cross_zone_load_balancing"))
            {
                out.push(lb.finding(
                    &META,
                    lb.pos(),
                    format!("{} balances only within each AZ", lb.address),
                    "set enable_cross_zone_load_balancing = true",
                ));
            }
        }
    }
}
