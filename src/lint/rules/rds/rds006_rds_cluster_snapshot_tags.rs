//! # RDS006 rds-cluster-snapshot-tags
//!
//! **What it does.** Flags RDS clusters without `copy_tags_to_snapshot = true`.
//!
//! **Why.** Snapshots outlive the cluster. Without its tags, nobody can tell whose a snapshot is or which cost center pays for it, and tag-based policies (backup, access) miss it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Set `copy_tags_to_snapshot = true`.
//!
//! checkov: CKV_AWS_313.

// RDS006 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
