//! # NET012 endpoint-service-auto-accept
//!
//! **What it does.** Flags `aws_vpc_endpoint_service` with `acceptance_required = false`.
//!
//! **Why.** Any account that the service allows can connect without review.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_endpoint_service" "this" {
//!   acceptance_required        = false
//!   network_load_balancer_arns = [aws_lb.nlb.arn]
//! }
//! ```
//!
//! **Fix.** Set `acceptance_required = true`.
//!
//! checkov: CKV_AWS_123.

// NET012 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
