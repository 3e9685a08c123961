//! # NET010 default-route-target
//!
//! **What it does.** Flags default routes (0.0.0.0/0) that point at an EC2 NAT instance or a VPC peering connection.
//!
//! **Why.** A NAT instance is a single unmanaged host that all egress depends on; a default route into a peering connection sends all unknown traffic to another VPC.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_route" "out" {
//!   route_table_id         = aws_route_table.private.id
//!   destination_cidr_block = "0.0.0.0/0"
//!   instance_id            = aws_instance.nat.id
//! }
//! ```
//!
//! **Fix.** Route 0.0.0.0/0 to a NAT gateway (private subnets) or an internet gateway (public subnets); route peered VPCs by their CIDRs.
//!
//! checkov: CKV2_AWS_35, CKV2_AWS_44.

use crate::lint::rules::prelude::*;

declare_rule!(DefaultRouteTarget {
    id: "NET010",
    name: "default-route-target",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_35", "CKV2_AWS_44"],
    profile_fix: None,
    source: include_str!("net010_default_route_target.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let check = |res: &Res, body: Option<&hcl_edit::structure::Body>, out: &mut Vec<Finding>| {
        let has = |k: &str| match body {
            Some(b) => b.get_attribute(k).is_some(),
            None => res.attr(k).is_some(),
        };
        let dest = match body {
            Some(b) => res.value_in(b, "cidr_block"),
            None => res.value("destination_cidr_block"),
        };
        if string(&dest).as_deref() != Some("0.0.0.0/0") {
            return;
        }
        for (key, what) in [
            ("instance_id", "a NAT instance"),
            ("vpc_peering_connection_id", "a peering connection"),
        ] {
            if has(key) {
                out.push(res.finding(
                    &META,
                    res.pos(),
                    format!("{}: the default route points at {what}", res.address),
                    "route 0.0.0.0/0 to a NAT or internet gateway",
                ));
            }
        }
    };
    for r in ctx.resources("aws_route") {
        check(&r, None, out);
    }
    for t in ctx.resources("aws_route_table") {
        for b in t.blocks("route") {
            check(&t, Some(b), out);
        }
    }
}
