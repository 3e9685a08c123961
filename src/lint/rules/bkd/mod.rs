//! State backend rules.

pub mod bkd001_s3_backend_unencrypted;
