//! # LB003 lb-weak-tls-policy
//!
//! **What it does.** Flags HTTPS and TLS listeners whose `ssl_policy` allows TLS older than 1.2 or weak ciphers.
//!
//! **Why.** Old protocol versions and ciphers have practical attacks.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb_listener" "https" {
//!   protocol   = "HTTPS"
//!   ssl_policy = "ELBSecurityPolicy-2016-08"
//! }
//! ```
//!
//! **Fix.** Use `ELBSecurityPolicy-TLS13-1-2-2021-06` or another TLS 1.2+ policy.
//!
//! checkov: CKV_AWS_103, CKV2_AWS_74.

use crate::lint::rules::prelude::*;

declare_rule!(TlsPolicy {
    id: "LB003",
    name: "lb-weak-tls-policy",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_103", "CKV2_AWS_74"],
    profile_fix: None,
    source: include_str!("lb003_lb_weak_tls_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb_listener", "aws_alb_listener"] {
        for l in ctx.resources(ty) {
            if !matches!(
                string(&l.value("protocol")).as_deref(),
                Some("HTTPS") | Some("TLS")
            ) {
                continue;
            }
            let policy = string(&l.value("ssl_policy"));
            let strong = policy.as_deref().is_some_and(|p| {
                p.starts_with("ELBSecurityPolicy-TLS13-")
                    || p.starts_with("ELBSecurityPolicy-TLS-1-2")
                    || p.starts_with("ELBSecurityPolicy-FS-1-2")
            });
            if l.attr("ssl_policy").is_none() || (policy.is_some() && !strong) {
                out.push(l.finding(
                    &META,
                    l.pos_of("ssl_policy"),
                    format!("{} allows old TLS versions or weak ciphers", l.address),
                    "use ELBSecurityPolicy-TLS13-1-2-2021-06",
                ));
            }
        }
    }
}
