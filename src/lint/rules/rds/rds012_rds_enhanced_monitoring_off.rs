//! # RDS012 rds-enhanced-monitoring-off
//!
//! **What it does.** Flags RDS cluster instances and DB instances without `monitoring_interval` set to 1, 5, 10, 15, 30 or 60 seconds.
//!
//! **Why.** Enhanced monitoring collects the operating system's metrics (per-process CPU and memory, file system, I/O) from an agent on the instance, at up to one-second resolution; CloudWatch's RDS metrics are per minute and per instance only.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_instance" "writer" {
//!   instance_class = "db.serverless"
//! }
//! ```
//!
//! **Fix.** Set `monitoring_interval` and `monitoring_role_arn` (a role with `AmazonRDSEnhancedMonitoringRole`), or waive it where CloudWatch's metrics are enough.
//!
//! checkov: CKV_AWS_118.

// RDS012 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
