//! # RDS010 rds-performance-insights-cmk
//!
//! **What it does.** Flags RDS cluster instances and DB instances with Performance Insights on and no `performance_insights_kms_key_id`.
//!
//! **Why.** Performance Insights keeps the text of the statements it samples, which can hold the data they carry. Without a customer-managed key it is encrypted with the AWS-managed `aws/rds` key, whose use nobody in the account can restrict.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_instance" "writer" {
//!   performance_insights_enabled = true
//! }
//! ```
//!
//! **Fix.** Set `performance_insights_kms_key_id` to a customer-managed key, or waive it with the reason the AWS-managed key is accepted.
//!
//! checkov: CKV_AWS_354.

// RDS010 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
