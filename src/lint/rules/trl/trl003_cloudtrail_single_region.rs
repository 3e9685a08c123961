//! # TRL003 cloudtrail-single-region
//!
//! **What it does.** Flags CloudTrail trails that record one region only.
//!
//! **Why.** Calls made in other regions, such as to a replica of the table, go unrecorded.
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
//! **Fix.** Set `is_multi_region_trail = true` (and keep `include_global_service_events = true`, which CloudTrail requires with it).
//!
//! checkov: CKV_AWS_67.

// TRL003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
