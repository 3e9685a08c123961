//! DynamoDB tables: requests or capacity, storage and backups.

use super::{in_range, num, Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::HOURS_PER_MONTH;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;
use serde_json::Value;

impl Pricer<'_> {
    pub(super) fn dynamodb(&mut self, t: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let mut out = Vec::new();
        let mode = t
            .value("billing_mode")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "PROVISIONED".into());
        if mode == "PAY_PER_REQUEST" {
            let writes = u.monthly_requests
                * u.write_share
                * u.average_item_size_kb.max(0.0).ceil().max(1.0);
            let reads = u.monthly_requests
                * (1.0 - u.write_share)
                * (u.average_item_size_kb / 4.0).ceil().max(1.0);
            self.note("monthly_requests", json!(u.monthly_requests));
            self.note("write_share", json!(u.write_share));
            self.note("average_item_size_kb", json!(u.average_item_size_kb));
            self.note("monthly_write_request_units", json!(writes));
            self.note("monthly_read_request_units", json!(reads));
            out.push(self.line(
                PriceKey::DynamodbWriteRequestMillion,
                "Write request units",
                writes / 1e6,
            )?);
            out.push(self.line(
                PriceKey::DynamodbReadRequestMillion,
                "Read request units",
                reads / 1e6,
            )?);
        } else {
            let (Some(wcu), Some(rcu)) = (
                num(t.value("write_capacity")),
                num(t.value("read_capacity")),
            ) else {
                return Ok(Priced::NotPriced(
                    "its provisioned capacity is not static".into(),
                ));
            };
            // DynamoDB's default quota is 40,000 units of each per table; a raised one stays
            // within a few hundred thousand.
            for (name, value) in [("write_capacity", wcu), ("read_capacity", rcu)] {
                if let Err(why) = in_range(name, value, 1_000_000.0) {
                    return Ok(Priced::NotPriced(why.to_string()));
                }
            }
            out.push(self.line(
                PriceKey::DynamodbWcuHour,
                "Provisioned write capacity",
                wcu * HOURS_PER_MONTH,
            )?);
            out.push(self.line(
                PriceKey::DynamodbRcuHour,
                "Provisioned read capacity",
                rcu * HOURS_PER_MONTH,
            )?);
        }
        self.note("storage_gb", json!(u.storage_gb));
        out.push(self.line(
            PriceKey::DynamodbStorageGbMonth,
            "Storage (first 25 GB free)",
            u.storage_gb,
        )?);
        let pitr = t
            .blocks("point_in_time_recovery")
            .iter()
            .any(|b| t.value_in(b, "enabled") == Some(Value::Bool(true)));
        if pitr {
            out.push(self.line(
                PriceKey::DynamodbPitrGbMonth,
                "Point-in-time recovery",
                u.storage_gb,
            )?);
        }
        let replicas: Vec<String> = t
            .blocks("replica")
            .iter()
            .map(|b| {
                t.value_in(b, "region_name")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "?".into())
            })
            .collect();
        let dynamic = t.body().blocks().any(|b| {
            b.ident.as_str() == "dynamic" && b.labels.first().map(|l| l.as_str()) == Some("replica")
        });
        let replica_regions: Vec<String> = if dynamic {
            t.body()
                .blocks()
                .find(|b| b.ident.as_str() == "dynamic")
                .and_then(|d| d.body.get_attribute("for_each"))
                .and_then(|a| t.model.eval(t.module, &a.value))
                .and_then(|v| v.as_array().cloned())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            replicas
        };
        for region in replica_regions {
            self.unpriced_parts.push(format!(
                "{} replica in {region}: replicated writes and storage in other regions are not estimated",
                t.address
            ));
        }
        Ok(Priced::Components(out))
    }
}
