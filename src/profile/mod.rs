//! Stage 1: typed profiles.
//!
//! A profile (`profiles/<name>.toml`) describes one environment of the petstore stack.
//! [`load`] reads it (following `extends`), [`validate`] checks the values against AWS rules,
//! and the result is a [`Profile`] that the render stage turns into Terraform.
//!
//! The keys live in [`keys`], one file per table. Each table's defaults are written once, in its
//! `Default` impl, which serde applies to every missing key (`#[serde(default)]` on the table)
//! and schemars publishes as the schema's `default`; the doc comment that feeds
//! `petgen schema profile` and the README's key reference states the same value, and a test
//! holds the three together.

pub mod checks;
pub mod keys;
pub mod load;
pub mod locate;
pub mod monitoring;
pub mod placeholders;
pub mod scaffold;
pub mod stack;
pub mod words;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use keys::*;
pub use load::{load_profile, profile_path, LoadedProfile};

/// One environment of the petstore stack.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Name of another profile in the same directory whose keys this one inherits.
    /// Tables merge key by key; any other value (including arrays) is replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Project-wide settings.
    pub project: Project,
    /// Tags applied to every resource through the provider's `default_tags`.
    /// Default: `{}`. Keys 1-128 characters, values 0-256, no `aws:` prefix, at most 50 tags.
    pub tags: BTreeMap<String, String>,
    /// VPC, subnets, NAT gateways and security groups.
    pub network: Network,
    /// ECS cluster, Fargate task and service.
    pub service: Service,
    /// The DynamoDB pets table.
    pub data: Data,
    /// The Cloud Map namespace and service that API Gateway resolves tasks through.
    pub discovery: Discovery,
    /// The API Gateway HTTP API.
    pub api: Api,
    /// The Cognito user pool that issues the JWTs.
    pub auth: Auth,
    /// CloudWatch log groups.
    pub logs: Logs,
    /// Where terraform keeps the state of this environment.
    pub backend: Backend,
    /// CloudWatch alarms, the SNS topic they notify and the dashboard.
    pub monitoring: Monitoring,
    /// The CloudTrail trail of the pets table's item-level API calls.
    pub audit: Audit,
    /// Usage assumptions for `petgen cost`.
    pub usage: Usage,
    /// Monthly budget in USD; `petgen lint` and `petgen plan` fail when the estimate exceeds
    /// it. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_usd_per_month: Option<f64>,
    /// Refuse `petgen plan` and `apply` when the estimate is partial (some resource has no price
    /// in the region), because the budget cannot then be fully checked. Default: `false`: a
    /// partial estimate is reported, and only a priced part above the budget refuses.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub budget_strict: bool,
    /// Accepted lint findings, each with its reason. Default: none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// An accepted lint finding: `[[waivers]]` in a profile.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule ID, e.g. `"DDB001"` (see `petgen rules`).
    pub rule: String,
    /// The resource address the finding names, e.g.
    /// `"module.data.aws_dynamodb_table.pets"`.
    pub resource: String,
    /// Why the finding is accepted. Required.
    pub reason: String,
    /// Last day (`YYYY-MM-DD`) the waiver applies; after it, the waiver is itself a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl Profile {
    /// The environment name: `project.environment`, else the profile's own name.
    pub fn environment<'a>(&'a self, profile_name: &'a str) -> &'a str {
        self.project.environment.as_deref().unwrap_or(profile_name)
    }
}
