//! DynamoDB rules.

pub mod cmk;
pub mod deletion_protection;
pub mod pitr;
pub mod provisioned_autoscaling;
