//! `[audit]`: the CloudTrail trail of the table's data events.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// CloudTrail data events of the pets table, delivered to an S3 bucket the stack creates.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Audit {
    /// Record every item-level call on the pets table (GetItem, PutItem, ...) with a CloudTrail
    /// trail. Billed per event. Default: `false`.
    pub table_data_events: bool,
    /// Record reads as well as writes. Reads are most of the traffic, so turning this off cuts
    /// the events (and their price) to the write share. Default: `true`.
    pub read_events: bool,
    /// Days the trail's log files are kept in the bucket before they expire. Default: `365`.
    pub log_expiry_days: u32,
}

impl Default for Audit {
    fn default() -> Self {
        Audit {
            table_data_events: false,
            read_events: true,
            log_expiry_days: 365,
        }
    }
}
