//! # RDS007 rds-instance-minor-upgrades-off
//!
//! **What it does.** Flags RDS cluster instances and DB instances with `auto_minor_version_upgrade = false`.
//!
//! **Why.** Minor engine versions carry security and stability fixes; with upgrades off the instance stays on its version until someone upgrades it by hand.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_instance" "writer" {
//!   auto_minor_version_upgrade = false
//! }
//! ```
//!
//! **Fix.** Set `auto_minor_version_upgrade = true`, or leave it out (the default is true).
//!
//! checkov: CKV_AWS_226 (which also fails when the argument is left out, though the provider then upgrades).

// RDS007 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
