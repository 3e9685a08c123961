//! # RDS011 rds-cluster-cmk
//!
//! **What it does.** Flags RDS clusters without `kms_key_id`: encrypted, if at all, with the AWS-managed `aws/rds` key.
//!
//! **Why.** A customer-managed key adds control over who can decrypt the cluster's storage and snapshots (a snapshot shared with another account needs one) and an audit trail of every use.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   storage_encrypted = true
//! }
//! ```
//!
//! **Fix.** Set `kms_key_id` to a customer-managed key at creation, or waive it with the reason the AWS-managed key is accepted.
//!
//! checkov: CKV_AWS_327.

// RDS011 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
