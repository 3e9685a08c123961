//! State backend rules.

pub mod bkd001_s3_backend_unencrypted;
pub mod bkd002_s3_backend_generic_bucket_name;
