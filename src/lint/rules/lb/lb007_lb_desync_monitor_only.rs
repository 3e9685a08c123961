//! # LB007 lb-desync-monitor-only
//!
//! **What it does.** Flags load balancers whose HTTP desync mitigation is only `monitor`.
//!
//! **Why.** `monitor` lets ambiguous requests (request smuggling) through.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "this" {
//!   desync_mitigation_mode = "monitor"
//! }
//! ```
//!
//! **Fix.** Use `defensive` (the default) or `strictest`.
//!
//! checkov: CKV_AWS_328.

// LB007 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
