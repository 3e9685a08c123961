//! # BKT002 s3-cross-region-replication
//!
//! **What it does.** Flags S3 buckets that no `aws_s3_bucket_replication_configuration` copies to another region.
//!
//! **Why.** Objects in one region are lost with it. Replication doubles storage and needs a second bucket and key, so data that is itself a copy, or is not worth twice the price, can waive this.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket" "trail" {
//!   bucket_prefix = "pets-trail-"
//! }
//! ```
//!
//! **Fix.** Add an `aws_s3_bucket_replication_configuration` with `bucket = aws_s3_bucket.<name>.id` and a rule to a bucket in another region.
//!
//! checkov: CKV_AWS_144.

use crate::lint::rules::prelude::*;

declare_rule!(CrossRegionReplication {
    id: "BKT002",
    name: "s3-cross-region-replication",
    category: Reliability,
    severity: Info,
    checkov: ["CKV_AWS_144"],
    profile_fix: None,
    source: include_str!("bkt002_s3_cross_region_replication.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for b in ctx.resources("aws_s3_bucket") {
        if !referenced_by(
            ctx,
            &b,
            &["aws_s3_bucket_replication_configuration"],
            &["bucket"],
        ) {
            out.push(b.finding(
                &META,
                b.pos(),
                format!("{} is not replicated to another region", b.address),
                "add an aws_s3_bucket_replication_configuration for it",
            ));
        }
    }
}
