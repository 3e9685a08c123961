//! # DDB004 dynamodb-deletion-protection
//!
//! **What it does.** In a production profile, flags DynamoDB tables without deletion protection.
//!
//! **Why.** A mistaken `terraform destroy` or a renamed resource deletes the table and every pet in it; PITR does not survive table deletion beyond its backup window.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   name     = "pets"
//!   hash_key = "petId"
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection_enabled = true`.
//!
//! In a petgen profile: `data.deletion_protection = true`.
//!
//! checkov has no equivalent check.

// DDB004 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
