//! `[monitoring]`: alarms, their topic and the dashboard.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// CloudWatch alarms, the SNS topic they notify and the dashboard. The alarms and their
/// default thresholds are listed in the README's "Monitoring" section.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Monitoring {
    /// Render the CloudWatch alarms and the SNS topic they notify. Default:
    /// `project.production`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarms: Option<bool>,
    /// Render a CloudWatch dashboard of the same signals the alarms watch. Default: the value
    /// of `monitoring.alarms`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard: Option<bool>,
    /// E-mail addresses subscribed to the alarm topic. AWS mails each address a confirmation
    /// link, and nothing is delivered to it until its owner clicks that link. Default: `[]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Notify this existing SNS topic (`arn:aws:sns:<region>:<account>:<name>`, in
    /// `project.region`) instead of a topic the stack creates. Its access policy must let
    /// `cloudwatch.amazonaws.com` publish, and its KMS key, if any, must let CloudWatch use it.
    /// Default: none; the stack creates a topic encrypted with its own KMS key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
    /// Per-alarm overrides, keyed by alarm (`[monitoring.overrides.api-5xx-rate]`): any of
    /// `threshold`, `period` (seconds, a multiple of 60), `evaluation_periods` and
    /// `datapoints_to_alarm`. Default: none; the defaults are in the README.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, AlarmOverride>,
}

/// Overrides of one alarm's defaults.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AlarmOverride {
    /// The value the alarm compares against, in the metric's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Seconds per datapoint, a multiple of 60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// How many recent periods the alarm looks at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<u32>,
    /// How many of those periods must breach to alarm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<u32>,
}

impl Monitoring {
    /// Whether the alarms are rendered.
    pub fn alarms_on(&self, production: bool) -> bool {
        self.alarms.unwrap_or(production)
    }

    /// Whether the dashboard is rendered.
    pub fn dashboard_on(&self, production: bool) -> bool {
        self.dashboard.unwrap_or(self.alarms_on(production))
    }
}
