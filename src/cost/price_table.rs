//! The embedded price table (`prices/aws.toml`): list prices by region, each with its unit,
//! effective date and source. Nothing is invented: a missing price is an error.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One list price.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub usd: f64,
    pub unit: String,
    /// Quantity per month that is free before this price applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_quantity: Option<f64>,
    /// The price applies up to this quantity; the `_over_...` entry applies after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_limit: Option<f64>,
    pub effective: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    pub regions: BTreeMap<String, BTreeMap<String, Price>>,
}

/// The table shipped in the binary.
pub const AWS_PRICES: &str = include_str!("../../prices/aws.toml");

/// A price the table lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    Region(String),
    Price { region: String, key: String },
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Region(r) => write!(f, "no prices for {r}"),
            Missing::Price { region, key } => write!(f, "no price for {key} in {region}"),
        }
    }
}

impl PriceTable {
    pub fn embedded() -> PriceTable {
        // The table is part of the binary and covered by tests; a parse failure is a build bug.
        toml::from_str(AWS_PRICES).expect("prices/aws.toml parses")
    }

    pub fn regions(&self) -> impl Iterator<Item = &str> {
        self.regions.keys().map(String::as_str)
    }

    pub fn region(&self, region: &str) -> Result<&BTreeMap<String, Price>, Missing> {
        self.regions
            .get(region)
            .ok_or_else(|| Missing::Region(region.to_string()))
    }

    pub fn get(&self, region: &str, key: &str) -> Result<&Price, Missing> {
        self.region(region)?.get(key).ok_or_else(|| Missing::Price {
            region: region.to_string(),
            key: key.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_price_is_sourced_and_dated() {
        let t = PriceTable::embedded();
        assert!(t.regions.contains_key("us-east-1"));
        for (region, prices) in &t.regions {
            for (key, p) in prices {
                assert!(p.usd > 0.0, "{region}.{key}");
                assert!(!p.unit.is_empty() && !p.source.is_empty(), "{region}.{key}");
                assert!(
                    crate::calendar::parse_date(&p.effective).is_some(),
                    "{region}.{key}: {}",
                    p.effective
                );
            }
        }
    }

    #[test]
    fn unknown_regions_and_keys_are_errors() {
        let t = PriceTable::embedded();
        assert_eq!(
            t.get("eu-west-3", "nat_gateway_hour")
                .unwrap_err()
                .to_string(),
            "no prices for eu-west-3"
        );
        assert_eq!(
            t.get("us-east-1", "nope").unwrap_err().to_string(),
            "no price for nope in us-east-1"
        );
    }
}
