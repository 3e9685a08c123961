//! # LB002 lb-target-group-plain-http
//!
//! **What it does.** Flags target groups that speak plain HTTP to their targets.
//!
//! **Why.** Traffic between the load balancer and the tasks is then clear text inside the VPC.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb_target_group" "app" {
//!   port     = 8080
//!   protocol = "HTTP"
//! }
//! ```
//!
//! **Fix.** Use `HTTPS` to the targets, or accept the risk explicitly with a waiver.
//!
//! checkov: CKV_AWS_378.

use crate::lint::rules::prelude::*;

declare_rule!(TargetGroupHttp {
    id: "LB002",
    name: "lb-target-group-plain-http",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_378"],
    profile_fix: None,
    source: include_str!("lb002_lb_target_group_plain_http.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb_target_group", "aws_alb_target_group"] {
        for t in ctx.resources(ty) {
            if string(&t.value("protocol")).as_deref() == Some("HTTP") {
                out.push(t.finding(
                    &META,
                    t.pos_of("protocol"),
                    format!("{} speaks plain HTTP to its targets", t.address),
                    "use HTTPS",
                ));
            }
        }
    }
}
