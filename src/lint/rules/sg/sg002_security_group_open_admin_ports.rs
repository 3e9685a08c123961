//! # SG002 security-group-open-admin-ports
//!
//! **What it does.** Flags ingress from anywhere (0.0.0.0/0 or ::/0) to SSH (22) or RDP (3389).
//!
//! **Why.** Administrative ports open to the internet are scanned within minutes of creation and brute-forced for as long as they stay open.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_ingress_rule" "ssh" {
//!   security_group_id = aws_security_group.tasks.id
//!   ip_protocol       = "tcp"
//!   from_port         = 22
//!   to_port           = 22
//!   cidr_ipv4         = "0.0.0.0/0"
//! }
//! ```
//!
//! **Fix.** Remove the rule; use SSM Session Manager or ECS Exec, or allow only a known range.
//!
//! checkov: CKV_AWS_24, CKV_AWS_25.

use crate::lint::rules::prelude::*;

declare_rule!(OpenAdminPorts {
    id: "SG002",
    name: "security-group-open-admin-ports",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_24", "CKV_AWS_25"],
    profile_fix: None,
    source: include_str!("sg002_security_group_open_admin_ports.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for rule in super::rules(ctx)
        .into_iter()
        .filter(|r| r.ingress && r.from_anywhere())
    {
        for port in [22u32, 3389] {
            if rule.covers(port) && !rule.all_traffic() {
                out.push(rule.res.finding(
                    &META,
                    rule.pos,
                    format!("{} admits port {port} from anywhere", rule.res.address),
                    "remove the rule or restrict its source",
                ));
            }
        }
    }
}
