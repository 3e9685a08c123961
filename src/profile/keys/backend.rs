//! `[backend]`: where terraform keeps its state.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// State storage kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BackendKind {
    /// `terraform.tfstate` beside the root (one person, one machine).
    Local,
    /// An S3 bucket, shared by a team, with state locking.
    S3,
}

/// Terraform state backend, rendered to `backend.tf`. The bucket and lock table live
/// outside this stack.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Backend {
    /// `"local"` or `"s3"`. Default: `"local"`.
    pub kind: BackendKind,
    /// S3 bucket holding the state (s3 only; required there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// Object key of the state file (s3 only). Default: `"petstore/<environment>.tfstate"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Region of the bucket (s3 only). Default: `project.region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Encrypt the state object at rest (s3 only). Default: `true`.
    pub encrypt: bool,
    /// Lock the state with an S3 lock file (s3 only). Default: `true`.
    pub use_lockfile: bool,
    /// Lock the state with this DynamoDB table instead of, or besides, the lock file (s3 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
}

impl Default for Backend {
    fn default() -> Self {
        Backend {
            kind: BackendKind::Local,
            bucket: None,
            key: None,
            region: None,
            encrypt: true,
            use_lockfile: true,
            dynamodb_table: None,
        }
    }
}
