//! # DDB001 dynamodb-pitr
//!
//! **What it does.** Checks that DynamoDB tables (and legacy global tables) have point-in-time recovery on.
//!
//! **Why.** Without it, a bad deploy or a mistaken delete of items cannot be undone: on-demand backups only restore to when they were taken.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   name         = "pets"
//!   billing_mode = "PAY_PER_REQUEST"
//!   hash_key     = "petId"
//! }
//! ```
//!
//! **Fix.** Add `point_in_time_recovery { enabled = true }`.
//!
//! In a petgen profile: `data.point_in_time_recovery = true`.
//!
//! checkov: CKV_AWS_28, CKV_AWS_165.

// DDB001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
