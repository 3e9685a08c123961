//! # LOG002 log-retention-under-a-year
//!
//! **What it does.** Notes log groups that keep logs for less than a year.
//!
//! **Why.** Many audit frameworks ask for a year of logs; a cost-conscious development profile rightly keeps less, so this is informational.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_log_group" "service" {
//!   name              = "/ecs/petstore"
//!   retention_in_days = 7
//! }
//! ```
//!
//! **Fix.** Set `retention_in_days = 365` (or more) where the logs are audit evidence.
//!
//! In a petgen profile: `logs.retention_days = 365`.
//!
//! checkov: CKV_AWS_338.

use crate::lint::rules::prelude::*;

declare_rule!(RetentionYear {
    id: "LOG002",
    name: "log-retention-under-a-year",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_338"],
    profile_fix: Some("logs.retention_days = 365"),
    source: include_str!("log002_log_retention_under_a_year.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for g in ctx.resources("aws_cloudwatch_log_group") {
        if let Some(days) = number(&g.value("retention_in_days")) {
            if days > 0.0 && days < 365.0 {
                out.push(g.finding(
                    &META,
                    g.pos_of("retention_in_days"),
                    format!("{} keeps logs for {days} days", g.address),
                    "set retention_in_days = 365",
                ));
            }
        }
    }
}
