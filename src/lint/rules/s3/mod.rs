//! S3 bucket rules.

pub mod s3001_s3_access_logging;
pub mod s3002_s3_cross_region_replication;
pub mod s3003_s3_event_notifications;
