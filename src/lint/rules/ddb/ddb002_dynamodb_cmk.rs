//! # DDB002 dynamodb-cmk
//!
//! **What it does.** Flags DynamoDB tables and replicas not encrypted with a customer-managed KMS key.
//!
//! **Why.** Tables are always encrypted; a customer key adds control over who can decrypt the data and an audit trail of every use.
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
//! **Fix.** Set `server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.pets.arn }` (and `kms_key_arn` on replicas), or waive with the reason AWS-owned keys are accepted.
//!
//! checkov: CKV_AWS_119, CKV_AWS_271.

use crate::lint::rules::prelude::*;

declare_rule!(Cmk {
    id: "DDB002",
    name: "dynamodb-cmk",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_119", "CKV_AWS_271"],
    profile_fix: None,
    source: include_str!("ddb002_dynamodb_cmk.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_dynamodb_table") {
        let sse = t.blocks("server_side_encryption");
        let cmk = sse.iter().any(|b| {
            is_true(&t.value_in(b, "enabled")) && b.get_attribute("kms_key_arn").is_some()
        });
        if !cmk {
            let pos = sse
                .first()
                .map(|b| t.pos_in(b, "enabled"))
                .unwrap_or(t.pos());
            out.push(t.finding(
                &META,
                pos,
                format!("{} is not encrypted with a customer-managed key", t.address),
                "set server_side_encryption.kms_key_arn",
            ));
        }
    }
    for r in ctx.resources("aws_dynamodb_table_replica") {
        if r.attr("kms_key_arn").is_none() {
            out.push(r.finding(
                &META,
                r.pos(),
                format!("{} is not encrypted with a customer-managed key", r.address),
                "set kms_key_arn",
            ));
        }
    }
}
