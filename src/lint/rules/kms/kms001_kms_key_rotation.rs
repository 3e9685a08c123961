//! # KMS001 kms-key-rotation
//!
//! **What it does.** Flags symmetric customer-managed KMS keys without automatic rotation.
//!
//! **Why.** Rotation limits how much data one key version protects and is required by most compliance frameworks.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_kms_key" "logs" {
//!   description = "log encryption"
//! }
//! ```
//!
//! **Fix.** Set `enable_key_rotation = true`.
//!
//! checkov: CKV_AWS_7.

// KMS001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
