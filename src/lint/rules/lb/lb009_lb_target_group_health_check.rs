//! # LB009 lb-target-group-health-check
//!
//! **What it does.** Flags HTTP and HTTPS target groups without a `health_check` block.
//!
//! **Why.** The default health check probes `/` and may keep failing tasks in service or evict healthy ones.
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
//! **Fix.** Add `health_check` with the service's health path and thresholds.
//!
//! checkov: CKV_AWS_261.

use crate::lint::rules::prelude::*;

declare_rule!(HealthCheck {
    id: "LB009",
    name: "lb-target-group-health-check",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_261"],
    profile_fix: None,
    source: include_str!("lb009_lb_target_group_health_check.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb_target_group", "aws_alb_target_group"] {
        for t in ctx.resources(ty) {
            let http = matches!(
                string(&t.value("protocol")).as_deref(),
                Some("HTTP") | Some("HTTPS")
            );
            if http && t.blocks("health_check").is_empty() {
                out.push(t.finding(
                    &META,
                    t.pos(),
                    format!("{} has no health check", t.address),
                    "add a health_check block",
                ));
            }
        }
    }
}
