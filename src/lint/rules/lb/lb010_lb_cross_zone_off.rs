//! # LB010 lb-cross-zone-off
//!
//! **What it does.** Flags network and gateway load balancers without cross-zone load balancing.
//!
//! **Why.** Each node then only serves targets in its own AZ, so an AZ with fewer healthy targets gets overloaded.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb" "nlb" {
//!   load_balancer_type = "network"
//! }
//! ```
//!
//! **Fix.** Set `enable_cross_zone_load_balancing = true`.
//!
//! checkov: CKV_AWS_152.

// LB010 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
