//! # LB002 lb-target-group-plain-http
//!
//! **What it does.** Flags target groups that speak plain HTTP to their targets.
//!
//! **Why.** Traffic between the load balancer and the tasks is then clear text inside the VPC.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb_target_group" "app" {
//!   port     = 8080
//!   protocol = "HTTP"
//! }
//! ```
//!
//! **Fix.** Use `HTTPS` to the targets, or accept the risk explicitly with a waiver.
//!
//! checkov: CKV_AWS_378.

// LB002 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
