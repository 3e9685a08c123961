//! # LOG001 log-group-no-expiry
//!
//! **What it does.** Flags CloudWatch log groups without a retention period (they keep logs forever).
//!
//! **Why.** Storage is billed every month for every byte ever written ($0.03/GB-month), and old logs hold data nobody reviews.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_log_group" "service" {
//!   name = "/ecs/petstore"
//! }
//! ```
//!
//! **Fix.** Set `retention_in_days` to what you need (e.g. 30, or 365 for audit logs).
//!
//! In a petgen profile: `logs.retention_days = 30`.
//!
//! checkov: CKV_AWS_66.

use crate::lint::rules::prelude::*;

declare_rule!(RetentionUnset {
    id: "LOG001",
    name: "log-group-no-expiry",
    category: Cost,
    severity: Warning,
    checkov: ["CKV_AWS_66"],
    profile_fix: Some("logs.retention_days = 30"),
    source: include_str!("log001_log_group_no_expiry.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for g in ctx.resources("aws_cloudwatch_log_group") {
        let r = g.value("retention_in_days");
        if g.attr("retention_in_days").is_none() || number(&r) == Some(0.0) {
            out.push(g.finding(
                &META,
                g.pos_of("retention_in_days"),
                format!("{} keeps logs forever", g.address),
                "set retention_in_days",
            ));
        }
    }
}
