//! # NET005 eip-unattached
//!
//! **What it does.** Flags Elastic IPs that no NAT gateway, EIP association, instance or network interface uses.
//!
//! **Why.** An idle public IPv4 address is billed every hour ($0.005/h) and is an address someone may later attach by mistake.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_eip" "spare" {
//!   domain = "vpc"
//! }
//! ```
//!
//! **Fix.** Attach the address (`aws_nat_gateway.allocation_id`, `aws_eip_association`) or remove it.
//!
//! checkov: CKV2_AWS_19.

use crate::lint::rules::prelude::*;

declare_rule!(EipAttached {
    id: "NET005",
    name: "eip-unattached",
    category: Cost,
    severity: Warning,
    checkov: ["CKV2_AWS_19"],
    profile_fix: None,
    source: include_str!("net005_eip_unattached.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for eip in ctx.resources("aws_eip") {
        if eip.attr("instance").is_some() || eip.attr("network_interface").is_some() {
            continue;
        }
        if !referenced_by(
            ctx,
            &eip,
            &[
                "aws_nat_gateway",
                "aws_eip_association",
                "aws_transfer_server",
            ],
            &["allocation_id", "address_allocation_ids"],
        ) {
            out.push(eip.finding(
                &META,
                eip.pos(),
                format!("{} is not attached to anything", eip.address),
                "attach it to a NAT gateway or remove it",
            ));
        }
    }
}
