//! `[data]`: where the pets are kept: the DynamoDB table, or an Aurora PostgreSQL Serverless v2
//! cluster (`engine = "postgres"`, `[data.postgres]`).

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

/// The pets' datastore: a DynamoDB table (the default) or an Aurora PostgreSQL cluster.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Data {
    /// `"dynamodb"`: a DynamoDB table, billed per request. `"postgres"`: an Aurora PostgreSQL
    /// Serverless v2 cluster (`[data.postgres]`), billed per ACU-hour: the design's scaling
    /// path. Default: `"dynamodb"`.
    pub engine: Engine,
    /// The Aurora cluster, with `engine = "postgres"`; an error with DynamoDB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postgres: Option<Postgres>,
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
    /// Continuous backups (point-in-time recovery) of the table. An Aurora cluster restores to
    /// any second of its backup window whatever this says. Default: `false`.
    pub point_in_time_recovery: bool,
    /// Refuse deleting the table (or the Aurora cluster) until this is turned off. Default:
    /// `false`.
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

/// Where the pets are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// A DynamoDB table.
    #[default]
    Dynamodb,
    /// An Aurora PostgreSQL Serverless v2 cluster.
    Postgres,
}

/// Aurora's storage configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuroraStorage {
    /// Aurora Standard: storage and I/O billed apart.
    #[default]
    Standard,
    /// Aurora I/O-Optimized: no I/O charge, dearer ACUs and storage.
    IoOptimized,
}

/// The Aurora PostgreSQL Serverless v2 cluster.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Postgres {
    /// The least capacity each instance keeps, in Aurora capacity units (ACUs, about 2 GiB of
    /// memory each): 0 to 256 in steps of 0.5. 0 pauses an idle instance (with
    /// `auto_pause_seconds`). Default: `0.5`.
    pub min_acu: f64,
    /// The most capacity each instance scales to, in ACUs: 1 to 256 in steps of 0.5.
    /// Default: `4`.
    pub max_acu: f64,
    /// Seconds without connections before an instance with `min_acu = 0` pauses: 300 to
    /// 86400. Default: `300`.
    pub auto_pause_seconds: u32,
    /// Aurora PostgreSQL version the cluster is created with (`<major>.<minor>`). Minor
    /// versions then arrive in the maintenance window; a later change here is ignored, and a
    /// major upgrade is an operation (`aws rds modify-db-cluster --engine-version
    /// --allow-major-version-upgrade`). Default: `"16.6"`.
    pub engine_version: String,
    /// The database the service uses. Default: `"petstore"`.
    pub database_name: String,
    /// Days of automated backups, within which the cluster restores to any second: 1 to 35.
    /// Default: `7`.
    pub backup_retention_days: u32,
    /// Performance Insights on each instance (7 days' retention, free). It holds an instance
    /// above its minimum: AWS advises `min_acu` of 2 or more with it on. Default: `false`.
    pub performance_insights: bool,
    /// Export the PostgreSQL log to CloudWatch Logs (billed per GB ingested). Default:
    /// `false`.
    pub log_exports: bool,
    /// `"standard"` or `"io-optimized"`. Default: `"standard"`.
    pub storage: AuroraStorage,
}

impl Default for Postgres {
    fn default() -> Self {
        Postgres {
            min_acu: 0.5,
            max_acu: 4.0,
            auto_pause_seconds: 300,
            engine_version: "16.6".to_string(),
            database_name: "petstore".to_string(),
            backup_retention_days: 7,
            performance_insights: false,
            log_exports: false,
            storage: AuroraStorage::Standard,
        }
    }
}

impl Default for Data {
    fn default() -> Self {
        Data {
            engine: Engine::Dynamodb,
            postgres: None,
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
