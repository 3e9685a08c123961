//! `[discovery]`: the Cloud Map namespace.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The Cloud Map namespace and service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Discovery {
    /// Private DNS namespace. Default: `"<project.name>.<environment>.local"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// TTL in seconds of the SRV records. Default: `10`.
    pub dns_ttl: u32,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            namespace: None,
            dns_ttl: 10,
        }
    }
}
