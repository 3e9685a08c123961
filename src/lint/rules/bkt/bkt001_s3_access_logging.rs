//! # BKT001 s3-access-logging
//!
//! **What it does.** Flags S3 buckets that no `aws_s3_bucket_logging` configures.
//!
//! **Why.** Server access logs record every request to the bucket, including reads that CloudTrail's management events do not. For a bucket that holds logs, the access logs would need a bucket of their own: a log bucket logging to a log bucket recurses, so such a bucket can waive this.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket" "trail" {
//!   bucket_prefix = "pets-trail-"
//! }
//! ```
//!
//! **Fix.** Add an `aws_s3_bucket_logging` with `bucket = aws_s3_bucket.<name>.id` and a `target_bucket`.
//!
//! checkov: CKV_AWS_18.

use crate::lint::rules::prelude::*;

declare_rule!(AccessLogging {
    id: "BKT001",
    name: "s3-access-logging",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_18"],
    profile_fix: None,
    source: include_str!("bkt001_s3_access_logging.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for b in ctx.resources("aws_s3_bucket") {
        if !referenced_by(ctx, &b, &["aws_s3_bucket_logging"], &["bucket"]) {
            out.push(b.finding(
                &META,
                b.pos(),
                format!("{} keeps no access log", b.address),
                "add an aws_s3_bucket_logging for it",
            ));
        }
    }
}
