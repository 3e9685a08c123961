//! # RDS002 rds-cluster-deletion-protection
//!
//! **What it does.** In a production profile, flags RDS clusters without `deletion_protection = true`.
//!
//! **Why.** A mistaken `terraform destroy`, or a renamed resource, deletes the cluster. Its automated backups go with it; only a final snapshot, if one is taken, survives.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection = true`.
//!
//! In a petgen profile: `project.production = true` (petgen renders deletion protection and a final snapshot in production).
//!
//! checkov: CKV_AWS_139 (in every profile; petgen asks it of production only).

// RDS002 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
