//! # NET001 vpc-flow-logs
//!
//! **What it does.** Checks that every VPC has an `aws_flow_log` attached to it.
//!
//! **Why.** Without flow logs there is no record of which addresses talked to the tasks, which makes incident response guesswork.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc" "this" {
//!   cidr_block = "10.0.0.0/16"
//! }
//! ```
//!
//! **Fix.** Add `resource "aws_flow_log"` with `vpc_id = aws_vpc.this.id`, a log destination and an IAM role.
//!
//! In a petgen profile: `network.flow_logs = true`.
//!
//! checkov: CKV2_AWS_11.

use crate::lint::rules::prelude::*;

declare_rule!(VpcFlowLogs {
    id: "NET001",
    name: "vpc-flow-logs",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_11"],
    profile_fix: Some("network.flow_logs = true"),
    source: include_str!("net001_vpc_flow_logs.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for vpc in ctx.resources("aws_vpc") {
        let logged = ctx
            .resources("aws_flow_log")
            .any(|f| f.trace("vpc_id").iter().any(|t| vpc.is(t)));
        if !logged {
            out.push(vpc.finding(
                &META,
                vpc.pos(),
                format!("{} has no flow log", vpc.address),
                "add an aws_flow_log with vpc_id pointing at this VPC",
            ));
        }
    }
}
