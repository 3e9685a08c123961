//! # LB008 lb-without-waf
//!
//! **What it does.** Flags internet-facing application load balancers with no WAF web ACL associated.
//!
//! **Why.** A public ALB in front of the service would bypass API Gateway's throttling; a WAF is then the only place to filter abusive traffic.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "public" {
//!   internal           = false
//!   load_balancer_type = "application"
//! }
//! ```
//!
//! **Fix.** Associate a WAFv2 web ACL with `aws_wafv2_web_acl_association`.
//!
//! checkov: CKV2_AWS_28.

use crate::lint::rules::prelude::*;

declare_rule!(Waf {
    id: "LB008",
    name: "lb-without-waf",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_28"],
    profile_fix: None,
    source: include_str!("lb008_lb_without_waf.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            let kind =
                string(&lb.value("load_balancer_type")).unwrap_or_else(|| "application".into());
            if kind != "application" || is_true(&lb.value("internal")) {
                continue;
            }
            if !referenced_by(
                ctx,
                &lb,
                &["aws_wafv2_web_acl_association"],
                &["resource_arn"],
            ) {
                out.push(lb.finding(
                    &META,
                    lb.pos(),
                    format!("{} is internet-facing without a WAF", lb.address),
                    "associate a WAFv2 web ACL",
                ));
            }
        }
    }
}
