//! # BKT001 s3-bucket-without-access-logging
//!
//! **What it does.** Flags S3 buckets that no `aws_s3_bucket_logging` resource (nor an inline `logging` block) gives server access logging.
//!
//! **Why.** Server access logs record who read or wrote which object; without them an investigation of a bucket's contents has only CloudTrail's management events.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket" "logs" {
//!   bucket = "example-logs"
//! }
//! ```
//!
//! **Fix.** Add an `aws_s3_bucket_logging` resource with a `target_bucket`. A bucket that itself receives logs usually does not log its own access (that would need another bucket); waive it with that reason.
//!
//! checkov: CKV_AWS_18.

use crate::lint::rules::prelude::*;

declare_rule!(BucketAccessLogging {
    id: "BKT001",
    name: "s3-bucket-without-access-logging",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_18"],
    profile_fix: None,
    source: include_str!("bkt001_s3_bucket_without_access_logging.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for b in ctx.resources("aws_s3_bucket") {
        if !b.blocks("logging").is_empty()
            || referenced_by(ctx, &b, &["aws_s3_bucket_logging"], &["bucket"])
        {
            continue;
        }
        out.push(b.finding(
            &META,
            b.pos(),
            format!("{} has no server access logging", b.address),
            "add an aws_s3_bucket_logging resource for the bucket",
        ));
    }
}
