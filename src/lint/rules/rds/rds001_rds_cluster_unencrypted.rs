//! # RDS001 rds-cluster-unencrypted
//!
//! **What it does.** Flags RDS clusters without `storage_encrypted = true` (Aurora Serverless v1, `engine_mode = "serverless"`, is always encrypted and is not flagged).
//!
//! **Why.** An unencrypted cluster keeps its storage, automated backups, snapshots and replicas in clear. Encryption can only be chosen at creation: turning it on later means restoring a snapshot into a new cluster.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Set `storage_encrypted = true`.
//!
//! checkov: CKV_AWS_96.

// RDS001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
