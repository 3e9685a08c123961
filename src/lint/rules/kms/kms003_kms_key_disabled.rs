//! # KMS003 kms-key-disabled
//!
//! **What it does.** Flags KMS keys with `is_enabled = false`.
//!
//! **Why.** Everything encrypted with a disabled key is unreadable until it is enabled again.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_kms_key" "logs" {
//!   is_enabled = false
//! }
//! ```
//!
//! **Fix.** Remove `is_enabled = false`, or schedule the key for deletion if it is no longer used.
//!
//! checkov: CKV_AWS_227.

// KMS003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
