//! # LB005 lb-deletion-protection
//!
//! **What it does.** Flags load balancers without deletion protection.
//!
//! **Why.** Deleting the load balancer takes the service offline and changes its DNS name.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Set `enable_deletion_protection = true`.
//!
//! checkov: CKV_AWS_150.

// LB005 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
