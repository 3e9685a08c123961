//! # SG004 security-group-open-all-ingress
//!
//! **What it does.** Flags ingress from anywhere on all ports or all protocols.
//!
//! **Why.** Every service listening on the host becomes reachable from the internet.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_security_group_rule" "all" {
//!   type              = "ingress"
//!   security_group_id = aws_security_group.tasks.id
//!   protocol          = "-1"
//!   from_port         = 0
//!   to_port           = 0
//!   cidr_blocks       = ["0.0.0.0/0"]
//! }
//! ```
//!
//! **Fix.** Admit only the service port, from the source that needs it.
//!
//! checkov: CKV_AWS_277.

use crate::lint::rules::prelude::*;

declare_rule!(OpenAllIngress {
    id: "SG004",
    name: "security-group-open-all-ingress",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_277"],
    profile_fix: None,
    source: include_str!("sg004_security_group_open_all_ingress.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for rule in super::rules(ctx)
        .into_iter()
        .filter(|r| r.ingress && r.from_anywhere() && r.all_traffic())
    {
        out.push(rule.res.finding(
            &META,
            rule.pos,
            format!("{} admits all traffic from anywhere", rule.res.address),
            "admit only the service port from its real source",
        ));
    }
}
