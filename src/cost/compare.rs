//! Comparing two estimates resource by resource.

use super::{cents, Estimate};
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
    }
}
