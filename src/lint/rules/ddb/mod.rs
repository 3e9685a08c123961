//! DynamoDB rules.

pub mod ddb001_dynamodb_pitr;
pub mod ddb002_dynamodb_cmk;
pub mod ddb003_dynamodb_provisioned_without_autoscaling;
pub mod ddb004_dynamodb_deletion_protection;
pub mod ddb005_dynamodb_sse_without_key;
pub mod ddb006_dynamodb_replica_less_protected;
