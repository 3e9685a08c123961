//! # SG003 security-group-open-http
//!
//! **What it does.** Flags ingress from anywhere to port 80.
//!
//! **Why.** Plain HTTP from the internet carries credentials and tokens in clear text; in this stack traffic arrives through API Gateway and the VPC link, never directly.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_security_group_ingress_rule" "http" {
//!   security_group_id = aws_security_group.tasks.id
//!   ip_protocol       = "tcp"
//!   from_port         = 80
//!   to_port           = 80
//!   cidr_ipv4         = "0.0.0.0/0"
//! }
//! ```
//!
//! **Fix.** Admit the port only from the load balancer's or VPC link's security group.
//!
//! checkov: CKV_AWS_260.

use crate::lint::rules::prelude::*;

declare_rule!(OpenHttp {
    id: "SG003",
    name: "security-group-open-http",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_260"],
    profile_fix: None,
    source: include_str!("sg003_security_group_open_http.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for rule in super::rules(ctx)
        .into_iter()
        .filter(|r| r.ingress && r.from_anywhere() && !r.all_traffic())
    {
        if rule.covers(80) {
            out.push(rule.res.finding(
                &META,
                rule.pos,
                format!("{} admits port 80 from anywhere", rule.res.address),
                "admit it only from the load balancer's or VPC link's group",
            ));
        }
    }
}
