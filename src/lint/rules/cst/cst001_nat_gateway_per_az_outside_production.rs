//! # CST001 nat-gateway-per-az-outside-production
//!
//! **What it does.** Outside production, flags configurations that run more than one NAT gateway, and says what the extra ones cost.
//!
//! **Why.** Each NAT gateway costs about $33/month in hours plus $3.65 for its public IPv4 address before any traffic. A development environment rarely needs to survive an AZ outage.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_nat_gateway" "this" {
//!   for_each      = toset(["us-east-1a", "us-east-1b", "us-east-1c"])
//!   allocation_id = aws_eip.nat[each.key].id
//!   subnet_id     = aws_subnet.public[each.key].id
//! }
//! ```
//!
//! **Fix.** Run one NAT gateway and route every private subnet through it.
//!
//! In a petgen profile: `network.nat_gateways = "single"`.
//!
//! checkov has no equivalent check.

use crate::facts::price_keys::PriceKey;
use crate::lint::rules::prelude::*;

declare_rule!(NatPerAzNonProduction {
    id: "CST001",
    name: "nat-gateway-per-az-outside-production",
    category: Cost,
    severity: Warning,
    checkov: [],
    profile_fix: Some("network.nat_gateways = \"single\""),
    source: include_str!("cst001_nat_gateway_per_az_outside_production.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.production() {
        return;
    }
    let mut total = 0usize;
    let mut first = None;
    for nat in ctx.resources("aws_nat_gateway") {
        let Some(n) = nat.instances() else { return };
        total += n;
        first.get_or_insert(nat);
    }
    if let Some(nat) = first.filter(|_| total > 1) {
        let extra = (total - 1) as f64;
        let saving = match (
            ctx.price(PriceKey::NatGatewayHour),
            ctx.price(PriceKey::PublicIpv4Hour),
        ) {
            (Some(h), Some(ip)) => format!(
                " (${:.2}/month for the extra {})",
                extra * 730.0 * (h + ip),
                total - 1
            ),
            _ => String::new(),
        };
        out.push(nat.finding(
            &META,
            nat.pos(),
            format!("{total} NAT gateways outside production{saving}"),
            "run a single NAT gateway",
        ));
    }
}
