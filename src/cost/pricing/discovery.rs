//! Cloud Map: registered instances and lookups.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;

impl Pricer<'_> {
    /// Registered instances (the average task count) and DiscoverInstances calls.
    pub(super) fn discovery_service(&mut self, _res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let tasks = self.average_tasks(None);
            let lookups = u.monthly_discovery_lookups.unwrap_or(u.monthly_requests);
            self.note("monthly_discovery_lookups", json!(lookups));
            vec![
                self.line(
                    PriceKey::CloudmapInstanceMonth,
                    "Registered instances",
                    tasks,
                )?,
                self.line(
                    PriceKey::CloudmapLookupMillion,
                    "DiscoverInstances calls",
                    lookups / 1e6,
                )?,
            ]
        };
        Ok(Priced::Components(components))
    }

    /// The namespace's Route 53 private hosted zone.
    pub(super) fn dns_namespace(&mut self, _res: &Res) -> Result<Priced, Missing> {
        Ok(Priced::NotPriced(
            "its Route 53 private hosted zone has no sourced price".into(),
        ))
    }
}
