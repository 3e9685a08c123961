//! # TRL005 cloudtrail-without-cloudwatch-logs
//!
//! **What it does.** Flags CloudTrail trails that do not also send their events to a CloudWatch Logs group.
//!
//! **Why.** Events in CloudWatch Logs can drive metric filters and alarms within minutes; in S3 they are only read after the fact. The log group adds ingestion cost, so a trail kept for after-the-fact audit can waive this.
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
//! **Fix.** Set `cloud_watch_logs_group_arn` (`"${aws_cloudwatch_log_group.trail.arn}:*"`) and `cloud_watch_logs_role_arn` to a role CloudTrail can assume to write there.
//!
//! checkov: CKV2_AWS_10.

use crate::lint::rules::prelude::*;

declare_rule!(WithoutCloudWatchLogs {
    id: "TRL005",
    name: "cloudtrail-without-cloudwatch-logs",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_10"],
    profile_fix: None,
    source: include_str!("trl005_cloudtrail_without_cloudwatch_logs.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_cloudtrail") {
        if t.attr("cloud_watch_logs_group_arn").is_none() {
            out.push(t.finding(
                &META,
                t.pos(),
                format!("{} sends no events to CloudWatch Logs", t.address),
                "set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn",
            ));
        }
    }
}
