//! Comparing two estimates resource by resource.

use super::price_table::PriceTable;
use super::{cents, estimate, Assumptions, Estimate};
use crate::hcl::semantic::Model;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct ResourceDelta {
    pub address: String,
    /// Whether the resource exists on each side (a free resource costs $0 but exists).
    pub in_base: bool,
    pub in_head: bool,
    pub base: f64,
    pub head: f64,
    pub delta: f64,
}

impl ResourceDelta {
    pub fn marker(&self) -> &'static str {
        if !self.in_base {
            "+"
        } else if !self.in_head {
            "-"
        } else {
            "~"
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub base_name: String,
    pub head_name: String,
    pub region: String,
    pub base_total: f64,
    pub head_total: f64,
    pub delta: f64,
    /// Resources whose cost differs, largest change first.
    pub resources: Vec<ResourceDelta>,
    /// Where the two cost the same as the request volume varies, if they ever do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_even: Option<BreakEven>,
}

/// The monthly request volume at which two roots cost the same, each with its own usage
/// otherwise, and which side is cheaper on either side of it.
#[derive(Debug, Clone, Serialize)]
pub struct BreakEven {
    pub monthly_requests: f64,
    pub cheaper_below: String,
    pub cheaper_above: String,
}

/// One side of a break-even search: a root and the usage it is priced with.
pub struct Side<'a> {
    pub name: &'a str,
    pub model: &'a Model<'a>,
    pub assumptions: &'a Assumptions,
}

/// `side`'s monthly total at `requests` a month: request-driven usage (lookups) scales with it.
fn total_at(side: &Side, requests: f64, region: &str, prices: &PriceTable) -> Option<f64> {
    let mut a = side.assumptions.clone();
    let was = a.usage.monthly_requests;
    if let Some(l) = a.usage.monthly_discovery_lookups {
        a.usage.monthly_discovery_lookups = Some(if was > 0.0 { l * requests / was } else { l });
    }
    a.usage.monthly_requests = requests;
    // A partial estimate has no break-even worth naming.
    let e = estimate(side.model, region, &a, prices);
    (!e.is_partial()).then_some(e.total_monthly_usd)
}

/// Where `head` and `base` cost the same between no requests and ten billion a month, found
/// by bisection on the two estimates (both are piecewise linear in the request volume).
pub fn break_even(
    base: &Side,
    head: &Side,
    region: &str,
    prices: &PriceTable,
) -> Option<BreakEven> {
    let diff = |r: f64| -> Result<f64, ()> {
        let at = |side| total_at(side, r, region, prices).ok_or(());
        Ok(at(head)? - at(base)?)
    };
    let requests = super::crossing(diff).ok()??;
    let at_lo = diff(0.0).ok()?;
    let (cheaper_below, cheaper_above) = if at_lo < 0.0 {
        (head.name, base.name)
    } else {
        (base.name, head.name)
    };
    Some(BreakEven {
        monthly_requests: (requests / 1e3).round() * 1e3,
        cheaper_below: cheaper_below.to_string(),
        cheaper_above: cheaper_above.to_string(),
    })
}

pub fn compare(base_name: &str, base: &Estimate, head_name: &str, head: &Estimate) -> Comparison {
    let mut by: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for r in &base.resources {
        by.entry(&r.address).or_default().0 += r.monthly_usd;
    }
    for r in &head.resources {
        by.entry(&r.address).or_default().1 += r.monthly_usd;
    }
    let exists = |e: &Estimate, a: &str| {
        e.resources.iter().any(|r| r.address == a) || e.free.iter().any(|f| f == a)
    };
    let mut resources: Vec<ResourceDelta> = by
        .into_iter()
        .filter(|(_, (b, h))| cents(h - b) != 0.0)
        .map(|(a, (b, h))| ResourceDelta {
            address: a.to_string(),
            in_base: exists(base, a),
            in_head: exists(head, a),
            base: b,
            head: h,
            delta: cents(h - b),
        })
        .collect();
    resources.sort_by(|a, b| {
        b.delta
            .abs()
            .total_cmp(&a.delta.abs())
            .then(a.address.cmp(&b.address))
    });
    Comparison {
        base_name: base_name.to_string(),
        head_name: head_name.to_string(),
        region: head.region.clone(),
        base_total: base.total_monthly_usd,
        head_total: head.total_monthly_usd,
        delta: cents(head.total_monthly_usd - base.total_monthly_usd),
        resources,
        break_even: None,
    }
}
