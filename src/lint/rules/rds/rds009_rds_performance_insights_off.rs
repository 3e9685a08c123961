//! # RDS009 rds-performance-insights-off
//!
//! **What it does.** Flags RDS cluster instances and DB instances without `performance_insights_enabled = true`.
//!
//! **Why.** Performance Insights records where the database spent its time, by statement and wait event. Without it, a slow period leaves only CPU and connection counts behind. Seven days' retention is free.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_instance" "writer" {
//!   instance_class = "db.serverless"
//! }
//! ```
//!
//! **Fix.** Set `performance_insights_enabled = true`.
//!
//! In a petgen profile: `data.postgres.performance_insights = true`.
//!
//! checkov: CKV_AWS_353.

// RDS009 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
