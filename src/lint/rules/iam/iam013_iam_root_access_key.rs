//! # IAM013 iam-root-access-key
//!
//! **What it does.** Flags access keys created for the root user.
//!
//! **Why.** Root keys cannot be restricted by any policy.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_access_key" "root" {
//!   user = "root"
//! }
//! ```
//!
//! **Fix.** Remove the key; use roles.
//!
//! checkov: CKV_AWS_348.

// IAM013 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
