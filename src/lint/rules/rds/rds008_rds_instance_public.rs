//! # RDS008 rds-instance-public
//!
//! **What it does.** Flags RDS cluster instances and DB instances with `publicly_accessible = true`.
//!
//! **Why.** A publicly accessible instance gets a public DNS name that resolves to a public address: the only thing between the internet and the database is then its security group.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_instance" "writer" {
//!   publicly_accessible = true
//! }
//! ```
//!
//! **Fix.** Set `publicly_accessible = false`; reach the database from inside the VPC.
//!
//! checkov: CKV_AWS_17.

// RDS008 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
