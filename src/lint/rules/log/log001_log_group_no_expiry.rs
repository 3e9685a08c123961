//! # LOG001 log-group-no-expiry
//!
//! **What it does.** Flags CloudWatch log groups without a retention period (they keep logs forever).
//!
//! **Why.** Storage is billed every month for every byte ever written ($0.03/GB-month), and old logs hold data nobody reviews.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_log_group" "service" {
//!   name = "/ecs/petstore"
//! }
//! ```
//!
//! **Fix.** Set `retention_in_days` to what you need (e.g. 30, or 365 for audit logs).
//!
//! In a petgen profile: `logs.retention_days = 30`.
//!
//! checkov: CKV_AWS_66.

// LOG001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
