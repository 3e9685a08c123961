//! # DDB005 dynamodb-sse-without-key
//!
//! **What it does.** Flags DynamoDB tables with `server_side_encryption { enabled = true }` and no `kms_key_arn`.
//!
//! **Why.** That block without a key selects the account's AWS-managed key (`aws/dynamodb`), which KMS bills per request, not the free AWS-owned key that leaving the block out gives, nor a customer-managed key that a reader of `enabled = true` may expect. The intent is ambiguous, and waivers written about it are often wrong.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   server_side_encryption {
//!     enabled = true
//!   }
//! }
//! ```
//!
//! **Fix.** Say which key: remove the block for the AWS-owned key, or set `kms_key_arn` to a customer-managed key. In a petgen profile, `data.encryption`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(SseWithoutKey {
    id: "DDB005",
    name: "dynamodb-sse-without-key",
    category: Security,
    severity: Info,
    checkov: [],
    profile_fix: Some("data.encryption = \"aws_owned\" or \"customer_managed\""),
    source: include_str!("ddb005_dynamodb_sse_without_key.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_dynamodb_table") {
        for sse in t.blocks("server_side_encryption") {
            if is_true(&t.value_in(sse, "enabled")) && sse.get_attribute("kms_key_arn").is_none() {
                out.push(t.finding(
                    &META,
                    t.pos_in(sse, "enabled"),
                    format!(
                        "{} is encrypted with the AWS-managed key aws/dynamodb (billed by KMS), which `enabled = true` alone selects",
                        t.address
                    ),
                    "remove the block for the AWS-owned key, or set kms_key_arn",
                ));
            }
        }
    }
}
