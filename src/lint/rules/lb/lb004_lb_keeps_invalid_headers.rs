//! # LB004 lb-keeps-invalid-headers
//!
//! **What it does.** Flags application load balancers that forward invalid HTTP header fields.
//!
//! **Why.** Malformed headers are a request-smuggling vector.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   load_balancer_type = "application"
//! }
//! ```
//!
//! **Fix.** Set `drop_invalid_header_fields = true`.
//!
//! checkov: CKV_AWS_131.

use crate::lint::rules::prelude::*;

declare_rule!(DropInvalidHeaders {
    id: "LB004",
    name: "lb-keeps-invalid-headers",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_131"],
    profile_fix: None,
    source: include_str!("lb004_lb_keeps_invalid_headers.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            let kind =
                string(&lb.value("load_balancer_type")).unwrap_or_else(|| "application".into());
            if kind == "application" && !is_true(&lb.value("drop_invalid_header_fields")) {
                out.push(lb.finding(
                    &META,
                    lb.pos_of("drop_invalid_header_fields"),
                    format!("{} forwards invalid header fields", lb.address),
                    "set drop_invalid_header_fields = true",
                ));
            }
        }
    }
}
