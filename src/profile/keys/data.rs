//! `[data]`: the pets table.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// DynamoDB billing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum BillingMode {
    /// On demand: pay per request.
    #[serde(rename = "PAY_PER_REQUEST")]
    PayPerRequest,
    /// Fixed read and write capacity units.
    #[serde(rename = "PROVISIONED")]
    Provisioned,
}

/// The DynamoDB pets table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Data {
    /// Table name. Default: `"<project.name>-<environment>-pets"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_name: Option<String>,
    /// `"PAY_PER_REQUEST"` or `"PROVISIONED"`. Default: `"PAY_PER_REQUEST"`.
    pub billing_mode: BillingMode,
    /// Read capacity units; required with `PROVISIONED`, not allowed otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_capacity: Option<u32>,
    /// Write capacity units; required with `PROVISIONED`, not allowed otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_capacity: Option<u32>,
    /// Continuous backups (point-in-time recovery). Default: `false`.
    pub point_in_time_recovery: bool,
    /// Refuse `DeleteTable` until this is turned off. Default: `false`.
    pub deletion_protection: bool,
    /// Regions to replicate the table to (global table). Needs `PAY_PER_REQUEST`.
    /// Default: `[]`.
    pub replica_regions: Vec<String>,
    /// Which key encrypts the table at rest: `"aws_owned"` (DynamoDB's own key, free),
    /// `"aws_managed"` (the `aws/dynamodb` KMS key in the account, billed per request), or
    /// `"customer_managed"` (`kms_key_arn`, else a key the stack creates). Default:
    /// `"aws_owned"`.
    pub encryption: TableEncryption,
    /// With `encryption = "customer_managed"`: the KMS key to use. Default: a key the stack
    /// creates, with rotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
}

/// The key that encrypts the pets table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableEncryption {
    /// DynamoDB's AWS-owned key: no KMS charge, no key in the account.
    #[default]
    AwsOwned,
    /// The account's `aws/dynamodb` AWS-managed KMS key.
    AwsManaged,
    /// A customer-managed KMS key.
    CustomerManaged,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            table_name: None,
            billing_mode: BillingMode::PayPerRequest,
            read_capacity: None,
            write_capacity: None,
            point_in_time_recovery: false,
            deletion_protection: false,
            replica_regions: Vec::new(),
            encryption: TableEncryption::AwsOwned,
            kms_key_arn: None,
        }
    }
}
