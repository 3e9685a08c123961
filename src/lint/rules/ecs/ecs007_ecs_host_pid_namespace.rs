//! # ECS007 ecs-host-pid-namespace
//!
//! **What it does.** Flags task definitions with `pid_mode = "host"`.
//!
//! **Why.** Sharing the host's process namespace lets a container see and signal every process on the host.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_ecs_task_definition" "this" {
//!   pid_mode = "host"
//! }
//! ```
//!
//! **Fix.** Remove `pid_mode`, or use `task`.
//!
//! checkov: CKV_AWS_335.

// ECS007 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
