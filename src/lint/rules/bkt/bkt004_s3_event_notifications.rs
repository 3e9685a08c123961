//! # BKT004 s3-event-notifications
//!
//! **What it does.** Flags S3 buckets that no `aws_s3_bucket_notification` configures.
//!
//! **Why.** Event notifications let a consumer react to new or deleted objects. A bucket whose objects nobody processes on arrival gains nothing from them and can waive this.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_s3_bucket" "trail" {
//!   bucket_prefix = "pets-trail-"
//! }
//! ```
//!
//! **Fix.** Add an `aws_s3_bucket_notification` with `bucket = aws_s3_bucket.<name>.id`.
//!
//! checkov: CKV2_AWS_62.

use crate::lint::rules::prelude::*;

declare_rule!(EventNotifications {
    id: "BKT004",
    name: "s3-event-notifications",
    category: Reliability,
    severity: Info,
    checkov: ["CKV2_AWS_62"],
    profile_fix: None,
    source: include_str!("bkt004_s3_event_notifications.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for b in ctx.resources("aws_s3_bucket") {
        if !referenced_by(ctx, &b, &["aws_s3_bucket_notification"], &["bucket"]) {
            out.push(b.finding(
                &META,
                b.pos(),
                format!("{} sends no event notifications", b.address),
                "add an aws_s3_bucket_notification for it",
            ));
        }
    }
}
