//! # ECS004 ecs-platform-version
//!
//! **What it does.** Flags Fargate services pinned to a platform version other than `LATEST`.
//!
//! **Why.** Old platform versions miss kernel and runtime security fixes.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_service" "this" {
//!   launch_type      = "FARGATE"
//!   platform_version = "1.3.0"
//! }
//! ```
//!
//! **Fix.** Remove `platform_version` or set it to `LATEST`.
//!
//! checkov: CKV_AWS_332.

// ECS004 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
