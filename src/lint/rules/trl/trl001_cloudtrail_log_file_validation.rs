//! # TRL001 cloudtrail-log-file-validation
//!
//! **What it does.** Flags CloudTrail trails without log file validation.
//!
//! **Why.** Without digest files nobody can prove that a log file was not changed or deleted after CloudTrail delivered it, which is what an audit trail is for.
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
//! **Fix.** Set `enable_log_file_validation = true`.
//!
//! checkov: CKV_AWS_36.

// TRL001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
