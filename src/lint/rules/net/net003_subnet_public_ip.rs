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

// NET003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
