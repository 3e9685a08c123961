//! # NET008 default-vpc-managed
//!
//! **What it does.** Flags `aws_default_vpc` resources.
//!
//! **Why.** The default VPC has public subnets that hand out public IPs; managing it invites workloads into it instead of into a VPC designed for them.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_default_vpc" "default" {}
//! ```
//!
//! **Fix.** Remove the resource and run workloads in a VPC of their own.
//!
//! checkov: CKV_AWS_148.

use crate::lint::rules::prelude::*;

declare_rule!(DefaultVpc {
    id: "NET008",
    name: "default-vpc-managed",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_148"],
    profile_fix: None,
    source: include_str!("net008_default_vpc_managed.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for v in ctx.resources("aws_default_vpc") {
        out.push(v.finding(
            &META,
            v.pos(),
            format!("{} manages the default VPC", v.address),
            "use a dedicated VPC instead",
        ));
    }
}
