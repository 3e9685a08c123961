//! # LB007 lb-desync-monitor-only
//!
//! **What it does.** Flags load balancers whose HTTP desync mitigation is only `monitor`.
//!
//! **Why.** `monitor` lets ambiguous requests (request smuggling) through.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   desync_mitigation_mode = "monitor"
//! }
//! ```
//!
//! **Fix.** Use `defensive` (the default) or `strictest`.
//!
//! checkov: CKV_AWS_328.

use crate::lint::rules::prelude::*;

declare_rule!(DesyncMitigation {
    id: "LB007",
    name: "lb-desync-monitor-only",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_328"],
    profile_fix: None,
    source: include_str!("lb007_lb_desync_monitor_only.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            if string(&lb.value("desync_mitigation_mode")).as_deref() == Some("monitor") {
                out.push(lb.finding(
                    &META,
                    lb.pos_of("desync_mitigation_mode"),
                    format!("{} only monitors HTTP desync", lb.address),
                    "use defensive or strictest",
                ));
            }
        }
    }
}
