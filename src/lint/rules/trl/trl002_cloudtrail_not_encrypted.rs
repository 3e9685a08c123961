//! # TRL002 cloudtrail-not-encrypted
//!
//! **What it does.** Flags CloudTrail trails whose log files are not encrypted with a KMS key (`kms_key_id`).
//!
//! **Why.** With SSE-S3 alone, anyone who can read the bucket reads the audit log. A KMS key adds a second, separately granted permission and records every decryption.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudtrail" "table" {
//!   name           = "pets-data-events"
//!   s3_bucket_name = "pets-trail"
//! }
//! ```
//!
//! **Fix.** Set `kms_key_id` to a customer-managed key whose policy admits `cloudtrail.amazonaws.com`.
//!
//! checkov: CKV_AWS_35.

// TRL002 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
