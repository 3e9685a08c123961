//! One priced line of an estimate: a quantity at a list price, less the price's free quantity,
//! and the same across a tier limit. The pricers and the front-door formulas both price
//! through these, so a price means the same wherever it is used.

use super::price_table::{Missing, PriceTable};
use super::Component;
use crate::facts::price_keys::PriceKey;

/// `quantity` of `key` a month in `region`, after the price's free quantity.
pub fn line(
    prices: &PriceTable,
    region: &str,
    key: PriceKey,
    name: &str,
    quantity: f64,
) -> Result<Component, Missing> {
    let p = prices.get(region, key)?;
    let billable = (quantity - p.free_quantity.unwrap_or(0.0)).max(0.0);
    Ok(Component {
        name: name.to_string(),
        quantity: billable,
        unit: p.unit.clone(),
        unit_price_usd: p.usd,
        monthly_usd: billable * p.usd,
    })
}

/// A tiered price: `key` up to its `tier_limit`, then `over`.
pub fn tiered(
    prices: &PriceTable,
    region: &str,
    (key, over): (PriceKey, PriceKey),
    names: (&str, &str),
    quantity: f64,
) -> Result<Vec<Component>, Missing> {
    tiers(prices, region, &[(key, names.0), (over, names.1)], quantity)
}

/// A price in tiers: each key up to its `tier_limit` (a running total: the second tier of
/// "first 100,000, next 400,000" ends at 500,000), the last without limit. The first tier's
/// free quantity is free once.
pub fn tiers(
    prices: &PriceTable,
    region: &str,
    tiers: &[(PriceKey, &str)],
    quantity: f64,
) -> Result<Vec<Component>, Missing> {
    let Some(((first_key, first_name), rest)) = tiers.split_first() else {
        return Ok(Vec::new());
    };
    let first = prices.get(region, *first_key)?;
    let free = first.free_quantity.unwrap_or(0.0);
    let mut lower = if rest.is_empty() {
        f64::INFINITY
    } else {
        first.tier_limit.unwrap_or(f64::INFINITY)
    };
    let mut out = vec![line(
        prices,
        region,
        *first_key,
        first_name,
        quantity.min(lower),
    )?];
    for (i, (key, name)) in rest.iter().enumerate() {
        if quantity <= lower {
            break;
        }
        let p = prices.get(region, *key)?;
        let upper = if i + 1 == rest.len() {
            f64::INFINITY
        } else {
            p.tier_limit.unwrap_or(f64::INFINITY)
        };
        let billable = (quantity.min(upper) - lower.max(free)).max(0.0);
        out.push(Component {
            name: name.to_string(),
            quantity: billable,
            unit: p.unit.clone(),
            unit_price_usd: p.usd,
            monthly_usd: billable * p.usd,
        });
        lower = upper;
    }
    Ok(out)
}

/// What `lines` cost a month together.
pub fn total(lines: &[Component]) -> f64 {
    lines.iter().map(|c| c.monthly_usd).sum()
}
