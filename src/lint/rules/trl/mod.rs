//! CloudTrail rules.

pub mod trl001_cloudtrail_log_file_validation;
pub mod trl002_cloudtrail_not_encrypted;
pub mod trl003_cloudtrail_single_region;
pub mod trl004_cloudtrail_without_sns;
pub mod trl005_cloudtrail_without_cloudwatch_logs;
