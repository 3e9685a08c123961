//! # LOG003 log-group-cmk
//!
//! **What it does.** Flags log groups not encrypted with a customer-managed KMS key.
//!
//! **Why.** Log groups are always encrypted, but with a key AWS manages; a customer key lets you restrict and audit who can decrypt the logs, and revoke access by disabling the key.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_log_group" "service" {
//!   name              = "/ecs/petstore"
//!   retention_in_days = 30
//! }
//! ```
//!
//! **Fix.** Create an `aws_kms_key` whose policy allows the CloudWatch Logs service principal, and set `kms_key_id`. Where AWS-owned keys are an accepted choice, waive the finding with that reason.
//!
//! checkov: CKV_AWS_158.

// LOG003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
