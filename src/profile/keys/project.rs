//! `[project]`: project-wide settings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Project-wide settings.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// Name prefix for every resource. Default: `"petstore"`.
    pub name: String,
    /// Environment name used in resource names.
    /// Default: the profile's file name (`dev` for `profiles/dev.toml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// AWS region, e.g. `us-east-1`. Default: `"us-east-1"`.
    pub region: String,
    /// Whether this profile is a production environment. Stricter lint rules apply.
    /// Default: `false`.
    pub production: bool,
    /// Terraform version constraint written to `required_version`. Default: `">= 1.10"`.
    pub terraform_version: String,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            name: "petstore".into(),
            environment: None,
            region: "us-east-1".into(),
            production: false,
            terraform_version: ">= 1.10".into(),
        }
    }
}
