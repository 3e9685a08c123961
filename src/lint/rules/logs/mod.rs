//! CloudWatch Logs rules.

pub mod kms;
pub mod retention_unset;
pub mod retention_year;
