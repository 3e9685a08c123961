//! # LB005 lb-deletion-protection
//!
//! **What it does.** Flags load balancers without deletion protection.
//!
//! **Why.** Deleting the load balancer takes the service offline and changes its DNS name.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Set `enable_deletion_protection = true`.
//!
//! checkov: CKV_AWS_150.

use crate::lint::rules::prelude::*;

declare_rule!(DeletionProtection {
    id: "LB005",
    name: "lb-deletion-protection",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_150"],
    profile_fix: None,
    source: include_str!("lb005_lb_deletion_protection.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            if !is_true(&lb.value("enable_deletion_protection")) {
                out.push(lb.finding(
                    &META,
                    lb.pos_of("enable_deletion_protection"),
                    format!("{} can be deleted", lb.address),
                    "set enable_deletion_protection = true",
                ));
            }
        }
    }
}
