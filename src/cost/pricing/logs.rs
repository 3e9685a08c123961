//! CloudWatch log groups: ingestion, and storage for the retention period.

use super::{num, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::Component;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;

impl Pricer<'_> {
    pub(super) fn log_group(&mut self, g: &Res) -> Result<Vec<Component>, Missing> {
        let u = self.usage;
        let name = g
            .value("name")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let local = g.name();
        let (kind, gb) = if local.contains("flow") || name.contains("flow") {
            ("flow_log_ingested_gb", u.flow_log_ingested_gb)
        } else if local.contains("access") || name.contains("apigateway") {
            ("access_log_ingested_gb", u.access_log_ingested_gb)
        } else if local.contains("service") || name.starts_with("/ecs/") {
            ("service_log_ingested_gb", u.service_log_ingested_gb)
        } else {
            ("other_log_ingested_gb", u.other_log_ingested_gb)
        };
        self.note(kind, json!(gb));
        self.log_lines("", gb, num(g.value("retention_in_days")))
    }

    /// A log group's lines: `gb` ingested a month, and kept for `retention_days` (none, or 0:
    /// without expiry, priced as a year). `what` names the log in the lines when it is not
    /// the resource's own.
    pub(super) fn log_lines(
        &mut self,
        what: &str,
        gb: f64,
        retention_days: Option<f64>,
    ) -> Result<Vec<Component>, Missing> {
        // Steady state: a month's ingestion is kept for the retention period.
        let months = match retention_days {
            Some(d) if d > 0.0 => d * 12.0 / 365.0,
            _ => {
                self.note("log_retention_without_expiry_months", json!(12));
                12.0
            }
        };
        Ok(vec![
            self.line(PriceKey::LogsIngestionGb, &format!("{what}Ingestion"), gb)?,
            self.line(
                PriceKey::LogsStorageGbMonth,
                &format!("{what}Storage ({:.1} months retained)", months),
                gb * months,
            )?,
        ])
    }
}
