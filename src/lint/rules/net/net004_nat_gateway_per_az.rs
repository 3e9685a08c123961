//! # NET004 nat-gateway-per-az
//!
//! **What it does.** In a production profile, compares the number of NAT gateways with the number of availability zones the private subnets use.
//!
//! **Why.** With fewer NAT gateways than AZs, the private subnets of every AZ route through a NAT in another AZ: when that AZ fails, every task loses its route to ECR, CloudWatch Logs and DynamoDB.
//!
//! **Example.**
//!
//! ```hcl
//! # two private subnets in two AZs, one NAT gateway
//! resource "aws_nat_gateway" "this" {
//!   allocation_id = aws_eip.nat.id
//!   subnet_id     = aws_subnet.public["us-east-1a"].id
//! }
//! ```
//!
//! **Fix.** Run one NAT gateway (with its Elastic IP) per AZ and route each private subnet through the NAT in its own AZ.
//!
//! In a petgen profile: `network.nat_gateways = "per_az"`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(NatPerAz {
    id: "NET004",
    name: "nat-gateway-per-az",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("network.nat_gateways = \"per_az\""),
    source: include_str!("net004_nat_gateway_per_az.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    let mut azs = std::collections::BTreeSet::new();
    for subnet in ctx.resources("aws_subnet") {
        match subnet.value("availability_zone") {
            Some(Value::String(az)) => {
                azs.insert(az);
            }
            _ => azs.extend(subnet.instance_keys().unwrap_or_default()),
        }
    }
    let mut nats = 0;
    let mut first = None;
    for nat in ctx.resources("aws_nat_gateway") {
        let Some(n) = nat.instances() else { return };
        nats += n;
        first.get_or_insert(nat);
    }
    if let Some(nat) = first {
        if nats < azs.len() {
            out.push(nat.finding(&META, nat.pos(), format!("{nats} NAT gateway(s) for {} availability zones: one AZ failure cuts the others off", azs.len()), "run one NAT gateway per AZ"));
        }
    }
}
