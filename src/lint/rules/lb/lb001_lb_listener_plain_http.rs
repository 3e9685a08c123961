//! # LB001 lb-listener-plain-http
//!
//! **What it does.** Flags load balancer listeners that serve plain HTTP instead of redirecting to HTTPS.
//!
//! **Why.** Tokens and pet data would cross the internet unencrypted.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb_listener" "http" {
//!   port     = 80
//!   protocol = "HTTP"
//!   default_action {
//!     type             = "forward"
//!     target_group_arn = aws_lb_target_group.app.arn
//!   }
//! }
//! ```
//!
//! **Fix.** Serve HTTPS (with a certificate) and make the HTTP listener a `redirect` to HTTPS.
//!
//! checkov: CKV_AWS_2, CKV2_AWS_20.

use crate::lint::rules::prelude::*;

declare_rule!(ListenerHttps {
    id: "LB001",
    name: "lb-listener-plain-http",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
    profile_fix: None,
    source: include_str!("lb001_lb_listener_plain_http.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb_listener", "aws_alb_listener"] {
        for l in ctx.resources(ty) {
            if string(&l.value("protocol")).as_deref() != Some("HTTP") {
                continue;
            }
            let redirects = l.blocks("default_action").iter().any(|a| {
                string(&l.value_in(a, "type")).as_deref() == Some("redirect")
                    && blocks_named(a, "redirect")
                        .iter()
                        .any(|r| string(&l.value_in(r, "protocol")).as_deref() == Some("HTTPS"))
            });
            if !redirects {
                out.push(l.finding(
                    &META,
                    l.pos_of("protocol"),
                    format!("{} serves plain HTTP", l.address),
                    "redirect HTTP to HTTPS",
                ));
            }
        }
    }
}
