//! State backend rules.

pub mod s3_unencrypted;
