//! # BKT003 s3-bucket-without-replication
//!
//! **What it does.** Flags S3 buckets that no `aws_s3_bucket_replication_configuration` copies to another bucket.
//!
//! **Why.** A bucket in one region is lost with that region, or with one mistaken deletion of its objects; replication keeps a second copy elsewhere.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket" "logs" {
//!   bucket = "example-logs"
//! }
//! ```
//!
//! **Fix.** Add an `aws_s3_bucket_replication_configuration` (it needs versioning on both buckets and a role). For data that is cheap to lose, such as access logs, waive it with that reason: replication doubles storage and adds transfer.
//!
//! checkov: CKV_AWS_144.

use crate::lint::rules::prelude::*;

declare_rule!(BucketReplication {
    id: "BKT003",
    name: "s3-bucket-without-replication",
    category: Reliability,
    severity: Info,
    checkov: ["CKV_AWS_144"],
    profile_fix: None,
    source: include_str!("bkt003_s3_bucket_without_replication.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for b in ctx.resources("aws_s3_bucket") {
        if referenced_by(
            ctx,
            &b,
            &["aws_s3_bucket_replication_configuration"],
            &["bucket"],
        ) {
            continue;
        }
        out.push(b.finding(
            &META,
            b.pos(),
            format!("{} is not replicated to another bucket", b.address),
            "add an aws_s3_bucket_replication_configuration",
        ));
    }
}
