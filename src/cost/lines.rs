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
    let first = prices.get(region, key)?;
    let free = first.free_quantity.unwrap_or(0.0);
    let limit = first.tier_limit.unwrap_or(f64::INFINITY);
    let in_first = quantity.min(limit);
    let mut out = vec![line(prices, region, key, names.0, in_first)?];
    if quantity > limit {
        let p = prices.get(region, over)?;
        out.push(Component {
            name: names.1.to_string(),
            quantity: quantity - limit.max(free),
            unit: p.unit.clone(),
            unit_price_usd: p.usd,
            monthly_usd: (quantity - limit.max(free)) * p.usd,
        });
    }
    Ok(out)
}

/// What `lines` cost a month together.
pub fn total(lines: &[Component]) -> f64 {
    lines.iter().map(|c| c.monthly_usd).sum()
}
