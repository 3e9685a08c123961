//! # LB004 lb-keeps-invalid-headers
//!
//! **What it does.** Flags application load balancers that forward invalid HTTP header fields.
//!
//! **Why.** Malformed headers are a request-smuggling vector.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   load_balancer_type = "application"
//! }
//! ```
//!
//! **Fix.** Set `drop_invalid_header_fields = true`.
//!
//! checkov: CKV_AWS_131.

// LB004 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
