//! # SG005 security-group-open-all-egress
//!
//! **What it does.** Flags egress to anywhere on all ports or all protocols.
//!
//! **Why.** Unrestricted egress is the exfiltration path: a compromised task can reach any host on any port.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_egress_rule" "all" {
//!   security_group_id = aws_security_group.tasks.id
//!   ip_protocol       = "-1"
//!   cidr_ipv4         = "0.0.0.0/0"
//! }
//! ```
//!
//! **Fix.** Allow only the ports the workload uses (for the petstore tasks: 443).
//!
//! checkov: CKV_AWS_382.

use crate::lint::rules::prelude::*;

declare_rule!(OpenAllEgress {
    id: "SG005",
    name: "security-group-open-all-egress",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_382"],
    profile_fix: None,
    source: include_str!("sg005_security_group_open_all_egress.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for rule in super::rules(ctx)
        .into_iter()
        .filter(|r| !r.ingress && r.from_anywhere() && r.all_traffic())
    {
        out.push(rule.res.finding(
            &META,
            rule.pos,
            format!("{} allows all egress to anywhere", rule.res.address),
            "allow only the needed ports, e.g. 443",
        ));
    }
}
