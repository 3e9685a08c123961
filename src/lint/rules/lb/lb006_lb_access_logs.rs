//! # LB006 lb-access-logs
//!
//! **What it does.** Flags load balancers that do not write access logs.
//!
//! **Why.** Without them there is no record of requests that reached the load balancer.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Add `access_logs { bucket = ..., enabled = true }`.
//!
//! checkov: CKV_AWS_91.

use crate::lint::rules::prelude::*;

declare_rule!(AccessLogs {
    id: "LB006",
    name: "lb-access-logs",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_91"],
    profile_fix: None,
    source: include_str!("lb006_lb_access_logs.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            let on = lb.blocks("access_logs").iter().any(|b| {
                b.get_attribute("bucket").is_some() && !is_false(&lb.value_in(b, "enabled"))
            });
            if !on {
                out.push(lb.finding(
                    &META,
                    lb.pos(),
                    format!("{} writes no access logs", lb.address),
                    "add access_logs",
                ));
            }
        }
    }
}
