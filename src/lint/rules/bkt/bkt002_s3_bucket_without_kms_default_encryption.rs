//! # BKT002 s3-bucket-without-kms-default-encryption
//!
//! **What it does.** Flags S3 buckets whose default encryption is not a KMS key: no `aws_s3_bucket_server_side_encryption_configuration` for the bucket, or one with `sse_algorithm = "AES256"`.
//!
//! **Why.** With SSE-S3 every principal that may read an object may decrypt it; a KMS key adds a second policy, key-use audit in CloudTrail, and revocation.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
//!   bucket = aws_s3_bucket.logs.id
//!   rule {
//!     apply_server_side_encryption_by_default {
//!       sse_algorithm = "AES256"
//!     }
//!   }
//! }
//! ```
//!
//! **Fix.** Set `sse_algorithm = "aws:kms"` with a `kms_master_key_id`. Some writers accept only SSE-S3: an Application Load Balancer's access-log delivery fails on a KMS bucket, so its log bucket is waived with that reason.
//!
//! checkov: CKV_AWS_145.

use crate::lint::rules::prelude::*;

declare_rule!(BucketKmsEncryption {
    id: "BKT002",
    name: "s3-bucket-without-kms-default-encryption",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_145"],
    profile_fix: None,
    source: include_str!("bkt002_s3_bucket_without_kms_default_encryption.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // The algorithms of every encryption configuration, by the bucket it configures.
    let mut kms_buckets = Vec::new();
    for cfg in ctx.resources("aws_s3_bucket_server_side_encryption_configuration") {
        let kms = cfg.blocks("rule").iter().any(|r| {
            blocks_named(r, "apply_server_side_encryption_by_default")
                .iter()
                .any(|d| {
                    string(&cfg.value_in(d, "sse_algorithm"))
                        .is_some_and(|a| a.starts_with("aws:kms"))
                })
        });
        if kms {
            kms_buckets.extend(cfg.trace("bucket"));
        }
    }
    for b in ctx.resources("aws_s3_bucket") {
        if kms_buckets.iter().any(|t| b.is(t)) {
            continue;
        }
        out.push(b.finding(
            &META,
            b.pos(),
            format!("{} is not encrypted with a KMS key by default", b.address),
            "add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\"",
        ));
    }
}
