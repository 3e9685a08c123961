//! # NET012 endpoint-service-auto-accept
//!
//! **What it does.** Flags `aws_vpc_endpoint_service` with `acceptance_required = false`.
//!
//! **Why.** Any account that the service allows can connect without review.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_endpoint_service" "this" {
//!   acceptance_required        = false
//!   network_load_balancer_arns = [aws_lb.nlb.arn]
//! }
//! ```
//!
//! **Fix.** Set `acceptance_required = true`.
//!
//! checkov: CKV_AWS_123.

use crate::lint::rules::prelude::*;

declare_rule!(EndpointServiceAcceptance {
    id: "NET012",
    name: "endpoint-service-auto-accept",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_123"],
    profile_fix: None,
    source: include_str!("net012_endpoint_service_auto_accept.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in ctx.resources("aws_vpc_endpoint_service") {
        if is_false(&s.value("acceptance_required")) {
            out.push(s.finding(
                &META,
                s.pos_of("acceptance_required"),
                format!("{} accepts connections without review", s.address),
                "set acceptance_required = true",
            ));
        }
    }
}
