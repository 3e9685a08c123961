//! # TRL004 cloudtrail-without-sns
//!
//! **What it does.** Flags CloudTrail trails that publish no SNS notification when they deliver a log file.
//!
//! **Why.** A notification per log file lets a consumer process audit logs as they arrive. Nothing consumes them when a person reads the trail after an incident, and then the notifications are noise: waive the finding with that reason.
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
//! **Fix.** Set `sns_topic_name` to a topic that a log consumer subscribes to.
//!
//! checkov: CKV_AWS_252.

use crate::lint::rules::prelude::*;

declare_rule!(WithoutSns {
    id: "TRL004",
    name: "cloudtrail-without-sns",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_252"],
    profile_fix: None,
    source: include_str!("trl004_cloudtrail_without_sns.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_cloudtrail") {
        if t.attr("sns_topic_name").is_none() {
            out.push(t.finding(
                &META,
                t.pos(),
                format!("{} notifies no SNS topic of new log files", t.address),
                "set sns_topic_name",
            ));
        }
    }
}
