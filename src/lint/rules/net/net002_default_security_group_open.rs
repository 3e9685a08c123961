//! # NET002 default-security-group-open
//!
//! **What it does.** Checks that every VPC adopts its default security group with `aws_default_security_group` and leaves it without rules.
//!
//! **Why.** The default security group allows all traffic between its members and all egress. Anything launched without an explicit group lands in it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_default_security_group" "this" {
//!   vpc_id = aws_vpc.this.id
//!
//!   ingress {
//!     protocol  = -1
//!     self      = true
//!     from_port = 0
//!     to_port   = 0
//!   }
//! }
//! ```
//!
//! **Fix.** Declare `aws_default_security_group` for the VPC with no `ingress` or `egress` blocks: Terraform then removes every rule.
//!
//! checkov: CKV2_AWS_12.

use crate::lint::rules::prelude::*;

declare_rule!(DefaultSecurityGroup {
    id: "NET002",
    name: "default-security-group-open",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_12"],
    profile_fix: None,
    source: include_str!("net002_default_security_group_open.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for vpc in ctx.resources("aws_vpc") {
        let defaults: Vec<Res> = ctx
            .resources("aws_default_security_group")
            .filter(|d| d.trace("vpc_id").iter().any(|t| vpc.is(t)))
            .collect();
        if defaults.is_empty() {
            out.push(vpc.finding(
                &META,
                vpc.pos(),
                format!(
                    "the default security group of {} keeps its allow-all rules",
                    vpc.address
                ),
                "add aws_default_security_group for this VPC with no rules",
            ));
        }
        for d in defaults {
            if !d.blocks("ingress").is_empty() || !d.blocks("egress").is_empty() {
                out.push(d.finding(
                    &META,
                    d.pos(),
                    format!(
                        "{} has rules; the default group should allow nothing",
                        d.address
                    ),
                    "remove its ingress and egress blocks",
                ));
            }
        }
    }
}
