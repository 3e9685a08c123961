//! # TRL002 cloudtrail-not-encrypted
//!
//! **What it does.** Flags CloudTrail trails whose log files are not encrypted with a KMS key (`kms_key_id`).
//!
//! **Why.** With SSE-S3 alone, anyone who can read the bucket reads the audit log. A KMS key adds a second, separately granted permission and records every decryption.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudtrail" "table" {
//!   name           = "pets-data-events"
//!   s3_bucket_name = "pets-trail"
//! }
//! ```
//!
//! **Fix.** Set `kms_key_id` to a customer-managed key whose policy admits `cloudtrail.amazonaws.com`.
//!
//! checkov: CKV_AWS_35.

use crate::lint::rules::prelude::*;

declare_rule!(NotEncrypted {
    id: "TRL002",
    name: "cloudtrail-not-encrypted",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_35"],
    profile_fix: None,
    source: include_str!("trl002_cloudtrail_not_encrypted.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_cloudtrail") {
        if t.attr("kms_key_id").is_none() {
            out.push(t.finding(
                &META,
                t.pos(),
                format!("{} writes log files without a KMS key", t.address),
                "set kms_key_id",
            ));
        }
    }
}
