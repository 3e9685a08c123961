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

// TRL005 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
