//! Stage 5b: cost. Prices × usage over the HCL index, so hand edits to the output are costed
//! too. Every priced line shows its quantity, unit and unit price; free resources are listed as
//! free, and anything petgen cannot price is listed as not priced, never dropped.

pub mod compare;
pub mod front_door;
pub mod lines;
pub mod offer;
pub mod output;
pub mod price_table;
mod pricing;

use crate::hcl::semantic::Model;
use crate::profile::{LoadedProfile, Usage};
use price_table::PriceTable;
use serde::Serialize;
use std::collections::BTreeMap;

/// Hours in a month, as AWS and infracost count them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// One priced line of a resource.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Component {
    pub name: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_price_usd: f64,
    pub monthly_usd: f64,
}

/// One resource instance and its monthly cost.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResourceCost {
    pub address: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub monthly_usd: f64,
    pub components: Vec<Component>,
}

/// A resource petgen has no price for, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NotPriced {
    pub address: String,
    pub reason: String,
}

/// The estimate for one root.
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub currency: &'static str,
    pub region: String,
    pub total_monthly_usd: f64,
    pub resources: Vec<ResourceCost>,
    /// Addresses of resources AWS does not charge for.
    pub free: Vec<String>,
    /// `address: reason` for resources without a price.
    pub not_priced: Vec<String>,
    /// Price-table keys this estimate needed and the region lacks; the resources that needed
    /// them are in `not_priced`. When any is missing the estimate is partial: it covers only
    /// what is priced.
    pub missing_prices: Vec<String>,
    pub assumptions: BTreeMap<String, serde_json::Value>,
}

impl Estimate {
    /// Nothing to pay: the other side of a comparison with a root that did not exist.
    pub fn empty(region: &str) -> Estimate {
        Estimate {
            currency: "USD",
            region: region.to_string(),
            total_monthly_usd: 0.0,
            resources: Vec::new(),
            free: Vec::new(),
            not_priced: Vec::new(),
            assumptions: BTreeMap::new(),
            missing_prices: Vec::new(),
        }
    }
}

/// Usage with every default resolved, as the estimate used it.
#[derive(Debug, Clone)]
pub struct Assumptions {
    pub usage: Usage,
    /// Used when the profile does not give an average task count.
    pub default_task_count: f64,
}

/// An estimate with its inputs, for rules that reason about cost.
pub struct CostInputs {
    pub estimate: Estimate,
    pub usage: Usage,
    pub prices: PriceTable,
}

impl CostInputs {
    /// Estimate the root in `model` with its profile's usage; `None` when no region is known.
    /// Missing prices make a partial estimate, never none.
    pub fn for_root(
        model: &Model,
        profile: Option<&LoadedProfile>,
        region_flag: Option<&str>,
    ) -> Option<CostInputs> {
        let prices = PriceTable::current_or_embedded();
        let region = region_flag
            .map(str::to_string)
            .or_else(|| region_of(model, profile))?;
        let assumptions = Assumptions::for_profile(profile);
        let estimate = estimate(model, &region, &assumptions, &prices);
        Some(CostInputs {
            estimate,
            usage: assumptions.usage,
            prices,
        })
    }
}

/// Round to cents for display and totals, so that the sum of the lines is the total.
pub fn cents(x: f64) -> f64 {
    // `+ 0.0` turns -0.0 (the sum of no lines) into 0.0, so nothing prints "$-0.00".
    (x * 100.0).round() / 100.0 + 0.0
}

impl Estimate {
    /// Some resource could not be priced for want of a price in the table.
    pub fn is_partial(&self) -> bool {
        !self.missing_prices.is_empty()
    }

    /// What a partial estimate lacks and how to add it, for the budget gate and `petgen cost`;
    /// `None` when the estimate is complete.
    pub fn partial_note(&self) -> Option<String> {
        if !self.is_partial() {
            return None;
        }
        let resources = self
            .not_priced
            .iter()
            .filter(|n| n.contains(": no price for "))
            .count();
        Some(format!(
            "the estimate covers only what is priced: {resources} resource(s) have no price in {region} ({keys})\n  hint: import AWS's prices for {region}: `petgen prices fetch --region {region}`, or download its offer files and run `petgen prices import FILE...`",
            region = self.region,
            keys = self.missing_prices.join(", ")
        ))
    }
}

/// Estimate the monthly cost of the root in `model`. A resource whose price the table lacks
/// is listed as not priced and its key in `missing_prices`; the rest is still estimated.
pub fn estimate(
    model: &Model,
    region: &str,
    assumptions: &Assumptions,
    prices: &PriceTable,
) -> Estimate {
    let mut est = Estimate {
        currency: "USD",
        region: region.to_string(),
        total_monthly_usd: 0.0,
        resources: Vec::new(),
        free: Vec::new(),
        not_priced: Vec::new(),
        missing_prices: Vec::new(),
        assumptions: BTreeMap::new(),
    };
    let mut pricer = pricing::Pricer {
        model,
        region,
        prices,
        usage: &assumptions.usage,
        default_tasks: assumptions.default_task_count,
        notes: BTreeMap::new(),
        unpriced_parts: Vec::new(),
    };
    pricer.price_all(&mut est);
    for r in &mut est.resources {
        for c in &mut r.components {
            c.monthly_usd = cents(c.monthly_usd);
        }
        r.monthly_usd = cents(r.components.iter().map(|c| c.monthly_usd).sum());
    }
    est.resources.sort_by(|a, b| a.address.cmp(&b.address));
    est.free.sort();
    est.not_priced.sort();
    est.missing_prices.sort();
    est.missing_prices.dedup();
    est.total_monthly_usd = cents(est.resources.iter().map(|r| r.monthly_usd).sum());
    est.assumptions = pricer.assumptions_used();
    est
}

impl Assumptions {
    /// The profile's usage, or the documented defaults for roots without a profile.
    pub fn for_profile(profile: Option<&LoadedProfile>) -> Assumptions {
        match profile {
            Some(p) => Assumptions {
                usage: p.profile.usage.clone(),
                default_task_count: f64::from(p.stack.service.desired_count),
            },
            None => Assumptions {
                usage: Usage::default(),
                default_task_count: 1.0,
            },
        }
    }
}

/// The region to price: the profile's, else the root's `provider "aws"` region.
pub fn region_of(model: &Model, profile: Option<&LoadedProfile>) -> Option<String> {
    if let Some(p) = profile {
        return Some(p.stack.region.clone());
    }
    let root = model.index.root_module()?;
    let provider = root
        .blocks_of(crate::hcl::BlockKind::Provider)
        .find(|b| b.labels.first() == Some(&"aws") && b.attr("alias").is_none())?;
    model
        .eval(root, &provider.attr("region")?.value)?
        .as_str()
        .map(str::to_string)
}

/// The monthly request volume in (0, ten billion) where `diff` changes sign, to the nearest
/// thousand requests: both callers compare two costs that are piecewise linear in the request
/// volume, so their difference changes sign at most once. `None` when it does not change sign
/// (or is zero at no requests). An error from `diff` (a missing price) ends the search.
pub fn crossing<E>(diff: impl Fn(f64) -> Result<f64, E>) -> Result<Option<f64>, E> {
    let (mut lo, mut hi) = (0.0_f64, 1e10_f64);
    let at_lo = diff(lo)?;
    if at_lo == 0.0 || at_lo.signum() == diff(hi)?.signum() {
        return Ok(None);
    }
    while hi - lo > 1e3 {
        let mid = (lo + hi) / 2.0;
        if diff(mid)?.signum() == at_lo.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(Some((lo + hi) / 2.0))
}
