//! # LOG003 log-group-cmk
//!
//! **What it does.** Flags log groups not encrypted with a customer-managed KMS key.
//!
//! **Why.** Log groups are always encrypted, but with a key AWS manages; a customer key lets you restrict and audit who can decrypt the logs, and revoke access by disabling the key.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_log_group" "service" {
//!   name              = "/ecs/petstore"
//!   retention_in_days = 30
//! }
//! ```
//!
//! **Fix.** Create an `aws_kms_key` whose policy allows the CloudWatch Logs service principal, and set `kms_key_id`. Where AWS-owned keys are an accepted choice, waive the finding with that reason.
//!
//! checkov: CKV_AWS_158.

use crate::lint::rules::prelude::*;

declare_rule!(Kms {
    id: "LOG003",
    name: "log-group-cmk",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_158"],
    profile_fix: None,
    source: include_str!("log003_log_group_cmk.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for g in ctx.resources("aws_cloudwatch_log_group") {
        if g.attr("kms_key_id").is_none() {
            out.push(g.finding(
                &META,
                g.pos(),
                format!("{} uses an AWS-managed key", g.address),
                "set kms_key_id to a customer-managed key",
            ));
        }
    }
}
