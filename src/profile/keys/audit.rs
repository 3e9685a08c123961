//! `[audit]`: the CloudTrail trail of the table's data events, and AWS Config.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// CloudTrail data events of the pets table, delivered to an S3 bucket the stack creates; and
/// AWS Config, recording the stack's resources and evaluating them with managed rules that
/// mirror lint.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Audit {
    /// Record every item-level call on the pets table (GetItem, PutItem, ...) with a CloudTrail
    /// trail. Billed per event. Default: `false`.
    pub table_data_events: bool,
    /// Record reads as well as writes. Reads are most of the traffic, so turning this off cuts
    /// the events (and their price) to the write share. Default: `true`.
    pub read_events: bool,
    /// Days the trail's log files, and AWS Config's files in a bucket of its own, are kept
    /// before they expire. Default: `365`.
    pub log_expiry_days: u32,
    /// Record the configuration of the stack's resource types with AWS Config and evaluate them
    /// with the AWS managed rules that mirror petgen's lint rules, so drift after apply (a
    /// console change that turns off point-in-time recovery or opens a security group) reaches
    /// the alarm topic. Billed per configuration item recorded and per rule evaluation.
    /// Default: `false`.
    pub config: bool,
    /// Where Config delivers its snapshots and history: `"audit"`, the trail's bucket (needs
    /// `table_data_events = true`), or `"own"`, a bucket of Config's own. Default: the trail's
    /// bucket when the trail is on, a bucket of its own otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_bucket: Option<ConfigBucket>,
}

/// The bucket AWS Config delivers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConfigBucket {
    /// The audit trail's bucket, under `AWSLogs/<account>/Config/`, encrypted with the trail's
    /// key.
    Audit,
    /// A private, versioned, encrypted bucket in the Config module.
    Own,
}

impl Default for Audit {
    fn default() -> Self {
        Audit {
            table_data_events: false,
            read_events: true,
            log_expiry_days: 365,
            config: false,
            config_bucket: None,
        }
    }
}
