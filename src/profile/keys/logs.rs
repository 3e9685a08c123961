//! `[logs]`: CloudWatch log groups.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// CloudWatch log groups.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Logs {
    /// Retention in days for every log group; one of the values CloudWatch accepts
    /// (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
    /// 2192, 2557, 2922, 3288, 3653). Default: `7`.
    pub retention_days: u32,
}

impl Default for Logs {
    fn default() -> Self {
        Logs { retention_days: 7 }
    }
}
