//! # NET003 subnet-public-ip
//!
//! **What it does.** Flags subnets with `map_public_ip_on_launch = true`.
//!
//! **Why.** Every network interface started in such a subnet gets a public address, reachable from the internet if a security group allows it. NAT gateways use Elastic IPs and do not need it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_subnet" "public" {
//!   vpc_id                  = aws_vpc.this.id
//!   cidr_block              = "10.0.0.0/24"
//!   map_public_ip_on_launch = true
//! }
//! ```
//!
//! **Fix.** Set `map_public_ip_on_launch = false` (the default) and give the few things that need a public address an Elastic IP.
//!
//! checkov: CKV_AWS_130.

use crate::lint::rules::prelude::*;

declare_rule!(SubnetPublicIp {
    id: "NET003",
    name: "subnet-public-ip",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_130"],
    profile_fix: None,
    source: include_str!("net003_subnet_public_ip.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for subnet in ctx.resources("aws_subnet") {
        if is_true(&subnet.value("map_public_ip_on_launch")) {
            out.push(subnet.finding(
                &META,
                subnet.pos_of("map_public_ip_on_launch"),
                format!("{} gives every interface a public IP", subnet.address),
                "set map_public_ip_on_launch = false",
            ));
        }
    }
}
