//! S3 bucket rules.

pub mod bkt001_s3_access_logging;
pub mod bkt002_s3_cross_region_replication;
pub mod bkt003_s3_event_notifications;
