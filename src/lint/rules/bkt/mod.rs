//! S3 bucket rules.

pub mod bkt001_s3_bucket_without_access_logging;
pub mod bkt002_s3_bucket_without_kms_default_encryption;
pub mod bkt003_s3_bucket_without_replication;
pub mod bkt004_s3_event_notifications;
