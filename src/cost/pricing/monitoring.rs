//! CloudWatch alarms, dashboards and metric filters, the SNS topic they notify, and the
//! CloudTrail trail with its S3 bucket.

use super::{num, Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::{blocks_named, Res};
use serde_json::json;

/// A gzip'd CloudTrail record of one item-level call, in KB. CloudTrail writes JSON records
/// of about 1.5 KB that compress roughly tenfold; an assumption, not a price.
const AUDIT_RECORD_KB: f64 = 0.15;

impl Pricer<'_> {
    /// Billed per metric the alarm reads: a metric-math alarm over two metrics is two alarm
    /// metrics; expressions are free. Periods under a minute are high resolution.
    pub(super) fn metric_alarm(&mut self, res: &Res) -> Result<Priced, Missing> {
        let queries = res.blocks("metric_query");
        let (metrics, periods): (f64, Vec<f64>) = if queries.is_empty() {
            (1.0, num(res.value("period")).into_iter().collect())
        } else {
            let metrics: Vec<_> = queries
                .iter()
                .flat_map(|q| blocks_named(q, "metric"))
                .collect();
            (
                metrics.len() as f64,
                metrics
                    .iter()
                    .filter_map(|m| num(res.value_in(m, "period")))
                    .collect(),
            )
        };
        let high_res = periods.iter().any(|p| *p < 60.0);
        let line = if high_res {
            self.line(
                PriceKey::CloudwatchAlarmHighResMetricMonth,
                "Alarm metrics (high resolution)",
                metrics,
            )?
        } else {
            self.line(
                PriceKey::CloudwatchAlarmMetricMonth,
                "Alarm metrics (standard resolution)",
                metrics,
            )?
        };
        Ok(Priced::Components(vec![line]))
    }

    pub(super) fn dashboard(&mut self, _res: &Res) -> Result<Priced, Missing> {
        Ok(Priced::Components(vec![self.line(
            PriceKey::CloudwatchDashboardMonth,
            "Dashboard (3 per account are free)",
            1.0,
        )?]))
    }

    /// The filter's metric is a custom metric; priced as a full month although it is metered
    /// only in the hours an error line is logged.
    pub(super) fn metric_filter(&mut self, _res: &Res) -> Result<Priced, Missing> {
        Ok(Priced::Components(vec![self.line(
            PriceKey::CloudwatchCustomMetricMonth,
            "Custom metric (at most; billed only in hours with data)",
            1.0,
        )?]))
    }

    /// Alarm e-mails are a handful a month, inside SNS's 1,000 free e-mails.
    pub(super) fn sns_topic(&mut self, _res: &Res) -> Result<Priced, Missing> {
        self.note("alarm_emails_per_month", json!("under 1,000 (free)"));
        Ok(Priced::Components(vec![self.line(
            PriceKey::SnsEmail100k,
            "E-mail notifications (1,000 a month free)",
            0.0,
        )?]))
    }

    /// One data event per item-level call on the table: one per API request, or one per
    /// write when the trail selects `readOnly = false`.
    pub(super) fn cloudtrail(&mut self, res: &Res) -> Result<Priced, Missing> {
        let events = self.trail_events(res);
        Ok(Priced::Components(vec![self.line(
            PriceKey::CloudtrailDataEvent100k,
            "Data events",
            events / 100_000.0,
        )?]))
    }

    fn trail_events(&mut self, res: &Res) -> f64 {
        let u = self.usage;
        let mut share = 1.0;
        for selector in res.blocks("advanced_event_selector") {
            for f in blocks_named(selector, "field_selector") {
                let field = res.value_in(f, "field");
                let equals = res.value_in(f, "equals");
                if field.as_ref().and_then(|v| v.as_str()) == Some("readOnly") {
                    share = match equals
                        .as_ref()
                        .and_then(|v| v.get(0))
                        .and_then(|v| v.as_str())
                    {
                        Some("false") => u.write_share,
                        Some("true") => 1.0 - u.write_share,
                        _ => 1.0,
                    };
                }
            }
        }
        self.note("monthly_requests", json!(u.monthly_requests));
        self.note("audit_table_calls_per_request", json!(1));
        u.monthly_requests * share
    }

    /// The trail's log files: a month of records, kept for the bucket's expiry (at most a
    /// year is assumed when the lifecycle cannot be read).
    pub(super) fn trail_bucket(&mut self, res: &Res) -> Result<Priced, Missing> {
        let model = self.model;
        let trail = model
            .resources("aws_cloudtrail")
            .find(|t| t.module.address == res.module.address);
        let Some(trail) = trail else {
            return Ok(Priced::NotPriced(
                "S3 storage depends on what the bucket holds; petgen prices trail buckets only"
                    .into(),
            ));
        };
        let events = self.trail_events(&trail);
        let days = model
            .resources("aws_s3_bucket_lifecycle_configuration")
            .filter(|l| l.module.address == res.module.address)
            .flat_map(|l| {
                l.blocks("rule")
                    .into_iter()
                    .flat_map(|r| blocks_named(r, "expiration"))
                    .filter_map(|e| num(l.value_in(e, "days")))
                    .collect::<Vec<_>>()
            })
            .next()
            .unwrap_or(365.0);
        let months = (days * 12.0 / 365.0).max(1.0);
        let gb = events * AUDIT_RECORD_KB / 1_000_000.0;
        self.note("audit_record_kb_compressed", json!(AUDIT_RECORD_KB));
        Ok(Priced::Components(vec![self.line(
            PriceKey::S3StandardGbMonth,
            &format!("Trail log files ({months:.1} months kept)"),
            gb * months,
        )?]))
    }
}
