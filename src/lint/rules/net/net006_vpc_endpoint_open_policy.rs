//! # NET006 vpc-endpoint-open-policy
//!
//! **What it does.** Flags VPC endpoints whose policy allows any principal every action on every resource, or that have no policy (which means the same).
//!
//! **Why.** An endpoint is a path out of the VPC to an AWS service. With an open policy, anything in the VPC can use it with any credentials, including to copy data to another account's resources.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_endpoint" "s3" {
//!   vpc_id       = aws_vpc.this.id
//!   service_name = "com.amazonaws.us-east-1.s3"
//!   policy = jsonencode({
//!     Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }]
//!   })
//! }
//! ```
//!
//! **Fix.** Write a policy that names the actions and resources the workload needs (e.g. `s3:GetObject` on the ECR layer bucket).
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(VpcEndpointPolicy {
    id: "NET006",
    name: "vpc-endpoint-open-policy",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("net006_vpc_endpoint_open_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ep in ctx.resources("aws_vpc_endpoint") {
        if ep.attr("policy").is_none() {
            out.push(ep.finding(
                &META,
                ep.pos(),
                format!("{} has no policy, so it allows every action", ep.address),
                "add a policy that names the needed actions and resources",
            ));
            continue;
        }
        let Some(statements) = policy_of(&ep, "policy") else {
            continue;
        };
        if statements.iter().any(|s| {
            s.allow
                && s.grants("*")
                && s.all_resources()
                && s.principals.iter().any(|p| p == "*")
                && !s.has_condition
        }) {
            out.push(ep.finding(
                &META,
                ep.pos_of("policy"),
                format!("{} allows `*` to `*` for any principal", ep.address),
                "narrow the policy's actions and resources",
            ));
        }
    }
}
