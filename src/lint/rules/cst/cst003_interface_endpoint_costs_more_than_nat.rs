//! # CST003 interface-endpoint-costs-more-than-nat
//!
//! **What it does.** Flags interface VPC endpoints that cost more per month than the NAT processing charges they save, at the profile's stated traffic.
//!
//! **Why.** An interface endpoint costs about $7.30 per AZ per month before traffic; it only pays for itself when enough traffic would otherwise cross a NAT gateway at $0.045/GB.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_vpc_endpoint" "ecr_api" {
//!   vpc_endpoint_type = "Interface"
//!   service_name      = "com.amazonaws.us-east-1.ecr.api"
//!   subnet_ids        = ["subnet-a", "subnet-b"]
//! }
//! ```
//!
//! **Fix.** Remove the endpoint and keep the traffic on the NAT gateway, or record the real traffic in `usage.endpoint_data_processed_gb`.
//!
//! In a petgen profile: `usage.endpoint_data_processed_gb`.
//!
//! checkov has no equivalent check.

use crate::facts::price_keys::PriceKey;
use crate::lint::rules::prelude::*;

declare_rule!(EndpointNotWorthIt {
    id: "CST003",
    name: "interface-endpoint-costs-more-than-nat",
    category: Cost,
    severity: Warning,
    checkov: [],
    profile_fix: Some("usage.endpoint_data_processed_gb"),
    source: include_str!("cst003_interface_endpoint_costs_more_than_nat.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cost) = ctx.cost else { return };
    let (Some(az_hour), Some(ep_gb), Some(nat_gb)) = (
        ctx.price(PriceKey::VpcInterfaceEndpointAzHour),
        ctx.price(PriceKey::VpcInterfaceEndpointGb),
        ctx.price(PriceKey::NatGatewayGb),
    ) else {
        return;
    };
    let gb = cost.usage().endpoint_data_processed_gb;
    for ep in ctx.resources("aws_vpc_endpoint") {
        if string(&ep.value("vpc_endpoint_type")).as_deref() != Some("Interface") {
            continue;
        }
        let azs = match ep.value("subnet_ids") {
            Some(Value::Array(a)) => a.len() as f64,
            _ => 1.0,
        };
        let monthly = azs * 730.0 * az_hour + gb * ep_gb;
        let saved = gb * nat_gb;
        if monthly > saved {
            out.push(ep.finding(&META, ep.pos(), format!("{} costs ${monthly:.2}/month and saves ${saved:.2} of NAT processing at {gb} GB/month", ep.address), "remove it, or set usage.endpoint_data_processed_gb to the real traffic"));
        }
    }
}
