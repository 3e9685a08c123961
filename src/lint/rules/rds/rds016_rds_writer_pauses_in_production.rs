//! # RDS016 rds-writer-pauses-in-production
//!
//! **What it does.** In a production profile, flags Aurora Serverless v2 clusters whose `serverlessv2_scaling_configuration` has `min_capacity = 0`.
//!
//! **Why.** At 0 ACUs an idle instance pauses (after `seconds_until_auto_pause`, 300 seconds by default). The first connection after a pause waits while the instance resumes, about 15 seconds: in production, the first callers after a quiet period wait that long, or time out.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   serverlessv2_scaling_configuration {
//!     min_capacity = 0
//!     max_capacity = 4
//!   }
//! }
//! ```
//!
//! **Fix.** Set `min_capacity = 0.5` or more.
//!
//! In a petgen profile: `data.postgres.min_acu = 0.5`.
//!
//! checkov has no equivalent check.

// RDS016 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
