//! Aurora PostgreSQL Serverless v2: capacity on each instance; storage, I/O, backups, the
//! RDS-managed master secret and the exported log on the cluster.

use super::{in_range, num, Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::{Component, HOURS_PER_MONTH};
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::{json, Value};

/// Days in a month of 730 hours.
const DAYS_PER_MONTH: f64 = HOURS_PER_MONTH / 24.0;

/// AWS's Serverless v2 range, per instance: 0 to 256 ACUs (API
/// ServerlessV2ScalingConfiguration).
const MAX_ACU: f64 = 256.0;

/// Backups are kept 1 to 35 days.
const MAX_RETENTION_DAYS: f64 = 35.0;

/// Performance Insights retention that costs nothing: 7 days, the default.
const FREE_INSIGHTS_DAYS: f64 = 7.0;

/// The cluster's arguments an instance is priced from.
struct Capacity {
    min_acu: f64,
    max_acu: f64,
    io_optimized: bool,
}

impl Pricer<'_> {
    /// The cluster: its volume, its I/O (Aurora Standard only), backups beyond what is free,
    /// the master secret RDS keeps in Secrets Manager, and the log it exports.
    pub(super) fn rds_cluster(&mut self, c: &Res) -> Result<Priced, Missing> {
        if let Some(why) = not_aurora_postgresql(c) {
            return Ok(Priced::NotPriced(why));
        }
        let u = self.usage;
        let io_optimized = is_io_optimized(c);
        let mut out = Vec::new();
        self.note("storage_gb", json!(u.storage_gb));
        if io_optimized {
            out.push(self.line(
                PriceKey::AuroraIoOptimizedStorageGbMonth,
                "Storage (I/O-Optimized: no I/O charge)",
                u.storage_gb,
            )?);
        } else {
            let ios = u.monthly_requests * u.database_io_per_request;
            self.note("monthly_requests", json!(u.monthly_requests));
            self.note("database_io_per_request", json!(u.database_io_per_request));
            out.push(self.line(PriceKey::AuroraStorageGbMonth, "Storage", u.storage_gb)?);
            out.push(self.line(
                PriceKey::AuroraIoMillion,
                &format!(
                    "I/O ({} per request: commits' log writes, reads missing the cache)",
                    shown(u.database_io_per_request)
                ),
                ios / 1e6,
            )?);
        }
        match self.backup(c)? {
            Ok(line) => out.push(line),
            Err(why) => return Ok(Priced::NotPriced(why)),
        }
        if c.value("manage_master_user_password") == Some(Value::Bool(true)) {
            self.note(
                "rds_managed_secret_api_calls",
                json!("a few a month (task starts, weekly rotation): not priced"),
            );
            out.push(self.line(
                PriceKey::SecretsManagerSecretMonth,
                "RDS-managed master secret (Secrets Manager)",
                1.0,
            )?);
        }
        out.extend(self.exported_log(c)?);
        Ok(Priced::Components(out))
    }

    /// Backup storage beyond the free amount: AWS charges nothing for backup storage up to the
    /// cluster's volume size, nor for automated backups kept one day. Continuous backup keeps
    /// the volume plus the changes of the retention period, so what is billed is the changes:
    /// the items written in those days (`monthly_requests` × `write_share` ×
    /// `average_item_size_kb`).
    fn backup(&mut self, c: &Res) -> Result<Result<Component, String>, Missing> {
        // RDS's default retention is 1 day.
        let days = num(c.value("backup_retention_period")).unwrap_or(1.0);
        if let Err(why) = in_range("backup_retention_period", days, MAX_RETENTION_DAYS) {
            return Ok(Err(why.to_string()));
        }
        let u = self.usage;
        if days <= 1.0 {
            return self
                .line(
                    PriceKey::AuroraBackupGbMonth,
                    "Backups (1 day retained: free)",
                    0.0,
                )
                .map(Ok);
        }
        let changed_gb = u.monthly_requests * u.write_share * u.average_item_size_kb / 1e6 * days
            / DAYS_PER_MONTH;
        let kept_gb = u.storage_gb + changed_gb;
        // Free up to 100% of the cluster's volume.
        let billable = (kept_gb - u.storage_gb).max(0.0);
        self.note("write_share", json!(u.write_share));
        self.note("average_item_size_kb", json!(u.average_item_size_kb));
        self.note("database_backup_changed_gb", json!(changed_gb));
        self.line(
            PriceKey::AuroraBackupGbMonth,
            &format!(
                "Backups: {} days of writes (up to the volume's size is free)",
                shown(days)
            ),
            billable,
        )
        .map(Ok)
    }

    /// The PostgreSQL log RDS exports to `/aws/rds/cluster/<id>/postgresql`: RDS creates that
    /// log group itself, without expiry, so it is no resource of the root unless the root
    /// declares it (then it is priced there, not here).
    fn exported_log(&mut self, c: &Res) -> Result<Vec<Component>, Missing> {
        let exports = c
            .value("enabled_cloudwatch_logs_exports")
            .and_then(|v| v.as_array().map(|a| !a.is_empty()))
            .unwrap_or(false);
        let declared = self.model.resources("aws_cloudwatch_log_group").any(|g| {
            g.value("name")
                .and_then(|v| v.as_str().map(|n| n.starts_with("/aws/rds/cluster/")))
                .unwrap_or(false)
        });
        if !exports || declared {
            return Ok(Vec::new());
        }
        let gb = self.usage.other_log_ingested_gb;
        self.note("other_log_ingested_gb", json!(gb));
        // RDS's own group never expires.
        self.log_lines("Exported PostgreSQL log: ", gb, None)
    }

    /// One Serverless v2 instance: its average capacity for 730 hours. Readers in promotion
    /// tier 0 or 1 are kept at least at the writer's capacity (Aurora user guide,
    /// aurora-serverless-v2.how-it-works.html, "Choosing the promotion tier for an Aurora
    /// Serverless v2 reader"), so every such instance is priced at the writer's average.
    pub(super) fn rds_cluster_instance(&mut self, i: &Res) -> Result<Priced, Missing> {
        if let Some(why) = not_aurora_postgresql(i) {
            return Ok(Priced::NotPriced(why));
        }
        let class = i
            .value("instance_class")
            .and_then(|v| v.as_str().map(str::to_string));
        if class.as_deref() != Some("db.serverless") {
            return Ok(Priced::NotPriced(format!(
                "instance class {}: petgen prices Aurora Serverless v2 (db.serverless) only",
                class.as_deref().unwrap_or("(not a literal)")
            )));
        }
        let cap = match self.capacity(i) {
            Ok(c) => c,
            Err(why) => return Ok(Priced::NotPriced(why)),
        };
        let u = self.usage;
        // The profile checks hold it to 1 to 1,000,000 a second.
        let per_acu = u.database_requests_per_second_per_acu;
        let acu = average_acu(
            cap.min_acu,
            cap.max_acu,
            u.monthly_requests,
            per_acu,
            u.database_average_acu,
        );
        let tier = num(i.value("promotion_tier")).unwrap_or(1.0);
        if tier > 1.0 {
            self.note(
                &format!("promotion_tier.{}", i.address),
                json!("2 or more: a reader that scales on its own load, priced as the writer"),
            );
        } else {
            self.note(
                "aurora_reader_capacity",
                json!("readers in promotion tier 0-1 follow the writer's capacity"),
            );
        }
        match u.database_average_acu {
            Some(a) => self.note("database_average_acu", json!(a)),
            None => {
                self.note("monthly_requests", json!(u.monthly_requests));
                self.note("database_requests_per_second_per_acu", json!(per_acu));
            }
        }
        let insights = i.value("performance_insights_enabled") == Some(Value::Bool(true));
        let insight_days =
            num(i.value("performance_insights_retention_period")).unwrap_or(FREE_INSIGHTS_DAYS);
        if insights && insight_days > FREE_INSIGHTS_DAYS {
            self.unpriced_parts.push(format!(
                "{} Performance Insights kept {} days: only the free 7 days are priced",
                i.address,
                shown(insight_days)
            ));
        }
        let (key, mode) = if cap.io_optimized {
            (
                PriceKey::AuroraServerlessV2IoOptimizedAcuHour,
                "I/O-Optimized",
            )
        } else {
            (PriceKey::AuroraServerlessV2AcuHour, "Standard")
        };
        let name = match u.database_average_acu {
            Some(_) => format!("Serverless v2 capacity ({mode}, {} ACU given)", shown(acu)),
            None => format!(
                "Serverless v2 capacity ({mode}, {} ACU: {} min + {} req/s ÷ {} per ACU, max {})",
                shown(acu),
                shown(cap.min_acu),
                shown(requests_per_second(u.monthly_requests)),
                shown(per_acu),
                shown(cap.max_acu)
            ),
        };
        Ok(Priced::Components(vec![self.line(
            key,
            &name,
            acu * HOURS_PER_MONTH,
        )?]))
    }

    /// The capacity range and storage type of the instance's cluster: the one
    /// `aws_rds_cluster` of its module.
    fn capacity(&self, i: &Res) -> Result<Capacity, String> {
        let clusters: Vec<Res> = self
            .model
            .resources("aws_rds_cluster")
            .filter(|c| c.module.address == i.module.address)
            .collect();
        let [cluster] = clusters.as_slice() else {
            return Err(format!(
                "its module has {} aws_rds_cluster resources; petgen reads the capacity range of exactly one",
                clusters.len()
            ));
        };
        let scaling = cluster
            .blocks("serverlessv2_scaling_configuration")
            .first()
            .copied()
            .ok_or("its cluster has no serverlessv2_scaling_configuration")?;
        let (Some(min_acu), Some(max_acu)) = (
            num(cluster.value_in(scaling, "min_capacity")),
            num(cluster.value_in(scaling, "max_capacity")),
        ) else {
            return Err("its cluster's min_capacity and max_capacity are not static".into());
        };
        in_range("min_capacity", min_acu, MAX_ACU).map_err(|e| e.to_string())?;
        in_range("max_capacity", max_acu, MAX_ACU).map_err(|e| e.to_string())?;
        if min_acu > max_acu {
            return Err(format!(
                "min_capacity = {} is above max_capacity = {}, which AWS refuses",
                shown(min_acu),
                shown(max_acu)
            ));
        }
        Ok(Capacity {
            min_acu,
            max_acu,
            io_optimized: is_io_optimized(cluster),
        })
    }
}

/// Requests a second, on average over a month of 730 hours.
fn requests_per_second(monthly_requests: f64) -> f64 {
    monthly_requests / (HOURS_PER_MONTH * 3600.0)
}

/// Each instance's average ACUs: `given`, else the minimum plus what the request rate needs,
/// both held to the cluster's range (an instance never runs outside it). `min_acu <= max_acu`.
fn average_acu(
    min_acu: f64,
    max_acu: f64,
    monthly_requests: f64,
    per_acu: f64,
    given: Option<f64>,
) -> f64 {
    let wanted = given.unwrap_or(min_acu + requests_per_second(monthly_requests) / per_acu);
    // max/min rather than clamp: clamp panics on NaN bounds, and these come from input.
    wanted.max(min_acu).min(max_acu)
}

/// `storage_type = "aurora-iopt1"`: Aurora I/O-Optimized (higher capacity and storage prices,
/// no I/O charge). Anything else, or nothing, is Aurora Standard.
fn is_io_optimized(c: &Res) -> bool {
    c.value("storage_type")
        .is_some_and(|v| v.as_str() == Some("aurora-iopt1"))
}

/// Why a cluster or instance of another engine is not priced: the prices are Aurora
/// PostgreSQL's.
fn not_aurora_postgresql(r: &Res) -> Option<String> {
    match r.value("engine") {
        Some(Value::String(e)) if e == "aurora-postgresql" => None,
        // An instance usually names its cluster's engine by reference.
        None if r.attr("engine").is_some() => None,
        Some(Value::String(e)) => Some(format!(
            "engine {e}: petgen has Aurora PostgreSQL's prices only"
        )),
        _ => Some("its engine is not given; petgen has Aurora PostgreSQL's prices only".into()),
    }
}

/// A number as the estimate's lines show it: up to two decimals, no trailing zeros.
fn shown(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::average_acu;

    /// 50 million requests a month is 19.03 requests a second.
    const PROD: f64 = 50e6;

    #[test]
    fn capacity_grows_with_requests_from_the_minimum() {
        let acu = average_acu(0.5, 4.0, PROD, 1000.0, None);
        assert!((acu - 0.519).abs() < 1e-3, "{acu}");
        assert!(average_acu(0.5, 4.0, 2.0 * PROD, 1000.0, None) > acu);
    }

    #[test]
    fn capacity_is_held_to_the_minimum_and_the_maximum() {
        assert_eq!(average_acu(0.5, 4.0, 0.0, 1000.0, None), 0.5);
        assert_eq!(average_acu(0.5, 4.0, 1e12, 1000.0, None), 4.0);
        assert_eq!(average_acu(0.5, 4.0, PROD, 1000.0, Some(0.1)), 0.5);
        assert_eq!(average_acu(0.5, 4.0, PROD, 1000.0, Some(9.0)), 4.0);
        // A given average does not follow the request volume.
        assert_eq!(average_acu(0.5, 4.0, 1e12, 1000.0, Some(2.0)), 2.0);
        // Auto-pause: no requests, no capacity.
        assert_eq!(average_acu(0.0, 4.0, 0.0, 1000.0, None), 0.0);
    }
}
