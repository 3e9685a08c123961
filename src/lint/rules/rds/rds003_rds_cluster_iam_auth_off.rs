//! # RDS003 rds-cluster-iam-auth-off
//!
//! **What it does.** Flags RDS clusters without `iam_database_authentication_enabled = true`.
//!
//! **Why.** With IAM database authentication, a role can sign a short-lived token instead of holding a password, and access is granted and revoked in IAM with the rest of the account's permissions.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Set `iam_database_authentication_enabled = true`.
//!
//! checkov: CKV_AWS_162.

// RDS003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
