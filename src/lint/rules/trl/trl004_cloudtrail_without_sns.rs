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

// TRL004 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
