//! CloudWatch Logs rules.

pub mod log001_log_group_no_expiry;
pub mod log002_log_retention_under_a_year;
pub mod log003_log_group_cmk;
