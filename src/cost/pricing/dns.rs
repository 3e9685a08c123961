//! Route 53 and ACM: the profile's hosted zone, alias records and public certificates.

use super::{Component, Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::Value;

/// Route 53 has one price list for every region; the table keeps it under us-east-1.
const ROUTE53_PRICE_REGION: &str = "us-east-1";

impl Pricer<'_> {
    /// An alias record carries its hosted zone's monthly fee (the zone is the profile's, so it
    /// is counted once, on the record that needs it); queries of an alias to API Gateway or a
    /// load balancer are free. Other records are free apart from their queries, which for a
    /// certificate's validation record are a handful a month.
    pub(super) fn route53_record(&mut self, res: &Res) -> Result<Priced, Missing> {
        if res.blocks("alias").is_empty() {
            return Ok(Priced::Components(Vec::new()));
        }
        let p = self
            .prices
            .get(ROUTE53_PRICE_REGION, PriceKey::Route53HostedZoneMonth)?;
        Ok(Priced::Components(vec![Component {
            name: "Hosted zone (the profile's; alias queries are free)".into(),
            quantity: 1.0,
            unit: p.unit.clone(),
            unit_price_usd: p.usd,
            monthly_usd: p.usd,
        }]))
    }

    /// Public certificates are free; an exportable one is billed at issue and renewal, which
    /// petgen has no price for.
    pub(super) fn certificate(&mut self, res: &Res) -> Result<Priced, Missing> {
        let exportable = res.blocks("options").iter().any(|o| {
            res.value_in(o, "export")
                .is_some_and(|v| v == Value::String("ENABLED".into()))
        });
        Ok(if exportable {
            Priced::NotPriced("an exportable certificate is billed per issue and renewal, which petgen has no price for".into())
        } else {
            Priced::Components(Vec::new())
        })
    }
}
